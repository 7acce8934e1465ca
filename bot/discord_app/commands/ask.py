"""/ask question: the answer in an embed, with "did you mean" buttons when unsure."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from ..conversations import conversation_key, reply_payload
from ..messages import strip_markup
from ..render import CHOICE_LIMIT, clip
from ..replies import NO_PINGS, cooldown_text
from .stories import story_choices, unknown_story_text

if TYPE_CHECKING:
    from ..client import StorybotClient


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="ask", description="Ask a question about the story")
    @app_commands.describe(question="Your question, in plain words",
                           story="Only this story (default: the channel's story, or all)")
    async def ask(interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, 1000],
                  story: app_commands.Range[str, 1, 100] | None = None) -> None:
        retry_after = client.cooldown.retry_after(interaction.user.id)
        if retry_after:
            await interaction.response.send_message(cooldown_text(retry_after), ephemeral=True)
            return
        service = client.service
        story_id, known = service.pick_story(story, interaction.channel_id)
        if not known:
            await interaction.response.send_message(unknown_story_text(client, story),
                                                    ephemeral=True)
            return
        key = conversation_key(interaction.channel_id, interaction.user.id)
        context = client.conversations.get(key, story_id)
        reply = service.converse(strip_markup(question), context, guild_id=interaction.guild_id,
                                 channel_id=interaction.channel_id, source="slash")
        await interaction.response.send_message(
            **reply_payload(client, reply, key),
            ephemeral=service.config.discord.ephemeral, allowed_mentions=NO_PINGS)

    @ask.autocomplete("question")
    async def ask_autocomplete(interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        service = client.service
        story_id, _ = service.pick_story(getattr(interaction.namespace, "story", None),
                                         interaction.channel_id)
        return [app_commands.Choice(name=clip(q, CHOICE_LIMIT), value=clip(q, CHOICE_LIMIT))
                for q in service.engine.suggest_questions(current, story=story_id)]

    @ask.autocomplete("story")
    async def story_autocomplete(interaction: discord.Interaction, current: str):
        return story_choices(client, current)
