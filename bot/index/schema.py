"""What readers and the builder of the index agree on."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.factbase.models import Entity, Event, Fact, Story, base_type

SCHEMA_VERSION = 5  # bump when the tables change: older indexes are then rebuilt
POSTING_TYPECODE = "q"  # postings are arrays of 64-bit integers: row * 2 + said-in-text
# The packages whose code decides what an index holds: the fact model and loader, text
# analysis, the index builder and the engine that reads its rows. Whole packages, so that a
# module added to or moved between them is covered without anyone remembering to list it.
ANALYSIS_PACKAGES = ("factbase", "language", "index", "engine")
BOT_PACKAGE = Path(__file__).resolve().parent.parent


def source_digest(root: Path = BOT_PACKAGE, packages: tuple[str, ...] = ANALYSIS_PACKAGES
                  ) -> str:
    """A digest of every Python file in `packages` under `root`, names and contents."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """A digest of the code that turns facts into stored rows: when it changes, stored
    analyses are stale, and no story may be copied from an older index."""
    return source_digest()


# ------------------------------------------------------------------------------ tables
# Each table's columns are declared once, here. A table holding a model (Story, Entity,
# Fact, Event) takes its columns from the model's fields, so a field added to the model is
# created, written, copied and read back with no other change; the index's own columns
# (analyses, positions) are declared beside it.


@dataclass(frozen=True)
class _Codec:
    stored: type  # the column's type: str, int or bytes
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


def _json_tuple(value: str | None) -> tuple:
    return tuple(json.loads(value)) if value else ()


_CODECS: dict[type, _Codec] = {
    str: _Codec(str, lambda v: v, lambda v: v),
    int: _Codec(int, lambda v: v, lambda v: v),
    bool: _Codec(int, lambda v: int(v), lambda v: bool(v)),
    tuple: _Codec(str, lambda v: json.dumps(list(v)), _json_tuple),
    dt.date: _Codec(str, lambda v: v.isoformat() if v else None,
                    lambda v: dt.date.fromisoformat(v) if v else None),
}


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, type]  # every column in order: name -> str, int or bytes
    pk: str | tuple[str, ...] | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    model: type | None = None
    model_columns: tuple[str, ...] = ()  # the model's fields, stored as they are encoded
    extra_columns: tuple[str, ...] = ()  # the index's own columns, after the model's
    _encoders: tuple[Callable[[Any], Any], ...] = ()
    _decoders: tuple[tuple[str, Callable[[Any], Any], Any], ...] = ()

    @property
    def row_columns(self) -> tuple[str, ...]:
        """What `row` returns: the model's columns, then the index's own."""
        return self.model_columns + self.extra_columns

    def encode(self, obj: Any) -> tuple:
        """A model object's fields as stored, in `model_columns` order."""
        return tuple(encode(getattr(obj, name))
                     for name, encode in zip(self.model_columns, self._encoders, strict=True))

    def extras(self, **extra: Any) -> tuple:
        """The index's own columns of a row, in `extra_columns` order: all of them, by name."""
        if extra.keys() != set(self.extra_columns):
            raise ValueError(f"{self.name}: give exactly {', '.join(self.extra_columns)}")
        return tuple(extra[name] for name in self.extra_columns)

    def row(self, obj: Any, **extra: Any) -> tuple:
        """The values of `row_columns`: the object's fields, then every extra column."""
        return self.encode(obj) + self.extras(**extra)

    def decode(self, row: Any) -> Any:
        """The model object of a stored row (a sqlite3.Row or a mapping)."""
        values = {}
        for name, decode, default in self._decoders:
            value = row[name]
            values[name] = default if value is None and default is not None else decode(value)
        return self.model(**values)

    def insert_sql(self, columns: tuple[str, ...]) -> str:
        return (f"INSERT INTO {self.name} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})")

    def create(self, db: Any) -> None:
        """Create the table in a sqlite_utils.Database."""
        db[self.name].create(dict(self.columns), pk=self.pk,
                             foreign_keys=list(self.foreign_keys) or None)


def table(name: str, columns: dict[str, type] | None = None, *, model: type | None = None,
          omit: tuple[str, ...] = (), before: dict[str, type] | None = None,
          after: dict[str, type] | None = None, pk: str | tuple[str, ...] | None = None,
          foreign_keys: tuple[tuple[str, str, str], ...] = ()) -> Table:
    """A table of plain `columns`, or of `model`'s fields but `omit`, with the index's own
    columns `before` and `after` them."""
    if model is None:
        return Table(name, dict(columns or {}), pk, foreign_keys)
    names = tuple(f.name for f in fields(model) if f.name not in omit)
    codecs = [_CODECS[base_type(model, n)] for n in names]
    defaults = {f.name: f.default for f in fields(model)}
    return Table(
        name, {**(before or {}), **{n: c.stored for n, c in zip(names, codecs, strict=True)},
               **(after or {})},
        pk, foreign_keys, model, names, tuple(after or ()),
        tuple(c.encode for c in codecs),
        tuple((n, c.decode, defaults[n] if defaults[n] is not MISSING else None)
              for n, c in zip(names, codecs, strict=True)),
    )


_OF_STORY = (("story_id", "stories", "id"),)
META = table("meta", {"key": str, "value": str}, pk="key")
# words: what a reader may type that the story knows (typo correction); term_counts: how
# many of the story's facts hold each term (a JSON object), so that a question asked of one
# story weighs its words by that story alone, whatever other stories the archive holds.
STORIES = table("stories", model=Story, pk="id",
                after={"fingerprint": str, "words": str, "term_counts": str, "first_row": int,
                       "last_row": int})
# What the reader loads of every story when it opens the index; the rest, on demand.
STORY_OPENING_COLUMNS = (*STORIES.model_columns, "first_row", "last_row")
ENTITIES = table("entities", model=Entity, pk=("story_id", "id"), foreign_keys=_OF_STORY)
FACTS = table(
    "facts", model=Fact, pk="row", foreign_keys=_OF_STORY,
    omit=("draft",),  # drafts are never indexed
    before={"row": int},
    # The fact's analysis: its terms, the terms of what it says itself, its traits (TRAITS,
    # one JSON value) and trait flags; from_record: made from story.toml, not a curated fact.
    after={"content_hash": str, "terms": str, "text_terms": str, "traits": str, "flags": int,
           "from_record": int},
)
# The analysis read when scoring a candidate, in the facts' "traits" column, in this order.
TRAITS = ("phrasings", "question_words", "entity_kinds", "actors", "generated")
FACT_ENTITIES = table("fact_entities", {"row": int, "story_id": str, "entity_id": str},
                      foreign_keys=(("row", "facts", "row"),))
# position: the event's place in its story's timeline, by date and then as its curator
# listed the events of one day (EVENT_ORDER reads them back so).
EVENTS = table("events", model=Event, pk=("story_id", "id"), foreign_keys=_OF_STORY,
               after={"position": int})
EVENT_ORDER = "date, story_id, position"
POSTINGS = table("postings", {"term": str, "df": int, "rows": bytes}, pk="term")
VOCABULARY = table("vocabulary", {"word": str, "stem": str}, pk="word")
BLOBS = table("blobs", {"name": str, "data": bytes}, pk="name")
TABLES = (META, STORIES, ENTITIES, FACTS, FACT_ENTITIES, EVENTS, POSTINGS, VOCABULARY, BLOBS)
