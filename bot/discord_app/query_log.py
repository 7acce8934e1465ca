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


class QueryLog:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # A short wait: the log is written on the event loop, and another bot process
        # holding the lock must not hold up answers (a failed write is logged and dropped).
        self._conn = sqlite3.connect(self.path, timeout=0.5, isolation_level=None,
                                     check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.executescript(SCHEMA)

    def record(self, *, guild_id: int | None, channel_id: int | None, source: str,
               question: str, fact_id: str | None, score: float, answered: bool,
               latency_ms: float) -> None:
        # Autocommit in WAL mode: each question is in the log before the reply goes out and
        # survives the process stopping (synchronous=NORMAL trades only power-loss safety).
        self._conn.execute(
            "INSERT INTO queries (asked_at, guild_id, channel_id, source, question, fact_id,"
            " score, answered, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (time.time(), guild_id, channel_id, source, question, fact_id, score,
             int(answered), latency_ms),
        )

    def summary(self, guild_id: int | None, since: float = 0.0,
                latency_window: int = 1000) -> LogSummary:
        """Counts and latency for one server (questions in direct messages: guild_id None)."""
        answered, declined = self._conn.execute(
            "SELECT COALESCE(SUM(answered), 0), COALESCE(SUM(1 - answered), 0) FROM queries"
            " WHERE guild_id IS ? AND asked_at >= ?", (guild_id, since)
        ).fetchone()
        latencies = [row[0] for row in self._conn.execute(
            "SELECT latency_ms FROM queries WHERE guild_id IS ? AND asked_at >= ?"
            " ORDER BY id DESC LIMIT ?", (guild_id, since, latency_window))]
        return LogSummary(int(answered), int(declined),
                          statistics.median(latencies) if latencies else None)

    def unanswered(self, guild_id: int | None, limit: int = 15) -> list[Unanswered]:
        """One server's latest declined questions, each once with how often it was asked.
        Other servers' questions stay private to them."""
        rows = self._conn.execute(
            "SELECT MAX(asked_at), MIN(question), COUNT(*) FROM queries"
            " WHERE answered = 0 AND question != '' AND guild_id IS ?"
            " GROUP BY lower(question) ORDER BY MAX(asked_at) DESC LIMIT ?", (guild_id, limit)
        ).fetchall()
        return [Unanswered(*row) for row in rows]

    def close(self) -> None:
        self._conn.close()
