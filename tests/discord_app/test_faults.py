"""Faults an operator meets, end to end through the loopback Discord: a query log another
process has locked, an index overwritten in place, an index that cannot be read."""

from __future__ import annotations

import asyncio
import logging
import shutil
import sqlite3
from dataclasses import replace

from bot.config import Config
from bot.discord_app.service import StoryService
from tests.discord_app.conftest import ARCHIVE_FACTS
from tests.loopback.harness import assert_nothing_unexpected

PATIENCE = 20.0


async def _eventually(check, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while not check():
        assert loop.time() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.05)


def _logged_questions(path) -> list[str]:
    conn = sqlite3.connect(path, timeout=PATIENCE)
    try:
        return [row[0] for row in conn.execute("SELECT question FROM queries ORDER BY id")]
    finally:
        conn.close()


async def test_a_locked_query_log_delays_no_answer_and_loses_no_question(server, world,
                                                                         storybot, config):
    general = world.guild.channel_named("general")
    locker = sqlite3.connect(config.query_log, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # a VACUUM, a backup or a shell in another process
    try:
        asked = [await server.send_slash_command(
            "ask", {"question": "who opposed the resolution?"},
            user=world.user_named("bob"), channel=general) for i in range(10)]
        answers = [await server.wait_for_response(a) for a in asked]
        assert all("Sunni" in a.response_data["embeds"][0]["description"] for a in answers)
    finally:
        locker.execute("COMMIT")
        locker.close()
    await _eventually(lambda: len(_logged_questions(config.query_log)) == 10,
                      "all ten questions in the query log")
    assert_nothing_unexpected(server)


async def test_reload_repairs_an_index_copied_over_in_place(archive_copy, bundled_index,
                                                            config):
    facts, index = archive_copy
    config = replace(config, facts_dir=facts, database=index)
    service = StoryService.open(config)
    try:
        assert service.engine.counts()["facts"] == ARCHIVE_FACTS
        shutil.copyfile(bundled_index, index)  # `cp backup.db storybot.db`: same file, rewritten
        report = await service.reload(by="admin")
        assert report.ok, report.errors
        assert report.counts["facts"] == ARCHIVE_FACTS
        assert service.engine.ask("hello there").reason == "greeting"
    finally:
        service.close()


async def test_an_unreadable_index_is_logged_once_then_its_recovery(facts_copy, tmp_path,
                                                                    caplog, monkeypatch):
    caplog.set_level(logging.INFO)
    config = Config(facts_dir=facts_copy, database=tmp_path / "index.db",
                    query_log=tmp_path / "log.db")
    monkeypatch.setattr(StoryService, "index_check_seconds", 0.02)
    service = StoryService.open(config)
    good = config.database.read_bytes()
    watch = asyncio.create_task(service.follow_index())
    try:
        config.database.write_bytes(b"not an index" * 1000)
        await _eventually(lambda: _complaints(caplog), "a warning")
        await asyncio.sleep(0.5)  # many more looks at the same broken file
        repaired = tmp_path / "repaired.db"
        repaired.write_bytes(good)
        repaired.replace(config.database)  # as `storybot index` puts a new index in place
        await _eventually(lambda: "can be read again" in caplog.text, "a recovery line")
    finally:
        watch.cancel()
        service.close()
    complaints = _complaints(caplog)
    assert len(complaints) == 1 and "cannot open the index" in complaints[0].getMessage()
    assert not complaints[0].exc_info  # a line, not a 30-line traceback


def _complaints(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]
