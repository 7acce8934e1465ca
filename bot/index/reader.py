"""Reads the index while questions are answered: postings and facts on demand.

Only what every question needs is loaded when the index is opened (stories, entities,
timeline, term frequencies, the vocabulary); facts and postings are read when a question
touches them, and a story's own term counts and words when a question is first asked of
that story alone. The file is opened read-only and immutable: the builder never changes an
index in place but renames a new one over it, and this reader keeps the file it opened, so
several processes can share one index and a reload never mixes two.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np

from bot.factbase.models import Entity, Event, Fact, Story
from bot.index.schema import (
    ENTITIES,
    EVENT_ORDER,
    EVENTS,
    FACTS,
    POSTING_TYPECODE,
    SCHEMA_VERSION,
    STORIES,
    STORY_OPENING_COLUMNS,
    TRAITS,
)
from bot.index.store import IndexError_
from bot.language.fact_analysis import FactTerms

FACT_CACHE_SIZE = 4096
POSTINGS_CACHE_SIZE = 1024
STORY_TERMS_CACHE_SIZE = 64  # stories whose term counts and words are kept loaded
EMPTY_POSTINGS = array(POSTING_TYPECODE)


def file_identity(path: Path) -> tuple[int, int, int]:
    """What tells one index file from the next: a rebuild renames a new file into place."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns, info.st_size


@dataclass(frozen=True)
class IndexedFact:
    row: int
    fact: Fact
    analysis: FactTerms
    content_hash: str
    terms: frozenset[str]
    text_terms: frozenset[str]
    phrasing_sets: tuple[tuple[frozenset[str], str], ...]  # each phrasing's terms and text
    phrasings_holding: dict[str, tuple[int, ...]]  # term -> positions of its phrasings


@dataclass(frozen=True)
class StoryTerms:
    fact_count: int  # the story's facts, those made from its record included
    document_frequency: dict[str, int]  # term -> how many of them hold it
    words: tuple[str, ...]  # what a reader may type that the story knows


def _positions_by_term(phrasings: tuple[tuple[str, ...], ...]) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for position, phrasing in enumerate(phrasings):
        for term in phrasing:
            if not term.startswith("?"):  # a shared question word alone is no evidence
                found.setdefault(term, []).append(position)
    return {term: tuple(positions) for term, positions in found.items()}


class _LRU(OrderedDict):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key, value) -> None:
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)


