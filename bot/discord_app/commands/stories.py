"""The `story` option that /ask and /timeline share: autocomplete and unknown names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands

from ..render import CHOICE_LIMIT, clip, quote_reader

if TYPE_CHECKING:
    from ..client import StorybotClient


def story_choices(client: StorybotClient, current: str) -> list[app_commands.Choice[str]]:
    """Stories matching what is typed, newest first: the title shown, the id sent."""
    return [
        app_commands.Choice(name=clip(f"{story.title} ({story.published.isoformat()})",
                                      CHOICE_LIMIT), value=story.id)
        for story in client.service.engine.suggest_stories(current)
    ]


def unknown_story_text(client: StorybotClient, typed: str | None) -> str:
    close = client.service.engine.suggest_stories(typed or "", limit=3)
    hint = (" Did you mean " + ", ".join(f"“{clip(s.title, 80)}”" for s in close) + "?"
            if close else "")
    return f"I have no story called “{quote_reader(typed or '', 100)}”.{hint}"
