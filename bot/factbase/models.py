"""Plain data objects for stories, entities, facts and timeline events."""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import MISSING, dataclass, field, fields
from functools import cache

ENTITY_KINDS = ("person", "group", "organisation", "place", "event", "document")
DATE_PRECISIONS = ("day", "week", "month", "year")
# What a draft writes when it found no byline or outlet: never a name to show readers.
PLACEHOLDER_AUTHORS = frozenset({"unknown", "unknown author", "unknown outlet", "n/a", "none",
                                 "tbd", "author", "outlet"})
# A field's metadata: its value comes from the folder the record is in, never from the record.
FROM_FOLDER = {"from_folder": True}


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    outlet: str
    author: str
    published: dt.date
    article_path: str
    contributors: tuple[str, ...] = ()
    article_text: str = ""
    # Questions readers asked that the story does not answer, taught by a curator: they
    # and questions like them are declined with confidence.
    unanswerable: tuple[str, ...] = ()

    def source_line(self) -> str:
        return f"{self.title} ({self.outlet}, {format_date(self.published, 'day')})"


@dataclass(frozen=True)
class Entity:
    id: str
    story_id: str = field(metadata=FROM_FOLDER)
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    profile: str | None = None

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Fact:
    """A fact's fields are its columns everywhere: the fields facts.toml accepts (with their
    types, required when without a default), the index's columns and what the index reads
    back all derive from them, so adding a field here adds it everywhere."""

    id: str
    story_id: str = field(metadata=FROM_FOLDER)
    answer: str
    quote: str
    entities: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    speaker: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    draft: bool = False

    def when(self) -> str | None:
        """The date as a reader wants it: the calendar date and the article's own words."""
        if self.date is None:
            return None
        return describe_date(self.date, self.date_precision, self.date_text)


@dataclass(frozen=True)
class Event:
    id: str
    story_id: str = field(metadata=FROM_FOLDER)
    date: dt.date
    date_text: str
    date_precision: str
    title: str
    facts: tuple[str, ...] = ()

    def when(self) -> str:
        return describe_date(self.date, self.date_precision, self.date_text)


def timeline_order(event: Event) -> tuple:
    """Events in date order, story by story; a sort by it is stable, so the events of one
    story and day stay in the order its curator listed them (timeline.toml)."""
    return (event.date, event.story_id)


def base_type(model: type, name: str) -> type:
    """A field's type without None: `str | None` is str, `tuple[str, ...]` is tuple."""
    hint = typing.get_type_hints(model)[name]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return typing.get_origin(hint) or hint


def has_default(model: type, name: str) -> bool:
    found = next(f for f in fields(model) if f.name == name)
    return found.default is not MISSING or found.default_factory is not MISSING


@cache  # read for every record loaded
def file_fields(model: type) -> dict[str, tuple[type, bool]]:
    """The fields a record of `model` has in its TOML file, in order: name -> (the TOML
    value's type, required). Tuples are written as arrays; a field with no default is
    required."""
    return {f.name: (list if base_type(model, f.name) is tuple else base_type(model, f.name),
                     not has_default(model, f.name))
            for f in fields(model) if not f.metadata.get("from_folder")}


EntityKey = tuple[str, str]  # (story id, entity id): each story describes its own entities


@dataclass
class FactBase:
    stories: dict[str, Story] = field(default_factory=dict)
    # The same id in two stories is the same person or body, described by each story in
    # its own words (aliases, profile), so its facts stay with their story.
    entities: dict[EntityKey, Entity] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    synonyms: list[tuple[str, ...]] = field(default_factory=list)

    def entity(self, story_id: str, entity_id: str | None) -> Entity | None:
        return self.entities.get((story_id, entity_id)) if entity_id else None

    def counts(self) -> dict[str, int]:
        return {
            "stories": len(self.stories),
            "facts": len(self.facts),
            "entities": len({key[1] for key in self.entities}),
            "events": len(self.events),
        }


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the fact files, said so that a curator can fix it."""

    file: str
    where: str
    message: str
    level: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f":{self.where}" if self.where else ""
        return f"{self.file}{where}: {self.level}: {self.message}"


def format_date(date: dt.date, precision: str | None) -> str:
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return date.strftime("%B %Y")
    if precision == "week":
        return f"the week of {date.day} {date.strftime('%B %Y')}"
    return f"{date.day} {date.strftime('%B %Y')}"


def describe_date(date: dt.date, precision: str | None, text: str | None) -> str:
    formatted = format_date(date, precision)
    if text and text.strip().lower() not in formatted.lower():
        return f"{formatted} (“{text}”)"
    return formatted
