"""Plain data objects for stories, entities, facts and timeline events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ENTITY_KINDS = ("person", "group", "organisation", "place", "event", "document")
DATE_PRECISIONS = ("day", "week", "month", "year")


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

    def source_line(self) -> str:
        return f"{self.title} ({self.outlet}, {format_date(self.published, 'day')})"


@dataclass(frozen=True)
class Entity:
    id: str
    story_id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    profile: str | None = None

    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Fact:
    id: str
    story_id: str
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
    story_id: str
    date: dt.date
    date_text: str
    date_precision: str
    title: str
    facts: tuple[str, ...] = ()

    def when(self) -> str:
        return describe_date(self.date, self.date_precision, self.date_text)


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