class IndexReader:
    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        try:
            self.identity = file_identity(self.path)
        except OSError as exc:
            raise IndexError_(f"the index {self.path} does not exist; run 'storybot index'"
                              ) from exc
        try:
            self._conn = sqlite3.connect(f"file:{quote(str(self.path))}?mode=ro&immutable=1",
                                         uri=True, check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            self._load()
        except (sqlite3.Error, KeyError, ValueError) as exc:
            raise IndexError_(f"the index {self.path} cannot be read ({exc}); "
                              "run 'storybot index' to rebuild it") from exc
        # One connection, used by one thread at a time: the Discord bot answers on its event
        # loop while a reload builds the next engine in a worker thread.
        self._lock = threading.Lock()
        self._facts: _LRU = _LRU(FACT_CACHE_SIZE)
        self._postings: _LRU = _LRU(POSTINGS_CACHE_SIZE)
        self._story_terms: _LRU = _LRU(STORY_TERMS_CACHE_SIZE)

    def _load(self) -> None:
        conn = self._conn
        self.meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if self.meta.get("schema_version") != str(SCHEMA_VERSION):
            raise ValueError(f"schema version {self.meta.get('schema_version')}, "
                             f"expected {SCHEMA_VERSION}")
        self.synonyms = [tuple(g) for g in json.loads(self.meta.get("synonyms", "[]"))]
        self.fact_count = int(self.meta.get("fact_count", 0))
        self.stories: dict[str, Story] = {}
        self.story_rows: dict[str, tuple[int, int]] = {}
        columns = ", ".join(STORY_OPENING_COLUMNS)
        for row in conn.execute(f"SELECT {columns} FROM stories ORDER BY id"):
            self.stories[row["id"]] = STORIES.decode(row)
            self.story_rows[row["id"]] = (row["first_row"] or 0, row["last_row"] or -1)
        self.entities: dict[tuple[str, str], Entity] = {
            (row["story_id"], row["id"]): ENTITIES.decode(row)
            for row in conn.execute("SELECT * FROM entities ORDER BY story_id, rowid")
        }
        # (story id, entity id) -> the row of the entity's profile fact
        self.profile_rows: dict[tuple[str, str], int] = {
            (story_id, entity_id): row for story_id, entity_id, row in conn.execute(
                "SELECT entities.story_id, entities.id, facts.row FROM entities "
                "JOIN facts ON facts.id = entities.profile")
        }
        self.events: list[Event] = [
            EVENTS.decode(row)
            for row in conn.execute(f"SELECT * FROM events ORDER BY {EVENT_ORDER}")
        ]
        found = conn.execute("SELECT data FROM blobs WHERE name = 'row_flags'").fetchone()
        self.row_count = conn.execute("SELECT max(row) FROM facts").fetchone()[0] or 0
        # One byte of trait flags per row (all set where unknown: bounds stay bounds).
        self.row_flag_array = np.full(self.row_count + 1, 0xFF, dtype=np.uint8)
        if found:
            flags = np.frombuffer(found[0], dtype=np.uint8)[: self.row_count + 1]
            self.row_flag_array[: len(flags)] = flags
        self.document_frequency: dict[str, int] = dict(
            conn.execute("SELECT term, df FROM postings").fetchall())
        self.vocabulary: list[tuple[str, str]] = conn.execute(
            "SELECT word, stem FROM vocabulary").fetchall()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _query(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    # -- postings -------------------------------------------------------------------------

    def postings(self, term: str) -> array:
        """The rows of the facts holding term, ascending, each as row * 2 + said-in-text."""
        cached = self._postings.get(term)
        if cached is not None:
            return cached
        found = self._query("SELECT rows FROM postings WHERE term = ?", (term,))
        result = array(POSTING_TYPECODE)
        if found:
            result.frombytes(found[0][0])
        else:
            result = EMPTY_POSTINGS
        self._postings.put(term, result)
        return result

    # -- one story ------------------------------------------------------------------------

    def story_terms(self, story_id: str) -> StoryTerms:
        """How many of one story's facts hold each term, and the words it knows: what a
        question asked of that story alone is weighed and corrected by."""
        cached = self._story_terms.get(story_id)
        if cached is not None:
            return cached
        found = self._query("SELECT term_counts, words FROM stories WHERE id = ?", (story_id,))
        first, last = self.story_rows.get(story_id, (0, -1))
        counts, words = (found[0]["term_counts"], found[0]["words"]) if found else ("{}", "")
        terms = StoryTerms(fact_count=last - first + 1,
                           document_frequency=json.loads(counts or "{}"),
                           words=tuple((words or "").split()))
        self._story_terms.put(story_id, terms)
        return terms

    # -- facts ----------------------------------------------------------------------------

    def fact_at(self, row: int) -> IndexedFact | None:
        cached = self._facts.get(row)
        if cached is not None:
            return cached
        found = self._query("SELECT * FROM facts WHERE row = ?", (row,))
        return self._remember(found[0]) if found else None

    def facts_at(self, rows: list[int]) -> dict[int, IndexedFact]:
        """Several facts in one query (the scorer reads its candidates in batches)."""
        result = {row: self._facts[row] for row in rows if row in self._facts}
        missing = [row for row in rows if row not in result]
        if missing:
            marks = ", ".join("?" for _ in missing)
            for found in self._query(f"SELECT * FROM facts WHERE row IN ({marks})",
                                     tuple(missing)):
                result[found["row"]] = self._remember(found)
        return result

    def fact(self, fact_id: str) -> IndexedFact | None:
        found = self._query("SELECT row FROM facts WHERE id = ?", (fact_id,))
        return self.fact_at(found[0][0]) if found else None

    def _remember(self, row: sqlite3.Row) -> IndexedFact:
        terms = tuple(row["terms"].split())
        text_terms = tuple(row["text_terms"].split())
        traits = dict(zip(TRAITS, json.loads(row["traits"]), strict=True))
        phrasings = tuple(tuple(p) for p in traits["phrasings"])
        indexed = IndexedFact(
            row=row["row"],
            fact=FACTS.decode(row),
            terms=frozenset(terms),
            text_terms=frozenset(text_terms),
            phrasing_sets=tuple((frozenset(p), " ".join(p)) for p in phrasings),
            phrasings_holding=_positions_by_term(phrasings),
            analysis=FactTerms(
                terms=terms,
                text_terms=text_terms,
                phrasings=phrasings,
                question_words=tuple(traits["question_words"]),
                flags=row["flags"],
                entity_kinds=tuple(traits["entity_kinds"]),
                actors=tuple((e, kind) for e, kind in traits["actors"]),
                generated=traits["generated"],
            ),
            content_hash=row["content_hash"],
        )
        self._facts.put(indexed.row, indexed)
        return indexed

    def fact_rows_of_entity(self, entity_id: str, story_id: str | None = None) -> list[int]:
        """Rows of the facts that involve an entity, in one story or in all of them."""
        if story_id is None:
            found = self._query("SELECT DISTINCT row FROM fact_entities WHERE entity_id = ? "
                                "UNION SELECT row FROM facts WHERE speaker = ? ORDER BY row",
                                (entity_id, entity_id))
        else:
            found = self._query("SELECT DISTINCT row FROM fact_entities WHERE entity_id = ? "
                                "AND story_id = ? UNION SELECT row FROM facts WHERE speaker = ? "
                                "AND story_id = ? ORDER BY row",
                                (entity_id, story_id, entity_id, story_id))
        return [row[0] for row in found]

    def fact_hashes(self) -> dict[str, str]:
        """Every fact id with a digest of its content, to tell what a reload changed."""
        return dict(self._query("SELECT id, content_hash FROM facts"))

    def fact_answers(self) -> list[tuple[str, str]]:
        """Every fact id with its answer, in index order (for pickers such as /admin teach)."""
        return [tuple(row) for row in self._query("SELECT id, answer FROM facts ORDER BY row")]

    def questions(self, story_id: str | None = None, per_fact: int = 2) -> list[str]:
        """Curated questions, the first few of each fact, for autocomplete."""
        from bot.factbase.story_facts import is_not_in_story

        sql = "SELECT id, questions FROM facts"
        args: tuple = ()
        if story_id is not None:
            sql += " WHERE story_id = ?"
            args = (story_id,)
        return [q for (fact_id, text) in self._query(sql + " ORDER BY row", args)
                if not is_not_in_story(fact_id) for q in json.loads(text)[:per_fact]]

    def counts(self) -> dict[str, int]:
        return {
            "stories": len(self.stories),
            "facts": int(self.meta.get("curated_fact_count", self.fact_count)),
            "entities": len({key[1] for key in self.entities}),
            "events": len(self.events),
        }
