"""storybot's Discord client, started against the loopback Discord for each test."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Config, DiscordSettings
from bot.discord_app.client import StorybotClient
from bot.discord_app.service import StoryService
from tests.conftest import FACTS_DIR
from tests.loopback import LoopbackDiscord, World
from tests.loopback.harness import start_bot, stop_bot


@pytest.fixture
def facts_dir(tmp_path) -> Path:
    target = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, target)
    return target


@pytest.fixture
def config(tmp_path, facts_dir, world: World, server: LoopbackDiscord) -> Config:
    guild = world.guild
    return Config(
        facts_dir=facts_dir,
        database=tmp_path / "index.db",
        query_log=tmp_path / "log.db",
        discord=DiscordSettings(
            token=server.token,
            guild_ids=(guild.id,),
            api_base_url=server.api_base_url,
            gateway_url=server.gateway_url,
            qa_channel_ids=(guild.channel_named("bot-commands").id,),
            admin_role_ids=(guild.role_named("Admin").id,),
            cooldown_questions=1000,
            cooldown_seconds=60.0,
            guild_ready_timeout=0.1,
        ),
    )


async def start_storybot(server: LoopbackDiscord, config: Config):
    service = StoryService.open(config)
    client = StorybotClient(service)
    task = await start_bot(server, client)
    return client, task


@pytest.fixture
async def storybot(server: LoopbackDiscord, config: Config) -> AsyncIterator[StorybotClient]:
    client, task = await start_storybot(server, config)
    try:
        yield client
    finally:
        await stop_bot(client, task)
        client.service.close()


@pytest.fixture
def with_settings(config):
    """A config with some Discord settings changed."""
    def change(**settings) -> Config:
        return replace(config, discord=replace(config.discord, **settings))
    return change


ARCHIVE_FACTS = 10_000


@pytest.fixture(scope="session")
def archive_10k(tmp_path_factory) -> tuple[Path, Path]:
    """A synthetic archive of 10,000 facts (some 200 stories) and its index, built once:
    big enough that SQLite does not hold the index whole and rebuilds use worker
    processes. Copy both before changing either."""
    from benchmarks.synthetic import generate_archive
    from bot.index.store import ensure_index

    folder = tmp_path_factory.mktemp("archive")
    info = generate_archive(folder / "facts", ARCHIVE_FACTS, seed=3)
    ensure_index(info.facts_dir, folder / "index.db")
    return info.facts_dir, folder / "index.db"


@pytest.fixture
def archive_copy(archive_10k, tmp_path) -> tuple[Path, Path]:
    """A private copy of the archive and its index (still current: times are kept)."""
    facts, index = archive_10k
    shutil.copytree(facts, tmp_path / "archive")
    shutil.copy2(index, tmp_path / "archive.db")
    return tmp_path / "archive", tmp_path / "archive.db"
