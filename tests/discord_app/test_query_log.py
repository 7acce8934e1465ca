"""The query log never delays an answer and never loses a question: not while another
process holds its lock, not while it cannot be written, not at shutdown."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot.discord_app.query_log import QueryLog

PATIENCE = 20.0  # generous: the writer retries every second on a slow, shared machine


def _ask(log: QueryLog, n: int, guild_id: int = 1, answered: bool = True) -> None:
    for i in range(n):
        log.record(guild_id=guild_id, channel_id=2, source="slash", question=f"question {i}?",
                   fact_id="f" if answered else None, score=80.0 if answered else 10.0,
                   answered=answered, latency_ms=1.0)


def _rows(path: Path) -> int:
    conn = sqlite3.connect(path, timeout=PATIENCE)
    try:
        return conn.execute("SELECT count(*) FROM queries").fetchone()[0]
    finally:
        conn.close()


def _eventually(check, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.05)


class _Locker:
    """Another process's hold on the log's write lock (a VACUUM, a backup, a shell)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(QueryLog, "retry_seconds", 0.1)
    monkeypatch.setattr(QueryLog, "lock_wait_seconds", 0.1)


def test_recording_while_another_process_holds_the_lock_waits_for_nothing(tmp_path, quick):
    path = tmp_path / "log.db"
    log = QueryLog(path)
    locker = _Locker(path)
    try:
        _ask(log, 10)  # returns at once, though the file is locked
        summary = log.summary(1)
        assert summary.answered == 10  # admins see the questions still waiting
        time.sleep(0.5)  # several failed attempts
        assert log.waiting == 10
    finally:
        locker.release()
    _eventually(lambda: log.waiting == 0, "the waiting questions are written")
    assert _rows(path) == 10
    assert log.summary(1).answered == 10  # each counted once
    log.close()


class _ReadOnlyFirst(QueryLog):
    """A log whose file is read-only until `writable` is set (root ignores chmod)."""

    writable = False

    def _connect(self, timeout: float) -> sqlite3.Connection:
        if self.writable or threading.current_thread() is threading.main_thread():
            return super()._connect(timeout)
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=timeout,
                               isolation_level=None, check_same_thread=False)


def test_questions_recorded_while_the_file_is_read_only_are_written_once_it_is_not(
        tmp_path, quick, caplog):
    path = tmp_path / "log.db"
    log = _ReadOnlyFirst(path)
    _ask(log, 3)
    _eventually(lambda: "cannot write the query log" in caplog.text, "a warning")
    assert _rows(path) == 0 and log.waiting == 3
    log.writable = True
    _eventually(lambda: log.waiting == 0, "the waiting questions are written")
    assert _rows(path) == 3
    assert "can be written again" in caplog.text
    assert caplog.text.count("cannot write the query log") == 1  # once, not every retry
    log.close()


def test_shutdown_while_locked_keeps_the_questions_for_the_next_start(tmp_path, quick):
    path = tmp_path / "log.db"
    log = QueryLog(path)
    locker = _Locker(path)
    _ask(log, 5)
    log.close()
    locker.release()
    assert _rows(path) == 0 and log.spill_path.exists()
    reopened = QueryLog(path)
    _eventually(lambda: not reopened.spill_path.exists(), "the kept questions are read back")
    assert _rows(path) == 5
    reopened.close()


def test_a_long_fault_moves_the_backlog_to_disk_rather_than_grow(tmp_path, quick,
                                                                 monkeypatch):
    monkeypatch.setattr(QueryLog, "backlog_limit", 20)
    path = tmp_path / "log.db"
    log = QueryLog(path)
    locker = _Locker(path)
    try:
        _ask(log, 50)
        _eventually(lambda: log.spill_path.exists() and log.waiting <= 20,
                    "the backlog moves to the spill file")
    finally:
        locker.release()
    _eventually(lambda: log.waiting == 0 and not log.spill_path.exists(), "all written")
    assert _rows(path) == 50
    log.close()


