"""/help: how to ask, and what each command does."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from ..render import help_embed

if TYPE_CHECKING:
    from ..client import StorybotClient


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="help", description="How to ask storybot")
    async def help_command(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(embed=help_embed(), ephemeral=True)
