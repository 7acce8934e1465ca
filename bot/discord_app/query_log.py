"""The query log: every question asked on Discord, kept in its own SQLite file.

It lives apart from the derived index, so rebuilding the index never loses it. It holds
no user ids: the per-user cooldown is kept in memory only. WAL mode lets several bot
processes (one per group of shards) write to the same file.

Recording a question never waits for the file: rows go to a queue that a writer thread
drains. While the file cannot be written (another process holds its lock during a VACUUM
or a backup, the disk is full, the file is read-only) the rows wait in memory and are
retried; past `backlog_limit` rows, and at shutdown, those still waiting are appended to
a spill file beside the log (`<log>.pending.jsonl`), which is read back into the log as
soon as it can be written again. Summaries count the rows still waiting, so what the
admins see is what was asked.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("storybot.query_log")

# The log's columns, declared once: the table, its inserts, the rows waiting in memory and
# in the spill file (in this order), and the upgrade of an older log all come from here.
# Columns are only ever added, at the end, and nullable (SQLite adds no NOT NULL column to
# a table that has rows): an older log gets them on open, and an older spilled row, shorter,
# is read with NULL in them.
COLUMNS: dict[str, str] = {
    "asked_at": "REAL NOT NULL",
    "guild_id": "INTEGER",
    "channel_id": "INTEGER",
    "source": "TEXT NOT NULL",
    "question": "TEXT NOT NULL",
    "fact_id": "TEXT",
    "score": "REAL NOT NULL",
    "answered": "INTEGER NOT NULL",
    "latency_ms": "REAL NOT NULL",
    # The story the question was asked of (the story option, or the channel's story); NULL
    # when asked of every story.
    "asked_story": "TEXT",
    # The story of the answer, or when declined of the best suggestion; NULL when none.
    "answer_story": "TEXT",
}
# How many leading columns every row has: those of the log's first layout.
FIRST_LAYOUT = 9
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS queries (\n    id INTEGER PRIMARY KEY,\n"
    + ",\n".join(f"    {name} {declared}" for name, declared in COLUMNS.items())
    + "\n);\nCREATE INDEX IF NOT EXISTS queries_answered ON queries (answered, asked_at);\n"
)
INSERT = (f"INSERT INTO queries ({', '.join(COLUMNS)}) "
          f"VALUES ({', '.join('?' for _ in COLUMNS)})")
DAY = 86400.0

Row = tuple  # the COLUMNS, in order


def open_schema(conn: sqlite3.Connection) -> None:
    """Create the log's table, or add to an older log the columns it lacks (its rows get
    NULL in them). Several processes may open one log at once: the columns are looked at
    again under the write lock, so only one of them adds each. Switching to WAL is here, in
    the same retried step, because it needs a lock too: a log locked at start must not stop
    the bot (the writer thread retries)."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.executescript(SCHEMA)
    if missing_columns(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = missing_columns(conn)
            for name in added:
                conn.execute(f"ALTER TABLE queries ADD COLUMN {name} {COLUMNS[name]}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if added:
            log.info("added the column(s) %s to the query log", ", ".join(added))


def missing_columns(conn: sqlite3.Connection) -> list[str]:
    """The declared columns an existing log lacks (a log written by an older storybot)."""
    present = {row[1] for row in conn.execute("PRAGMA table_info(queries)")}
    return [name for name in COLUMNS if name not in present]


def full_row(values: object) -> Row | None:
    """A row of COLUMNS from a spilled one, which an older storybot wrote without the
    columns added since; None for a line that is no row."""
    if not isinstance(values, list) or not FIRST_LAYOUT <= len(values) <= len(COLUMNS):
        return None
    return tuple(values) + (None,) * (len(COLUMNS) - len(values))


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
    backlog_limit = 10_000  # rows kept in memory while the file cannot be written
    retry_seconds = 1.0  # between attempts while the file cannot be written
    lock_wait_seconds = 1.0  # how long one attempt waits for another process's lock

    def __init__(self, path: str | Path, *, retention_days: float = 0.0) -> None:
        self.path = Path(path)
        self.spill_path = self.path.with_name(self.path.name + ".pending.jsonl")
        self.retention_days = retention_days
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._reader = self._connect(timeout=0.2)
        try:
            open_schema(self._reader)
        except sqlite3.OperationalError as exc:  # locked: the writer upgrades it when it can
            log.warning("cannot upgrade the query log %s yet (%s)", self.path, exc)
        self._incoming: queue.SimpleQueue[Row | None] = queue.SimpleQueue()
        # Rows recorded but not yet in the file, for summaries; guarded by _lock, which the
        # writer also holds while it commits, so no row is counted twice or not at all.
        self._pending: list[Row] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._writer = threading.Thread(target=self._write_forever, name="query-log",
                                        daemon=True)
        self._writer.start()

    def _connect(self, timeout: float) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                               check_same_thread=False)
        # Locked by another process: the safe default (FULL) stays, and the log starts anyway.
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    # -- recording (event loop) ---------------------------------------------------------

    def record(self, *, guild_id: int | None, channel_id: int | None, source: str,
               question: str, fact_id: str | None, score: float, answered: bool,
               latency_ms: float, asked_story: str | None = None,
               answer_story: str | None = None) -> None:
        """Queue one question for the log; returns at once, whatever state the file is in.
        asked_story: the story it was asked of, if one; answer_story: the story of its
        answer, or of the best suggestion when declined."""
        row = (time.time(), guild_id, channel_id, source, question, fact_id, float(score),
               int(answered), float(latency_ms), asked_story, answer_story)
        with self._lock:
            self._pending.append(row)
        self._incoming.put(row)

    # -- writing (writer thread) --------------------------------------------------------

    def _write_forever(self) -> None:
        conn: sqlite3.Connection | None = None
        batch: list[Row] = []
        failing: str | None = None  # the error of the last failed attempt, said once
        next_prune = 0.0
        while True:
            closing = self._closing.is_set()
            batch.extend(self._drain(block=not batch and not closing))
            try:
                if conn is None:
                    conn = self._connect(timeout=self.lock_wait_seconds)
                    open_schema(conn)
                if batch:
                    self._commit(conn, batch)
                    if failing:
                        log.warning("the query log %s can be written again; %d waiting "
                                    "question(s) written", self.path, len(batch))
                        failing = None
                    batch = []
                self._read_spill(conn)
                if self.retention_days and time.time() >= next_prune:
                    self._prune(conn)
                    next_prune = time.time() + DAY / 24
            except sqlite3.Error as exc:
                if conn is not None:  # reconnect: a file opened read-only stays read-only
                    conn.close()
                    conn = None
                # Said once an outage: a read-only file may also time out on its lock
                # under load, and a second message would only repeat the first.
                if failing is None:
                    log.warning("cannot write the query log %s (%s); keeping %d question(s) "
                                "to write when it can", self.path, exc, len(batch))
                failing = str(exc)
                if len(batch) > self.backlog_limit:
                    batch = self._spill(batch)
                if closing:
                    self._spill(batch)
                    return
                self._closing.wait(self.retry_seconds)
                continue
            if closing and self._incoming.empty():
                conn.close()
                return

    def _drain(self, block: bool) -> list[Row]:
        rows = []
        try:
            item = self._incoming.get(timeout=self.retry_seconds) if block else \
                self._incoming.get_nowait()
            while True:
                if item is not None:
                    rows.append(item)
                item = self._incoming.get_nowait()
        except queue.Empty:
            return rows

    def _commit(self, conn: sqlite3.Connection, rows: list[Row]) -> None:
        conn.execute("BEGIN IMMEDIATE")  # waits for another process's lock here, not below
        try:
            conn.executemany(INSERT, rows)
            with self._lock:
                conn.execute("COMMIT")
                self._forget(rows)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _forget(self, rows: Iterable[Row]) -> None:
        written = set(map(id, rows))
        self._pending = [row for row in self._pending if id(row) not in written]

    def _spill(self, rows: list[Row]) -> list[Row]:
        """Append rows to the spill file; returns those that could not be kept anywhere."""
        if not rows:
            return []
        try:
            with open(self.spill_path, "a", encoding="utf-8") as spill:
                for row in rows:
                    spill.write(json.dumps(row) + "\n")
                spill.flush()
                os.fsync(spill.fileno())
        except OSError as exc:
            log.error("could not keep %d question(s) for the query log in %s either (%s); "
                      "they are lost", len(rows), self.spill_path, exc.strerror)
        else:
            log.warning("kept %d question(s) for the query log in %s; they are written to "
                        "the log when it can be written again", len(rows), self.spill_path)
        with self._lock:
            self._forget(rows)
        return []

    def _read_spill(self, conn: sqlite3.Connection) -> None:
        """Move the rows of an earlier fault (or run) from the spill file into the log."""
        try:
            lines = self.spill_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise sqlite3.OperationalError(f"cannot read {self.spill_path}: {exc}") from exc
        rows = []
        for line in lines:
            try:
                row = full_row(json.loads(line))
            except ValueError:  # a line cut short by a crash while it was written
                continue
            if row is not None:
                rows.append(row)
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(INSERT, rows)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.spill_path.unlink(missing_ok=True)
        log.info("wrote %d question(s) kept in %s into the query log", len(rows),
                 self.spill_path)

    def _prune(self, conn: sqlite3.Connection) -> None:
        cutoff = time.time() - self.retention_days * DAY
        deleted = conn.execute("DELETE FROM queries WHERE asked_at < ?", (cutoff,)).rowcount
        if deleted:
            log.info("removed %d question(s) older than %g days from the query log", deleted,
                     self.retention_days)

    # -- reading (event loop) -----------------------------------------------------------

    def summary(self, guild_id: int | None, since: float = 0.0,
                latency_window: int = 1000) -> LogSummary:
        """Counts and latency for one server (questions in direct messages: guild_id None)."""
        with self._lock:
            answered, declined = self._reader.execute(
                "SELECT COALESCE(SUM(answered), 0), COALESCE(SUM(1 - answered), 0) FROM queries"
                " WHERE guild_id IS ? AND asked_at >= ?", (guild_id, since)
            ).fetchone()
            latencies = [row[0] for row in self._reader.execute(
                "SELECT latency_ms FROM queries WHERE guild_id IS ? AND asked_at >= ?"
                " ORDER BY id DESC LIMIT ?", (guild_id, since, latency_window))]
            waiting = self._waiting(guild_id, since)
        answered += sum(row[7] for row in waiting)
        declined += sum(1 - row[7] for row in waiting)
        latencies = ([row[8] for row in reversed(waiting)] + latencies)[:latency_window]
        return LogSummary(int(answered), int(declined),
                          statistics.median(latencies) if latencies else None)

    def unanswered(self, guild_id: int | None, limit: int = 15) -> list[Unanswered]:
        """One server's latest declined questions, each once with how often it was asked.
        Other servers' questions stay private to them."""
        with self._lock:
            waiting = [row for row in self._waiting(guild_id) if not row[7] and row[4]]
            rows = self._reader.execute(
                "SELECT MAX(asked_at), MIN(question), COUNT(*) FROM queries"
                " WHERE answered = 0 AND question != '' AND guild_id IS ?"
                " GROUP BY lower(question) ORDER BY MAX(asked_at) DESC LIMIT ?",
                (guild_id, limit + len(waiting))).fetchall()
        grouped = {row[1].lower(): list(row) for row in rows}
        for row in waiting:
            group = grouped.setdefault(row[4].lower(), [row[0], row[4], 0])
            group[0] = max(group[0], row[0])
            group[1] = min(group[1], row[4])
            group[2] += 1
        latest = sorted(grouped.values(), key=lambda g: g[0], reverse=True)[:limit]
        return [Unanswered(*group) for group in latest]

    def _waiting(self, guild_id: int | None, since: float = 0.0) -> list[Row]:
        return [row for row in self._pending if row[1] == guild_id and row[0] >= since]

    @property
    def waiting(self) -> int:
        """How many recorded questions are not in the file yet."""
        with self._lock:
            return len(self._pending)

    def close(self) -> None:
        """Write what is waiting (one more attempt, if the file is locked); keep the rest in
        the spill file."""
        self._closing.set()
        self._incoming.put(None)
        self._writer.join(2 * self.lock_wait_seconds + 1.0)
        with self._lock:
            left = list(self._pending)
        if self._writer.is_alive() and left:  # stuck on a lock: keep the rows on disk
            self._spill(left)
        self._reader.close()
