"""A bot split over processes: each runs some of Discord's shards, all share one index
file and one query log, and a reload in one reaches the others."""

from __future__ import annotations

import asyncio
import signal
import sqlite3

import pytest

from bot.discord_app.service import StoryService
from bot.index.store import rebuild
from tests.discord_app.conftest import start_storybot
from tests.discord_app.test_runner import START_TIMEOUT, _storybot_run, _write_config
from tests.loopback.harness import assert_nothing_unexpected, stop_bot


def _second_guild_on_the_other_shard(world):
    """A guild whose events go to shard 1 of 2 while the default guild's go to shard 0,
    or the other way round (Discord routes by (guild id >> 22) % shard count)."""
    first = (world.guild.id >> 22) % 2
    gid = world.ids.next()
    while (gid >> 22) % 2 == first:
        gid = world.ids.next()
    guild = world.add_guild("Second Guild", owner=world.user_named("alice"), id=gid)
    world.add_channel(guild, "general")
    world.add_member(guild, world.user_named("bob"))
    return guild


async def test_two_processes_with_their_own_shards_share_index_and_log(
        server, world, facts_dir, tmp_path):
    second = _second_guild_on_the_other_shard(world)
    processes = []
    for shard in (0, 1):
        folder = tmp_path / f"shard{shard}"
        folder.mkdir()
        config = _write_config(folder, server, world, facts_dir, shard_count=2,
                               shard_ids=f"[{shard}]")
        # Both processes name the same index and query log.
        text = config.read_text(encoding="utf-8")
        text = text.replace('database = "index.db"', f'database = "{tmp_path / "index.db"}"')
        text = text.replace('query_log = "log.db"', f'query_log = "{tmp_path / "log.db"}"')
        text = text.replace(f"guild_ids = [{world.guild.id}]",
                            f"guild_ids = [{world.guild.id}, {second.id}]")
        config.write_text(text, encoding="utf-8")
        processes.append(await _storybot_run(config, server.token))
    try:
        await server.wait_for_gateway("identify", count=2, timeout=START_TIMEOUT)
        shards = sorted((s.shard_id, s.shard_count) for s in server.gateway.sessions.values())
        assert shards == [(0, 2), (1, 2)]
        await server.wait_for_commands(world.guild.id, timeout=START_TIMEOUT)
        await server.wait_for_commands(second.id, timeout=START_TIMEOUT)
        for guild, question in ((world.guild, "who opposed the resolution?"),
                                (second, "How many US troops are in Iraq?")):
            general = guild.channel_named("general")
            mid = await server.send_message(general, world.user_named("bob"),
                                            f"<@{world.bot.id}> {question}")
            reply = await server.wait_for_message(general, after=mid, timeout=START_TIMEOUT)
            assert reply.embeds and "don't know" not in reply.embeds[0]["description"]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        results = [await asyncio.wait_for(p.communicate(), START_TIMEOUT) for p in processes]
    for process, (_, stderr) in zip(processes, results, strict=True):
        assert process.returncode == 0, stderr.decode()
    logs = [(folder / "storybot.log").read_text(encoding="utf-8")
            for folder in (tmp_path / "shard0", tmp_path / "shard1")]
    assert all("Traceback" not in log for log in logs)
    assert "synced" in logs[0] and "synced" not in logs[1]  # shard 0 registers commands
    with sqlite3.connect(tmp_path / "log.db") as conn:
        guilds = {row[0] for row in conn.execute("SELECT guild_id FROM queries")}
    assert guilds == {world.guild.id, second.id}


@pytest.fixture
async def following(server, config, monkeypatch):
    monkeypatch.setattr(StoryService, "index_check_seconds", 0.05)
    client, task = await start_storybot(server, config)
    try:
        yield client
    finally:
        await stop_bot(client, task)
        client.service.close()


async def test_an_index_replaced_by_another_process_is_served(server, world, config,
                                                               following):
    facts = config.facts_dir / "us-iraq-withdrawal"
    for name in ("facts.toml", "article.txt"):
        path = facts / name
        path.write_text(path.read_text(encoding="utf-8").replace("About 5,000 US troops",
                                                                 "About 5,500 US troops"),
                        encoding="utf-8")
    base, problems = rebuild(config.facts_dir, config.database)  # as another process would
    assert base is not None, problems
    for _ in range(100):
        if "5,500" in (following.service.engine.ask("how many US troops are in Iraq").answer
                       or ""):
            break
        await asyncio.sleep(0.05)
    general = world.guild.channel_named("general")
    cmd = await server.send_slash_command("ask", {"question": "How many US troops are in Iraq?"},
                                          user=world.user_named("bob"), channel=general)
    embed = (await server.wait_for_response(cmd)).response_data["embeds"][0]
    assert "5,500" in embed["description"]
    assert_nothing_unexpected(server)
