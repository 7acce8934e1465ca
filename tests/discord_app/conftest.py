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
