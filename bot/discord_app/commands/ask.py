"""/ask question: the answer in an embed, with "did you mean" buttons when unsure."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from ..messages import strip_markup
from ..render import CHOICE_LIMIT, clip
from ..replies import NO_PINGS, answer_payload, cooldown_text

if TYPE_CHECKING:
    from ..client import StorybotClient


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in plain words")
    async def ask(interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, 1000]) -> None:
        retry_after = client.cooldown.retry_after(interaction.user.id)
        if retry_after:
            await interaction.response.send_message(cooldown_text(retry_after), ephemeral=True)
            return
        service = client.service
        answer = service.ask(strip_markup(question), guild_id=interaction.guild_id,
                             channel_id=interaction.channel_id, source="slash")
        await interaction.response.send_message(
            **answer_payload(answer, service.config.answer_threshold),
            ephemeral=service.config.discord.ephemeral, allowed_mentions=NO_PINGS)

    @ask.autocomplete("question")
    async def ask_autocomplete(interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=clip(q, CHOICE_LIMIT), value=clip(q, CHOICE_LIMIT))
                for q in client.service.engine.suggest_questions(current)]
