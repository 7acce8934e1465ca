"""The query log: every question asked on Discord, kept in its own SQLite file.

It lives apart from the derived index, so rebuilding the index never loses it. It holds
no user ids: the per-user cooldown is kept in memory only. WAL mode lets several bot
processes (one per group of shards) write to the same file.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS queries (
    id INTEGER PRIMARY KEY,
    asked_at REAL NOT NULL,
    guild_id INTEGER,
    channel_id INTEGER,
    source TEXT NOT NULL,
    question TEXT NOT NULL,
    fact_id TEXT,
    score REAL NOT NULL,
    answered INTEGER NOT NULL,
    latency_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS queries_answered ON queries (answered, asked_at);
"""


@dataclass(frozen=True)
class LogSummary:
    answered: int
    declined: int
    median_latency_ms: float | None


@dataclass(frozen=True)
class Unanswered:
    asked_at: float
    question: str
    times: int
    best_fact: str | None
    best_score: float


class QueryLog:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.executescript(SCHEMA)

    def record(self, *, guild_id: int | None, channel_id: int | None, source: str,
               question: str, fact_id: str | None, score: float, answered: bool,
               latency_ms: float) -> None:
        # Autocommit: each question is on disk before the reply goes out.
        self._conn.execute(
            "INSERT INTO queries (asked_at, guild_id, channel_id, source, question, fact_id,"
            " score, answered, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (time.time(), guild_id, channel_id, source, question, fact_id, score,
             int(answered), latency_ms),
        )

    def summary(self, since: float = 0.0, latency_window: int = 1000) -> LogSummary:
        answered, declined = self._conn.execute(
            "SELECT COALESCE(SUM(answered), 0), COALESCE(SUM(1 - answered), 0) FROM queries"
            " WHERE asked_at >= ?", (since,)
        ).fetchone()
        latencies = [row[0] for row in self._conn.execute(
            "SELECT latency_ms FROM queries WHERE asked_at >= ? ORDER BY id DESC LIMIT ?",
            (since, latency_window))]
        return LogSummary(int(answered), int(declined),
                          statistics.median(latencies) if latencies else None)

    def unanswered(self, limit: int = 15) -> list[Unanswered]:
        """The latest declined questions, each once with how often it was asked."""
        rows = self._conn.execute(
            "SELECT MAX(asked_at), question, COUNT(*), fact_id, MAX(score) FROM queries"
            " WHERE answered = 0 AND question != '' GROUP BY lower(question)"
            " ORDER BY MAX(asked_at) DESC LIMIT ?", (limit,)
        ).fetchall()
        return [Unanswered(*row) for row in rows]

    def close(self) -> None:
        self._conn.close()
