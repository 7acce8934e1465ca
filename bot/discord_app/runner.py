"""`storybot run`: start the bot, log without secrets, stop cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
import sys

import discord
import discord.gateway
import discord.http
import yarl

from bot.config import Config
from bot.index.store import IndexError_

from .client import StorybotClient, StorybotShardedClient, make_client
from .service import StoryService

log = logging.getLogger("storybot")
EXIT_USAGE = 2
CLOSE_SECONDS = 1.5  # of the 5 s a supervisor allows; the query log gets the rest


class RedactingFormatter(logging.Formatter):
    """Belt and braces: whatever a library logs, tracebacks included, the token never
    reaches a log line."""

    def __init__(self, fmt: str, secret: str) -> None:
        super().__init__(fmt)
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.secret, "[token]") if self.secret else text


def configure_logging(config: Config) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if config.log_file:
        config.log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(config.log_file, encoding="utf-8"))
    formatter = RedactingFormatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s",
                                   config.discord.token)
    for handler in handlers:
        handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = handlers
    root.setLevel(config.log_level)


def point_at_discord(config: Config) -> None:
    """Talk to Discord, or to the Discord-compatible server the config names."""
    discord.http.Route.BASE = config.discord.api_base_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config.discord.gateway_url)


def fail(message: str) -> int:
    print(f"storybot: {message}", file=sys.stderr)
    return EXIT_USAGE


def run(config: Config) -> int:
    if not config.discord.token:
        return fail("no Discord token: set DISCORD_TOKEN or [discord] token in the config "
                    "(without one, try 'storybot chat')")
    try:
        configure_logging(config)
    except OSError as exc:
        return fail(f"cannot write the log file {config.log_file}: {exc.strerror}")
    point_at_discord(config)
    try:
        service = StoryService.open(config)
    except IndexError_ as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot open {exc.filename or 'the index or query log'}: {exc.strerror}")
    except sqlite3.Error as exc:
        return fail(f"cannot open the query log {config.query_log}: {exc}")
    settings = config.discord
    if settings.qa_channel_ids:
        log.info("answering questions in %d Q&A channel(s): this needs the privileged Message "
                 "Content intent, enabled in the Developer Portal", len(settings.qa_channel_ids))
    else:
        log.info("no Q&A channels configured: answering mentions and slash commands only")
    if settings.shard_count:
        log.info("running shard(s) %s of %d", ", ".join(map(str, settings.shard_ids)) or "all",
                 settings.shard_count)
    client = make_client(service)
    try:
        return asyncio.run(_serve(client, settings.token))
    finally:
        service.close()


async def _serve(client: StorybotClient | StorybotShardedClient, token: str) -> int:
    loop = asyncio.get_running_loop()
    serving = asyncio.ensure_future(client.start(token, reconnect=True))
    closing: list[asyncio.Task] = []

    def stop(signame: str) -> None:
        if not closing:
            log.info("%s received: closing the gateway", signame)
            client.service.stop_reload()
            closing.append(loop.create_task(_close(client, serving)))

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop, sig.name)
    try:
        await serving
    except asyncio.CancelledError:
        if not closing:
            raise
    except discord.LoginFailure:
        return fail("Discord rejected the token (401 Unauthorized); check DISCORD_TOKEN")
    except discord.PrivilegedIntentsRequired:
        return fail("Q&A channels need the Message Content intent: enable it for the bot in "
                    "the Discord Developer Portal, or remove qa_channel_ids from the config")
    except (discord.GatewayNotFound, discord.ConnectionClosed, OSError) as exc:
        if not closing:  # after a signal, a dropped connection is just the way out
            return fail(f"cannot reach Discord: {exc}")
    finally:
        if closing:
            await asyncio.gather(*closing, return_exceptions=True)
        elif not client.is_closed():
            await client.close()
    log.info("stopped")
    return 0


async def _close(client: StorybotClient | StorybotShardedClient,
                 serving: asyncio.Future) -> None:
    """Close the gateway politely if Discord answers soon; then stop whatever the client is
    doing, even sleeping out a reconnect back-off (it can last minutes during an outage,
    and supervisors kill a process that does not stop within seconds)."""
    try:
        await asyncio.wait_for(client.close(), CLOSE_SECONDS)
    except Exception as exc:  # noqa: BLE001  (a timeout, or a connection already gone)
        log.info("the gateway did not close cleanly (%s); stopping anyway",
                 type(exc).__name__)
    serving.cancel()
