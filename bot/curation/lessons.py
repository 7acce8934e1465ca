"""The record of every question taught: who taught what, when, and whether it was undone.

Kept in the query log's file (a table of its own), beside the questions readers asked, so
the record survives index rebuilds and every bot process and curator's command share it.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from bot.curation.teach import Lesson

SCHEMA = """
CREATE TABLE IF NOT EXISTS lessons (
    id INTEGER PRIMARY KEY,
    taught_at REAL NOT NULL,
    taught_by TEXT NOT NULL,
    question TEXT NOT NULL,
    story_id TEXT NOT NULL,
    fact_id TEXT,            -- NULL: the story does not answer the question
    file TEXT NOT NULL,
    undone_at REAL,
    undone_by TEXT
);
"""


@dataclass(frozen=True)
class LessonRecord:
    id: int
    taught_at: float
    taught_by: str
    lesson: Lesson
    undone_at: float | None = None
    undone_by: str | None = None


class LessonLog:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.executescript(SCHEMA)

    def record(self, lesson: Lesson, by: str) -> int:
        cursor = self._conn.execute(
            "INSERT INTO lessons (taught_at, taught_by, question, story_id, fact_id, file) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (time.time(), by, lesson.question, lesson.story_id, lesson.fact_id,
             str(lesson.file)))
        return int(cursor.lastrowid)

    def mark_undone(self, lesson_id: int, by: str) -> None:
        self._conn.execute("UPDATE lessons SET undone_at = ?, undone_by = ? WHERE id = ?",
                           (time.time(), by, lesson_id))

    def latest(self, limit: int = 20, include_undone: bool = True) -> list[LessonRecord]:
        sql = "SELECT * FROM lessons"
        if not include_undone:
            sql += " WHERE undone_at IS NULL"
        rows = self._conn.execute(sql + " ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [self._from_row(row) for row in rows]

    def get(self, lesson_id: int) -> LessonRecord | None:
        row = self._conn.execute("SELECT * FROM lessons WHERE id = ?", (lesson_id,)).fetchone()
        return self._from_row(row) if row else None

    @staticmethod
    def _from_row(row) -> LessonRecord:
        (id_, taught_at, taught_by, question, story_id, fact_id, file, undone_at,
         undone_by) = row
        return LessonRecord(id_, taught_at, taught_by,
                            Lesson(question, story_id, fact_id, Path(file)),
                            undone_at, undone_by)

    def close(self) -> None:
        self._conn.close()


def teach(facts_dir: str | Path, log: LessonLog, question: str, *, by: str,
          fact_id: str | None = None, story_id: str | None = None) -> LessonRecord:
    """Teach a question to a fact (or, with story_id and no fact, as one the story does not
    answer) and record who taught it. The caller reindexes."""
    from bot.curation.teach import TeachError, teach_fact, teach_not_in_story

    if fact_id:
        lesson = teach_fact(facts_dir, question, fact_id)
    elif story_id:
        lesson = teach_not_in_story(facts_dir, question, story_id)
    else:
        raise TeachError("name the fact that answers the question, or the story that "
                         "does not")
    lesson_id = log.record(lesson, by)
    found = log.get(lesson_id)
    assert found is not None
    return found


def undo(facts_dir: str | Path, log: LessonLog, *, by: str,
         lesson_id: int | None = None) -> LessonRecord:
    """Take back a lesson: the given one, or the latest not yet undone."""
    from bot.curation.teach import TeachError, unteach

    if lesson_id is None:
        latest = log.latest(limit=1, include_undone=False)
        if not latest:
            raise TeachError("nothing to undo: no lesson was taught")
        record = latest[0]
    else:
        record = log.get(lesson_id)
        if record is None:
            raise TeachError(f"no lesson {lesson_id}")
        if record.undone_at is not None:
            raise TeachError(f"lesson {lesson_id} was undone already")
    unteach(facts_dir, record.lesson)
    log.mark_undone(record.id, by)
    return record
