"""`storybot run` as a separate process, against the loopback Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from tests.conftest import ROOT

START_TIMEOUT = 20.0


def _write_config(tmp_path: Path, server, world, facts_dir, **extra) -> Path:
    guild = world.guild
    lines = [
        "[storybot]",
        f'facts = "{facts_dir}"',
        'database = "index.db"',
        'query_log = "log.db"',
        'log_file = "storybot.log"',
        "[discord]",
        f"guild_ids = [{guild.id}]",
        f'api_base_url = "{server.api_base_url}"',
        f'gateway_url = "{server.gateway_url}"',
        "guild_ready_timeout = 0.1",
        *(f"{k} = {v}" for k, v in extra.items()),
    ]
    path = tmp_path / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def _storybot_run(config: Path, token: str | None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISCORD_TOKEN", None)
    if token is not None:
        env["DISCORD_TOKEN"] = token
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config), env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def test_storybot_run_answers_and_stops_cleanly_on_sigterm(server, world, facts_dir,
                                                                 tmp_path):
    config = _write_config(tmp_path, server, world, facts_dir)
    process = await _storybot_run(config, server.token)
    try:
        await server.wait_for_commands(world.guild.id, timeout=START_TIMEOUT)
        await server.wait_for_gateway("identify", timeout=START_TIMEOUT)
        general = world.guild.channel_named("general")
        mid = await server.send_message(general, world.user_named("alice"),
                                        f"<@{world.bot.id}> who opposed the resolution?")
        reply = await server.wait_for_message(general, after=mid, timeout=START_TIMEOUT)
        assert "Sunni" in reply.embeds[0]["description"]
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    log = stderr.decode() + (tmp_path / "storybot.log").read_text(encoding="utf-8")
    assert process.returncode == 0, log
    assert "SIGTERM received" in log and "stopped" in log
    assert server.token not in log and server.token not in stdout.decode()
    assert "Traceback" not in log
    assert (tmp_path / "log.db").exists()  # the question was recorded before the reply


async def test_rejected_token_is_one_clear_line_and_exit_2(server, world, facts_dir, tmp_path):
    config = _write_config(tmp_path, server, world, facts_dir)
    process = await _storybot_run(config, "not-the-token")
    stdout, stderr = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2
    errors = stderr.decode()
    assert "storybot: Discord rejected the token" in errors
    assert "Traceback" not in errors and "not-the-token" not in errors


async def test_missing_token_and_bad_config_exit_2(server, world, facts_dir, tmp_path):
    config = _write_config(tmp_path, server, world, facts_dir)
    process = await _storybot_run(config, None)
    _, stderr = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2 and "no Discord token" in stderr.decode()
    bad = _write_config(tmp_path, server, world, facts_dir, cooldown_secnds=3)
    process = await _storybot_run(bad, server.token)
    _, stderr = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2 and "cooldown_secnds" in stderr.decode()
