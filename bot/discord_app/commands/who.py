"""/who name: what the fact base says about a person or group."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from ..render import entity_embed
from .timeline import entity_choices, unknown_entity_text

if TYPE_CHECKING:
    from ..client import StorybotClient


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="who", description="What the story says about a person or group")
    @app_commands.describe(name="A name, title or group, e.g. Pompeo or the Iraqi PM")
    async def who(interaction: discord.Interaction,
                  name: app_commands.Range[str, 1, 100]) -> None:
        engine = client.service.engine
        story = client.service.channel_story(interaction.channel_id)
        entity = engine.find_entity(name, story=story)
        if entity is None:
            await interaction.response.send_message(unknown_entity_text(client, name),
                                                    ephemeral=True)
            return
        profile = engine.fact(entity.profile) if entity.profile else None
        await interaction.response.send_message(
            embed=entity_embed(entity, profile, engine.entity_facts(entity.id, story)),
            ephemeral=client.service.config.discord.ephemeral)

    @who.autocomplete("name")
    async def name_autocomplete(interaction: discord.Interaction, current: str):
        return await entity_choices(client, current)
