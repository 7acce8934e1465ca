"""Sending an engine answer to Discord: one place for embeds, buttons and no pings."""

from __future__ import annotations

from typing import Any

import discord

from bot.engine.answer import Answer

from .render import answer_embed
from .views import suggestions_view

NO_PINGS = discord.AllowedMentions.none()
# An answer this close above the threshold also offers the other candidates.
UNSURE_MARGIN = 10.0


def answer_payload(answer: Answer, threshold: float) -> dict[str, Any]:
    """embed (and view, when there is something to suggest) for an answer."""
    unsure = answer.answered and answer.score < threshold + UNSURE_MARGIN
    payload: dict[str, Any] = {"embed": answer_embed(answer, unsure=unsure)}
    if not answer.answered or unsure:
        view = suggestions_view(answer)
        if view is not None:
            payload["view"] = view
    return payload


def cooldown_text(seconds: float) -> str:
    return (f"You're asking quickly: give me {max(1, round(seconds))} s and ask again. "
            "(Everyone gets a few questions at a time, so the channel stays readable.)")
