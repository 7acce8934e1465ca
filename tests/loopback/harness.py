"""Pytest plumbing for running a real discord.py client against the loopback Discord.

Every test that uses `server` fails as soon as discord.py (or storybot) logs an error:
discord.py swallows exceptions raised in handlers, so a log line is the only trace.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import discord
import discord.gateway
import discord.http
import pytest

from .server import LoopbackDiscord
from .world import World

READY_TIMEOUT = 5.0
WATCHED_LOGGERS = ("discord", "storybot")


class LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self.reported = 0
        self.on_record = lambda: None

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.on_record()


def describe(records: list[logging.LogRecord]) -> str:
    return "discord.py logged errors:\n" + "\n".join(
        f"{r.name}: {r.getMessage()}" + (f"\n{logging.Formatter().formatException(r.exc_info)}"
                                         if r.exc_info else "")
        for r in records)


@pytest.fixture
async def discord_errors() -> AsyncIterator[LogCollector]:
    """Fail the test if discord.py or storybot logs anything at ERROR or above."""
    handler = LogCollector()
    loggers = [logging.getLogger(name) for name in WATCHED_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
    if len(handler.records) > handler.reported:  # not already failed by a wait_for_*
        pytest.fail(describe(handler.records))


@pytest.fixture
def world() -> World:
    return World.default()


@pytest.fixture
async def server(world: World, discord_errors: LogCollector) -> AsyncIterator[LoopbackDiscord]:
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    loop = asyncio.get_running_loop()
    async with LoopbackDiscord(world) as srv:
        discord_errors.on_record = lambda: loop.call_soon_threadsafe(srv.notify)

        def logged_errors() -> str | None:
            if not discord_errors.records:
                return None
            discord_errors.reported = len(discord_errors.records)
            return describe(discord_errors.records)

        srv.fail_waits_when(logged_errors)
        with srv.patch_discord():
            yield srv
    assert base == discord.http.Route.BASE
    assert gateway == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


async def start_bot(server: LoopbackDiscord, bot: discord.Client) -> asyncio.Task:
    """Start ``bot`` against ``server`` and wait for on_ready (or for start() to fail)."""
    task = asyncio.create_task(bot.start(server.token, reconnect=True))
    ready = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({task, ready}, timeout=READY_TIMEOUT,
                                 return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        ready.cancel()
        task.result()  # raises what start() raised
        raise AssertionError("bot.start() returned before the bot was ready")
    if ready not in done:
        ready.cancel()
        await bot.close()
        raise AssertionError(f"bot not ready after {READY_TIMEOUT}s")
    return task


async def stop_bot(bot: discord.Client, task: asyncio.Task) -> None:
    await bot.close()
    await asyncio.wait_for(task, 5)


def assert_nothing_unexpected(server: LoopbackDiscord) -> None:
    assert server.unhandled == []
    assert server.internal_errors == []
    assert all(r.status < 400 for r in server.requests), [
        (r.method, r.path, r.status, r.response) for r in server.requests if r.status >= 400]
