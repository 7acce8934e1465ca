"""The discord.py client: wires events and slash commands to the service."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands

from .commands import ALL as COMMAND_MODULES
from .conversations import new_store
from .cooldown import Cooldown
from .messages import handle_message
from .service import StoryService
from .views import FactButton

log = logging.getLogger("storybot.discord")
# A text bot needs no voice: discord.py's warning that PyNaCl (for voice) is missing is
# noise in every operator's log.
discord.VoiceClient.warn_nacl = False


class CommandTree(app_commands.CommandTree):
    async def on_error(self, interaction: discord.Interaction,
                       error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CheckFailure):
            return  # the check that failed has told the user (the /admin refusal)
        log.error("command %s failed", interaction.command.name if interaction.command else "?",
                  exc_info=error)
        message = "Sorry, something went wrong answering that. Please try again."
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)


class StorybotMixin:
    """What every storybot client has, sharded or not."""

    service: StoryService

    def _setup_storybot(self, service: StoryService) -> None:
        self.service = service
        settings = service.config.discord
        self.tree = CommandTree(self)  # type: ignore[arg-type]
        self.cooldown = Cooldown(settings.cooldown_questions, settings.cooldown_seconds)
        self.conversations = new_store(self)  # type: ignore[arg-type]

    @property
    def syncs_commands(self) -> bool:
        """Of several processes sharing the bot, the one running shard 0 registers the
        slash commands; the others would only repeat it."""
        settings = self.service.config.discord
        return not settings.shard_ids or 0 in settings.shard_ids

    async def setup_hook(self) -> None:
        for module in COMMAND_MODULES:
            module.setup(self)  # type: ignore[arg-type]
        self.add_dynamic_items(FactButton)  # type: ignore[attr-defined]
        self._index_watch = asyncio.create_task(self.service.follow_index())
        if not self.syncs_commands:
            return
        try:
            await self.sync_commands()
        except discord.HTTPException as exc:
            # Mentions still work; slash commands wait for the next successful start.
            log.error("could not register slash commands (%s): check guild_ids and that the "
                      "bot was invited with the applications.commands scope", exc)

    async def sync_commands(self) -> None:
        guild_ids = self.service.config.discord.guild_ids
        if not guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d global commands (they can take a while to appear)",
                     len(synced))
            return
        for guild_id in guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        user = self.user  # type: ignore[attr-defined]
        log.info("ready as %s (%s) in %d server(s)", user, getattr(user, "id", "?"),
                 len(self.guilds))  # type: ignore[attr-defined]

    async def on_message(self, message: discord.Message) -> None:
        await handle_message(self, message)  # type: ignore[arg-type]

    async def close(self) -> None:
        watch = getattr(self, "_index_watch", None)
        if watch is not None:
            watch.cancel()
        await super().close()  # type: ignore[misc]



def intents_for(service: StoryService) -> discord.Intents:
    intents = discord.Intents.default()
    intents.members = False
    intents.presences = False
    # Mentions carry their text without it; only Q&A channels need Message Content.
    intents.message_content = bool(service.config.discord.qa_channel_ids)
    return intents


class StorybotClient(StorybotMixin, discord.Client):
    def __init__(self, service: StoryService, **options) -> None:
        settings = service.config.discord
        super().__init__(intents=intents_for(service), allowed_mentions=discord.AllowedMentions
                         .none(), guild_ready_timeout=settings.guild_ready_timeout, **options)
        self._setup_storybot(service)


class StorybotShardedClient(StorybotMixin, discord.AutoShardedClient):
    """One process of a bot split into shards: it runs the shards its config names."""

    def __init__(self, service: StoryService, **options) -> None:
        settings = service.config.discord
        super().__init__(intents=intents_for(service), allowed_mentions=discord.AllowedMentions
                         .none(), guild_ready_timeout=settings.guild_ready_timeout,
                         shard_count=settings.shard_count,
                         shard_ids=list(settings.shard_ids) or None, **options)
        self._setup_storybot(service)


def make_client(service: StoryService) -> StorybotClient | StorybotShardedClient:
    if service.config.discord.shard_count:
        return StorybotShardedClient(service)
    return StorybotClient(service)