def test_shutdown_writes_what_is_waiting(tmp_path):
    path = tmp_path / "log.db"
    log = QueryLog(path)
    _ask(log, 100)
    log.close()
    assert _rows(path) == 100 and not log.spill_path.exists()


def test_questions_older_than_the_retention_are_removed(tmp_path):
    path = tmp_path / "log.db"
    QueryLog(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO queries (asked_at, source, question, score, answered,"
                     " latency_ms) VALUES (?, 'slash', 'old?', 1, 0, 1)",
                     (time.time() - 40 * 86400,))
    conn.close()
    log = QueryLog(path, retention_days=30)
    _ask(log, 1)
    _eventually(lambda: log.waiting == 0, "the new question is written")
    log.close()
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT question FROM queries")] == ["question 0?"]
    conn.close()


def _stories(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path, timeout=PATIENCE)
    try:
        return conn.execute("SELECT question, asked_story, answer_story FROM queries"
                            " ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_row_records_the_story_asked_of_and_the_story_of_its_answer(tmp_path):
    log = QueryLog(tmp_path / "log.db")
    log.record(guild_id=1, channel_id=2, source="slash", question="who won?", fact_id="f",
               score=90.0, answered=True, latency_ms=1.0, asked_story="uk-election",
               answer_story="uk-election")
    log.record(guild_id=1, channel_id=2, source="mention", question="gdp of iran?",
               fact_id=None, score=30.0, answered=False, latency_ms=1.0,
               answer_story="us-iraq-withdrawal")  # asked of every story; a suggestion's
    log.close()
    assert _stories(tmp_path / "log.db") == [("who won?", "uk-election", "uk-election"),
                                              ("gdp of iran?", None, "us-iraq-withdrawal")]


def test_an_older_log_and_its_waiting_questions_get_the_story_columns_and_lose_nothing(
        tmp_path):
    from tests.curation.log_rows import write_log

    path = write_log(tmp_path / "log.db", [{"question": "old question?", "answered": True,
                                             "fact_id": "f"}], first_layout=True)
    spilled = [time.time(), 1, 2, "slash", "spilled by an older storybot?", None, 10.0, 0, 1.0]
    Path(str(path) + ".pending.jsonl").write_text(json.dumps(spilled) + "\n",
                                                  encoding="utf-8")
    log = QueryLog(path)
    _ask(log, 1)
    _eventually(lambda: not Path(str(path) + ".pending.jsonl").exists(),
                "the spilled question is read back")
    log.close()
    assert sorted(_stories(path)) == [("old question?", None, None),
                                      ("question 0?", None, None),
                                      ("spilled by an older storybot?", None, None)]
    reopened = QueryLog(path)  # opening an upgraded log again changes nothing
    assert reopened.summary(1).answered == 2
    reopened.close()


def test_two_processes_upgrading_one_log_at_once_both_open_it(tmp_path):
    from tests.curation.log_rows import write_log

    path = write_log(tmp_path / "log.db", [{"question": "q?", "answered": False}],
                     first_layout=True)
    logs: list[QueryLog] = []
    starts = [threading.Thread(target=lambda: logs.append(QueryLog(path))) for _ in range(4)]
    for start in starts:
        start.start()
    for start in starts:
        start.join()
    assert len(logs) == 4
    for log in logs:
        log.close()
    assert _stories(path) == [("q?", None, None)]


def test_a_log_locked_when_the_bot_starts_stops_nothing_and_loses_nothing(tmp_path, quick):
    # A log in rollback-journal mode (an older storybot's, or a restored backup) needs a lock
    # to switch to WAL; while another process holds it, starting must still succeed.
    from tests.curation.log_rows import write_log

    path = write_log(tmp_path / "log.db", [{"question": "old?", "answered": True}])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    log = QueryLog(path)
    log.record(guild_id=1, channel_id=2, source="ask", question="new?", fact_id=None,
               score=0.0, answered=False, latency_ms=1.0)
    holder.execute("ROLLBACK")
    holder.close()
    log.close()
    rows = sqlite3.connect(path).execute("SELECT question FROM queries ORDER BY id").fetchall()
    assert rows == [("old?",), ("new?",)]
