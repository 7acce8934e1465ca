"""/source: the story's title, outlet, date and author, and how to ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from ..render import source_embed

if TYPE_CHECKING:
    from ..client import StorybotClient


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="source", description="The story these answers come from")
    async def source(interaction: discord.Interaction) -> None:
        engine = client.service.engine
        tied = client.service.channel_story(interaction.channel_id)
        stories = [engine.stories[tied]] if tied else list(engine.stories.values())
        await interaction.response.send_message(
            embed=source_embed(stories), ephemeral=client.service.config.discord.ephemeral)
