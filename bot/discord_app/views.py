"""Buttons: "did you mean" suggestions, and timeline pages only the asker can turn."""

from __future__ import annotations

import contextlib
import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.engine.answer import Answer

from .render import BUTTON_LABEL_LIMIT, answer_embed, clip, timeline_embed

if TYPE_CHECKING:
    from bot.engine.engine import Engine
    from bot.factbase.models import Entity, Event

log = logging.getLogger("storybot.discord")

FACT_BUTTON_PREFIX = "storybot:fact:"
TIMELINE_PAGE_SIZE = 5


class FactButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=re.escape(FACT_BUTTON_PREFIX) + r"(?P<fact_id>[a-z0-9-]+)"):
    """A "did you mean" suggestion. Its custom id names the fact, so it keeps working after
    the bot restarts or the facts are reloaded."""

    def __init__(self, fact_id: str, label: str = "Show this answer") -> None:
        super().__init__(discord.ui.Button(
            label=clip(label, BUTTON_LABEL_LIMIT),
            style=discord.ButtonStyle.secondary,
            custom_id=FACT_BUTTON_PREFIX + fact_id,
        ))
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str]) -> FactButton:
        return cls(match["fact_id"], label=item.label or "Show this answer")

    async def callback(self, interaction: discord.Interaction) -> None:
        service = interaction.client.service  # type: ignore[attr-defined]
        answer = service.answer_fact(self.fact_id, question=self.item.label or "")
        if answer is None:
            await interaction.response.send_message(
                "That fact is no longer in the fact base; try asking again.", ephemeral=True)
            return
        await interaction.response.send_message(
            embed=answer_embed(answer), ephemeral=service.config.discord.ephemeral,
            allowed_mentions=discord.AllowedMentions.none())


def suggestions_view(answer: Answer) -> discord.ui.View | None:
    """Up to three "did you mean" buttons, or None when there is nothing to suggest."""
    buttons = [
        FactButton(alt.fact_id, alt.question or alt.answer)
        for alt in answer.alternatives[:3]
        if len(FACT_BUTTON_PREFIX + alt.fact_id) <= 100
    ]
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(button)
    return view


class TimelinePages(discord.ui.View):
    """Previous/next over the timeline; only the person who asked may turn the pages."""

    def __init__(self, engine: Engine, events: list[Event], about: Entity | None,
                 owner_id: int, timeout: float = 300) -> None:
        super().__init__(timeout=timeout)
        self.engine = engine
        self.events = events
        self.about = about
        self.owner_id = owner_id
        self.page = 0
        self.message: discord.InteractionMessage | None = None
        self._sync_buttons()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.events) // TIMELINE_PAGE_SIZE))

    def embed(self) -> discord.Embed:
        start = self.page * TIMELINE_PAGE_SIZE
        return timeline_embed(self.events[start : start + TIMELINE_PAGE_SIZE], page=self.page,
                              pages=self.pages, about=self.about,
                              stories=self.engine.stories)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.page == 0
        self.next.disabled = self.page >= self.pages - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        service = interaction.client.service  # type: ignore[attr-defined]
        log.info("timeline page refused: %s is not the asker",
                 service.who(interaction.user.id, str(interaction.user)))
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; use /timeline for your own.",
            ephemeral=True)
        return False

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        self.page = min(max(self.page + step, 0), self.pages - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: discord.Interaction, button: discord.ui.Button):
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button):
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        for item in self.children:
            item.disabled = True  # type: ignore[attr-defined]
        with contextlib.suppress(discord.HTTPException):  # deleted, or the token expired
            await self.message.edit(view=self)
