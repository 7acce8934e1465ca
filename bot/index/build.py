"""Writes the SQLite index with sqlite-utils, atomically.

The new database is written beside the old one and renamed into place, so a reader
(another process, or the Discord bot mid-question) never opens half an index; readers open
it as immutable and keep reading the file they opened.

Each fact is stored with its analysis (terms, phrasings, traits), and each term with the
rows of the facts that hold it (its postings), so answering a question reads a few
postings instead of analysing the fact base. A story whose files did not change is copied
from the previous index with its analysis, not read and analysed again.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from bot.factbase.models import Entity, Event, FactBase, Story
from bot.index.prepare import PreparedStory, analyse_stories
from bot.index.schema import (
    ENTITIES,
    EVENTS,
    FACTS,
    POSTING_TYPECODE,
    SCHEMA_VERSION,
    STORIES,
    TABLES,
    analysis_version,
)
from bot.language.text import stem


@dataclass
class BuildInput:
    """What to write: stories read from their files, and stories to copy unchanged."""

    base: FactBase
    source_fingerprint: str = ""
    shared_fingerprint: str = ""
    story_fingerprints: dict[str, str] = field(default_factory=dict)
    previous: Path | None = None  # the index the unchanged stories are copied from
    reused: tuple[str, ...] = ()
    prepared: dict[str, PreparedStory] | None = None  # analysed already (in workers)
    broken: str = ""  # JSON: stories left as they were because of their errors


def build_index(base: FactBase | BuildInput, db_path: str | Path,
                source_fingerprint: str = "") -> Path:
    plan = base if isinstance(base, BuildInput) else BuildInput(base, source_fingerprint)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp",
                                        dir=db_path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        _write(plan, tmp)
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    return db_path


def _create_tables(db: sqlite_utils.Database) -> None:
    """Every table exists even when empty, so readers need no special cases."""
    for table in TABLES:
        table.create(db)


def _write(plan: BuildInput, path: Path) -> None:
    db = sqlite_utils.Database(path, recreate=True)
    db.conn.execute("PRAGMA journal_mode = OFF")  # a private file, renamed in when complete
    db.conn.execute("PRAGMA synchronous = OFF")
    _create_tables(db)
    base = plan.base
    prepared = plan.prepared if plan.prepared is not None else analyse_stories(base)
    entities_by_story: dict[str, list[Entity]] = {}
    for entity in base.entities.values():
        entities_by_story.setdefault(entity.story_id, []).append(entity)
    reused = set(plan.reused)
    if reused:
        db.conn.execute("ATTACH DATABASE ? AS previous", (str(plan.previous),))
    with db.conn:
        # Rows are numbered story by story, in story order, whether a story is read again
        # or copied: a full and an incremental build give every fact the same row.
        sizes = _previous_sizes(db.conn, reused)
        next_row = 1
        shifts: dict[str, int] = {}
        for story_id in sorted({*prepared, *reused}):
            if story_id in reused:
                first, count = sizes[story_id]
                shifts[story_id] = next_row - first
                next_row += count
            else:
                _insert_story(db, base.stories[story_id], entities_by_story.get(story_id, []),
                              prepared[story_id], plan.story_fingerprints.get(story_id, ""),
                              next_row)
                next_row += len(prepared[story_id].rows)
        _copy_stories(db.conn, shifts)
        _insert_events(db, (e for e in base.events if e.story_id in prepared))
        db.conn.execute("INSERT INTO fact_entities (row, story_id, entity_id) "
                        "SELECT row, story_id, value FROM facts, json_each(facts.entities)")
    if reused:
        db.conn.execute("DETACH DATABASE previous")
    with db.conn:
        db.conn.execute("CREATE INDEX facts_story ON facts(story_id)")
        db.conn.execute("CREATE UNIQUE INDEX facts_id ON facts(id)")
        db.conn.execute(
            "UPDATE stories SET first_row = (SELECT min(row) FROM facts "
            "WHERE facts.story_id = stories.id), last_row = (SELECT max(row) FROM facts "
            "WHERE facts.story_id = stories.id)")
        fact_count = _insert_postings(db.conn)
        _insert_row_flags(db.conn)
        _insert_vocabulary(db.conn)
        db["fact_entities"].create_index(["entity_id"])
        db["meta"].insert_all([
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "analysis_version", "value": analysis_version()},
            {"key": "built_at", "value": str(time.time())},
            {"key": "source_fingerprint", "value": plan.source_fingerprint},
            {"key": "shared_fingerprint", "value": plan.shared_fingerprint},
            {"key": "synonyms", "value": json.dumps(base.synonyms)},
            {"key": "broken_stories", "value": plan.broken},
            {"key": "fact_count", "value": str(fact_count)},
            {"key": "curated_fact_count", "value": str(db.conn.execute(
                "SELECT count(*) FROM facts WHERE from_record = 0").fetchone()[0])},
        ])
    db.close()


def _previous_sizes(conn: sqlite3.Connection, reused: set[str]) -> dict[str, tuple[int, int]]:
    """The first row and number of facts of each story to copy from the previous index."""
    if not reused:
        return {}
    return {story_id: (first, count) for story_id, first, count in conn.execute(
        "SELECT story_id, min(row), count(*) FROM previous.facts GROUP BY story_id")
        if story_id in reused}


def _copy_stories(conn: sqlite3.Connection, shifts: dict[str, int]) -> None:
    """Copy unchanged stories from the previous index, each table in one statement, their
    facts moved to the rows they now have."""
    if not shifts:
        return
    conn.execute("CREATE TEMP TABLE copied (story_id TEXT PRIMARY KEY, shift INTEGER)")
    conn.executemany("INSERT INTO copied VALUES (?, ?)", shifts.items())
    for table in (STORIES, ENTITIES, EVENTS):
        names = ", ".join(table.columns)
        key = "id" if table is STORIES else "story_id"
        conn.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM "
                     f"previous.{table.name} WHERE {key} IN (SELECT story_id FROM copied)")
    names = ", ".join(FACTS.row_columns)
    picked = ", ".join(f"previous.facts.{name}" for name in FACTS.row_columns)
    conn.execute(f"INSERT INTO facts (row, {names}) SELECT previous.facts.row + copied.shift, "
                 f"{picked} FROM previous.facts JOIN copied USING (story_id)")
    conn.execute("DROP TABLE copied")


def _insert_story(db: sqlite_utils.Database, story: Story, entities: list[Entity],
                  prepared: PreparedStory, fingerprint: str, first_row: int) -> None:
    # first_row and last_row are set once every story's facts are in.
    db.conn.execute(STORIES.insert_sql(STORIES.row_columns), STORIES.row(
        story, fingerprint=fingerprint, words=prepared.words,
        term_counts=prepared.term_counts, first_row=None, last_row=None))
    db.conn.executemany(ENTITIES.insert_sql(ENTITIES.row_columns),
                        (ENTITIES.row(e) for e in entities))
    db.conn.executemany(FACTS.insert_sql(("row", *FACTS.row_columns)),
                        ((first_row + offset, *row) for offset, row in enumerate(prepared.rows)))


def _insert_events(db: sqlite_utils.Database, events: Iterable[Event]) -> None:
    """Events in timeline order (date, then as curated): each numbered within its story."""
    positions: defaultdict[str, int] = defaultdict(int)

    def numbered(event: Event) -> tuple:
        positions[event.story_id] += 1
        return EVENTS.row(event, position=positions[event.story_id])

    db.conn.executemany(EVENTS.insert_sql(EVENTS.row_columns), map(numbered, events))


def _insert_postings(conn: sqlite3.Connection) -> int:
    """Each term's fact rows, ascending, as one array: row * 2, plus 1 when the term is in
    what the fact itself says (its answer or quote) rather than only in its phrasings."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    count = 0
    for row, terms, text_terms in conn.execute(
            "SELECT row, terms, text_terms FROM facts ORDER BY row"):
        count += 1
        said = set(text_terms.split())
        value = row * 2
        for term in terms.split():
            postings[term].append(value + (term in said))
    conn.executemany(
        "INSERT INTO postings (term, df, rows) VALUES (?, ?, ?)",
        ((term, len(rows), array(POSTING_TYPECODE, rows).tobytes())
         for term, rows in postings.items()))
    return count


def _insert_row_flags(conn: sqlite3.Connection) -> None:
    """Every fact's trait flags, one byte per row: the scorer bounds a candidate's score
    with them before reading the fact."""
    last = conn.execute("SELECT max(row) FROM facts").fetchone()[0] or 0
    flags = bytearray(last + 1)
    for row, value in conn.execute("SELECT row, flags FROM facts"):
        flags[row] = value
    conn.execute("INSERT INTO blobs (name, data) VALUES ('row_flags', ?)", (bytes(flags),))


def _insert_vocabulary(conn: sqlite3.Connection) -> None:
    words: set[str] = set()
    for (text,) in conn.execute("SELECT words FROM stories"):
        words.update(text.split())
    conn.executemany("INSERT INTO vocabulary (word, stem) VALUES (?, ?)",
                     ((w, stem(w)) for w in sorted(words) if not w.isdigit()))
