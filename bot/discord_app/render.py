"""Answers, timelines and profiles as Discord embeds, always inside Discord's limits."""

from __future__ import annotations

import discord

from bot.engine.answer import Answer
from bot.engine.engine import HOW_TO_ASK
from bot.factbase.models import Entity, Event, Fact, Story, format_date

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
FIELD_COUNT_LIMIT = 25
BUTTON_LABEL_LIMIT = 80
CHOICE_LIMIT = 100

ANSWERED_COLOUR = discord.Colour.green()
UNSURE_COLOUR = discord.Colour.gold()
DECLINED_COLOUR = discord.Colour.light_grey()


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split()) if "\n" not in text else text
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote_reader(text: str, limit: int) -> str:
    """A reader's own words shown back to them: clipped, and with @everyone, @here and
    mention markup made plain text (allowed mentions stop pings, not the pills)."""
    return clip(discord.utils.escape_mentions(text), limit)


def fit(embed: discord.Embed) -> discord.Embed:
    """Bring the whole embed within Discord's 6,000 characters: shorten the description,
    then drop fields from the end."""
    excess = len(embed) - EMBED_TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(1, len(embed.description) - excess))
    while len(embed) > EMBED_TOTAL_LIMIT and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed


def _quote_block(quote: str) -> str:
    return "\n".join("> " + line for line in quote.strip("“”\" ").splitlines() if line.strip())


def source_line(story: dict | None) -> str:
    if not story:
        return ""
    return story.get("source") or story.get("title", "")


def answer_embed(answer: Answer, *, unsure: bool = False) -> discord.Embed:
    if not answer.answered:
        embed = discord.Embed(title=clip(answer.question or "Your question", TITLE_LIMIT),
                              description=clip(answer.message or "I don't know.",
                                               DESCRIPTION_LIMIT),
                              colour=DECLINED_COLOUR)
        if answer.alternatives:
            embed.add_field(name="Did you mean…", value=clip("\n".join(
                f"• {alt.question or alt.answer}" for alt in answer.alternatives), FIELD_LIMIT),
                inline=False)
        return fit(embed)
    quote = _quote_block(answer.quote or "")
    body = answer.answer or ""
    description = f"**{body}**" + (f"\n\n{quote}" if quote else "")
    embed = discord.Embed(title=clip(answer.question or "Answer", TITLE_LIMIT),
                          description=clip(description, DESCRIPTION_LIMIT),
                          colour=UNSURE_COLOUR if unsure else ANSWERED_COLOUR)
    if answer.when:
        embed.add_field(name="When", value=clip(answer.when, FIELD_LIMIT))
    embed.add_field(name="Confidence", value=f"{answer.score:.0f}/100" + (
        ", matched by meaning" if answer.method == "semantic" else ""))
    embed.set_footer(text=clip(f"Source: {source_line(answer.story)} · fact {answer.fact_id}",
                               FOOTER_LIMIT))
    return fit(embed)


def timeline_embed(events: list[Event], *, page: int, pages: int, about: Entity | None,
                   stories: dict[str, Story]) -> discord.Embed:
    title = "Timeline" + (f": {about.name}" if about else "")
    if not events:
        return discord.Embed(title=title, description="No dated events.",
                             colour=DECLINED_COLOUR)
    lines = [f"**{event.when()}**\n{event.title}" for event in events]
    embed = discord.Embed(title=clip(title, TITLE_LIMIT),
                          description=clip("\n\n".join(lines), DESCRIPTION_LIMIT),
                          colour=discord.Colour.blurple())
    titles = {stories[e.story_id].title for e in events if e.story_id in stories}
    footer = f"Page {page + 1} of {pages}" + (f" · {' / '.join(sorted(titles))}" if titles else "")
    embed.set_footer(text=clip(footer, FOOTER_LIMIT))
    return fit(embed)


def entity_embed(entity: Entity, profile: Fact | None, facts: list[Fact]) -> discord.Embed:
    description = profile.answer if profile else (entity.description or entity.kind)
    embed = discord.Embed(title=clip(entity.name, TITLE_LIMIT),
                          description=clip(description, DESCRIPTION_LIMIT),
                          colour=discord.Colour.blurple())
    if entity.aliases:
        embed.add_field(name="Also called", value=clip(", ".join(entity.aliases), FIELD_LIMIT),
                        inline=False)
    others = [f"• {f.answer}" for f in facts if profile is None or f.id != profile.id]
    _add_list_fields(embed, "In the story", others)
    return fit(embed)


def _add_list_fields(embed: discord.Embed, name: str, lines: list[str]) -> None:
    """Whole lines packed into as many fields as Discord allows, then how many are left."""
    chunks: list[str] = []
    current = ""
    for line in (clip(line, FIELD_LIMIT) for line in lines):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > FIELD_LIMIT:
            chunks.append(current)
            candidate = line
        current = candidate
    if current:
        chunks.append(current)
    shown = 0
    room_for_more = 60
    for chunk in chunks:
        if (len(embed) + len(chunk) + room_for_more > EMBED_TOTAL_LIMIT
                or len(embed.fields) >= FIELD_COUNT_LIMIT - 1):
            break
        embed.add_field(name=name if shown == 0 else "\u200b", value=chunk, inline=False)
        shown += chunk.count("\n") + 1
    if shown < len(lines):
        embed.add_field(name="\u200b", value=f"… and {len(lines) - shown} more: ask about "
                        "them by name.", inline=False)


SOURCES_SHOWN = 20


def source_embed(stories: list[Story]) -> discord.Embed:
    """The stories answers come from, newest first (an archive: the latest of them)."""
    stories = sorted(stories, key=lambda s: (s.published, s.id), reverse=True)
    embed = discord.Embed(title="Source" if len(stories) == 1 else "Sources",
                          colour=discord.Colour.blurple())
    if len(stories) > SOURCES_SHOWN:
        embed.description = (f"{len(stories):,} stories; the newest {SOURCES_SHOWN} are below. "
                             "Pick one with the `story` option of /ask and /timeline.")
    for story in stories[:SOURCES_SHOWN]:
        credits = f"By {story.author}"
        if story.contributors:
            credits += ", with " + ", ".join(story.contributors)
        embed.add_field(name=clip(story.title, 256), value=clip(
            f"{story.outlet}, {story.published.strftime('%A')} "
            f"{format_date(story.published, 'day')}\n{credits}", FIELD_LIMIT), inline=False)
    embed.add_field(name="How to ask", value=clip(HOW_TO_ASK, FIELD_LIMIT), inline=False)
    return fit(embed)


HELP_TEXT = (
    "**Ask** `/ask question [story]` (or mention me with a question) and I answer from the "
    "stories' facts, with the quote and the source. When I'm unsure I offer “did you mean” "
    "buttons.\n"
    "**Timeline** `/timeline [about] [story]`: the events in date order.\n"
    "**People** `/who name`: what the story says about a person or group.\n"
    "**Source** `/source`: the story, its outlet, date and author.\n"
    "**Admins** `/admin reload`, `/admin stats`, `/admin unanswered`.\n\n" + HOW_TO_ASK
)


def help_embed() -> discord.Embed:
    return discord.Embed(title="storybot", description=clip(HELP_TEXT, DESCRIPTION_LIMIT),
                         colour=discord.Colour.blurple())
