"""Faults an operator meets, end to end through the loopback Discord: a query log another
process has locked, an index overwritten in place, an index that cannot be read."""

from __future__ import annotations

import asyncio
import sqlite3

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
