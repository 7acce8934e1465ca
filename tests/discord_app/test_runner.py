"""`storybot run` as a separate process, against the loopback Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
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
    assert "Traceback" not in log and "PyNaCl" not in log  # a text bot needs no voice
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


STOP_SECONDS = 5.0  # what systemd and Docker allow before they kill


def _start(config: Path, token: str, tmp_path: Path, *hooks: str):
    """`storybot run` in a session of its own (to find every process it leaves), its output
    in files; `hooks` is code run at interpreter start (to stage a state)."""
    env = {**os.environ, "DISCORD_TOKEN": token}
    paths = [str(ROOT)]
    if hooks:
        site = tmp_path / "hooks"
        site.mkdir()
        (site / "sitecustomize.py").write_text("\n".join(hooks) + "\n", encoding="utf-8")
        paths.insert(0, str(site))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    out = open(tmp_path / "stdout.txt", "wb")  # noqa: SIM115  (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)],
                            env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _processes_in(field: int, value: int) -> list[int]:
    """Live processes whose session (field 6) or process group (field 5) is `value`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (name) "
        if fields[0] != "Z" and int(fields[field - 3]) == value:
            found.append(int(entry.name))
    return found


async def _until_logged(path: Path, text: str, process) -> str:
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT * 3
    while True:
        log = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in log:
            return log
        assert process.poll() is None, f"storybot stopped early:\n{log}"
        assert asyncio.get_running_loop().time() < deadline, f"never logged {text!r}:\n{log}"
        await asyncio.sleep(0.1)


async def _sigterm_stops_it(process, tmp_path: Path) -> str:
    process.send_signal(signal.SIGTERM)
    deadline = asyncio.get_running_loop().time() + STOP_SECONDS
    while process.poll() is None and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    stopped = process.poll() is not None
    if not stopped:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    log = (tmp_path / "storybot.log").read_text(encoding="utf-8")
    assert stopped, f"still running {STOP_SECONDS} s after SIGTERM:\n{log}"
    assert process.returncode == 0, log
    assert "SIGTERM received" in log and "stopped" in log
    return log


async def test_sigterm_during_a_discord_outage_stops_at_once(server, world, facts_dir,
                                                             tmp_path):
    config = _write_config(tmp_path, server, world, facts_dir)
    # Discord's back-off grows to minutes in a long outage: stage one of a minute.
    process = _start(config, server.token, tmp_path, "import discord.backoff",
                     "discord.backoff.ExponentialBackoff.delay = lambda self: 60.0")
    try:
        await server.wait_for_gateway("identify", timeout=START_TIMEOUT)
        await server.stop()  # Discord goes away
        await _until_logged(tmp_path / "storybot.log", "Attempting a reconnect in 60", process)
        await _sigterm_stops_it(process, tmp_path)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert _processes_in(6, process.pid) == []


async def test_sigterm_during_a_reload_stops_it_and_its_workers(server, world, archive_copy,
                                                                tmp_path):
    facts, index = archive_copy
    config = _write_config(tmp_path, server, world, facts,
                           admin_role_ids=f"[{world.guild.role_named('Admin').id}]")
    config.write_text(config.read_text().replace('"index.db"', f'"{index}"'))
    process = _start(config, server.token, tmp_path)
    try:
        await server.wait_for_commands(world.guild.id, timeout=START_TIMEOUT)
        await server.wait_for_gateway("identify", timeout=START_TIMEOUT)
        with open(facts / "synonyms.toml", "a", encoding="utf-8") as synonyms:
            synonyms.write("\n# edited\n")  # a shared file: every story is read again
        await server.send_slash_command("admin reload", {}, user=world.user_named("carol"),
                                        channel=world.guild.channel_named("general"))
        log = await _until_logged(tmp_path / "storybot.log", "rebuilding the index in process",
                                  process)
        rebuild = int(log.split("rebuilding the index in process ")[1].split()[0])
        await asyncio.sleep(1.0)  # under way, its workers started
        await _sigterm_stops_it(process, tmp_path)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    await asyncio.sleep(0.5)  # SIGKILL is delivered at once; reaping may lag
    assert _processes_in(6, process.pid) == [] and _processes_in(5, rebuild) == []
    assert list(index.parent.glob(f"{index.name}.*")) == []  # no half-written index left


async def test_sigterm_while_the_query_log_is_locked_stops_and_keeps_the_question(
        server, world, facts_dir, tmp_path):
    config = _write_config(tmp_path, server, world, facts_dir)
    process = _start(config, server.token, tmp_path)
    locker = None
    try:
        await server.wait_for_gateway("identify", timeout=START_TIMEOUT)
        await _until_logged(tmp_path / "storybot.log", "ready as", process)
        locker = sqlite3.connect(tmp_path / "log.db", isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # a backup or a shell holds the log
        general = world.guild.channel_named("general")
        mid = await server.send_message(general, world.user_named("alice"),
                                        f"<@{world.bot.id}> who opposed the resolution?")
        reply = await server.wait_for_message(general, after=mid, timeout=START_TIMEOUT)
        assert "Sunni" in reply.embeds[0]["description"]
        await _sigterm_stops_it(process, tmp_path)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        if locker is not None:
            locker.execute("ROLLBACK")
            locker.close()
    kept = (tmp_path / "log.db.pending.jsonl").read_text(encoding="utf-8")
    assert "who opposed the resolution?" in kept  # written to the log at the next start
