"""/timeline [about]: the story's events in date order, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from ..render import CHOICE_LIMIT, clip, quote_reader
from ..views import TIMELINE_PAGE_SIZE, TimelinePages
from .stories import story_choices, unknown_story_text

if TYPE_CHECKING:
    from ..client import StorybotClient


async def entity_choices(client: StorybotClient, current: str) -> list[app_commands.Choice]:
    return [app_commands.Choice(name=clip(n, CHOICE_LIMIT), value=clip(n, CHOICE_LIMIT))
            for n in client.service.engine.suggest_entities(current)]


def unknown_entity_text(client: StorybotClient, name: str) -> str:
    close = client.service.engine.suggest_entities(name, limit=3)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return f"I know nobody called “{quote_reader(name, 100)}” in this story.{hint}"


def setup(client: StorybotClient) -> None:
    @client.tree.command(name="timeline", description="The story's events in date order")
    @app_commands.describe(about="Only events involving this person, group or place",
                           story="Only this story (default: the channel's story, or all)")
    async def timeline(interaction: discord.Interaction,
                       about: app_commands.Range[str, 1, 100] | None = None,
                       story: app_commands.Range[str, 1, 100] | None = None) -> None:
        engine = client.service.engine
        story_id, known = client.service.pick_story(story, interaction.channel_id)
        if not known:
            await interaction.response.send_message(unknown_story_text(client, story),
                                                    ephemeral=True)
            return
        events, entity = engine.timeline(about, story=story_id)
        if about and entity is None:
            await interaction.response.send_message(unknown_entity_text(client, about),
                                                    ephemeral=True)
            return
        pages = TimelinePages(engine, events, entity, owner_id=interaction.user.id)
        ephemeral = client.service.config.discord.ephemeral
        if len(events) <= TIMELINE_PAGE_SIZE:
            await interaction.response.send_message(embed=pages.embed(), ephemeral=ephemeral)
            return
        await interaction.response.send_message(embed=pages.embed(), view=pages,
                                                ephemeral=ephemeral)
        pages.message = await interaction.original_response()

    @timeline.autocomplete("about")
    async def about_autocomplete(interaction: discord.Interaction, current: str):
        return await entity_choices(client, current)

    @timeline.autocomplete("story")
    async def story_autocomplete(interaction: discord.Interaction, current: str):
        return story_choices(client, current)
