"""Each story's numbers for curators: its size and curation (from the fact files) beside
the questions readers asked about it this week (from the query log)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.curation.asked import Asked
from bot.factbase.models import FactBase
from bot.factbase.quality import StoryStats, story_stats

NO_STORY = ""  # declined questions that neither name nor suggest a story


@dataclass(frozen=True)
class Traffic:
    asked: int = 0
    answered: int = 0
    declined: int = 0


@dataclass(frozen=True)
class StoryNumbers:
    stats: StoryStats
    week: Traffic


def story_of_fact(base: FactBase) -> dict[str, str]:
    """Every fact id a reader can be answered with, and its story: the curated facts and
    those made from each story's record (byline, outlet...)."""
    from bot.factbase.story_facts import story_record_facts

    owners = {fact_id: fact.story_id for fact_id, fact in base.facts.items()}
    for story in base.stories.values():
        for fact in story_record_facts(story):
            owners.setdefault(fact.id, story.id)
    return owners


def story_of_question(row: Asked, owners: Mapping[str, str],
                      channel_stories: Mapping[int, str]) -> str:
    """The story a question counts for: the one it was asked of, else that of its answer
    (or of the best suggestion, when declined). A question logged before the log recorded
    stories counts for its answer's story, else for its channel's; else for NO_STORY."""
    if row.asked_story or row.answer_story:
        return row.asked_story or row.answer_story
    if row.answered and row.fact_id in owners:
        return owners[row.fact_id]
    return channel_stories.get(row.channel_id or 0, NO_STORY)


def traffic_by_story(asked: Iterable[Asked], owners: Mapping[str, str],
                     channel_stories: Mapping[int, str]) -> dict[str, Traffic]:
    """Questions asked, answered and declined per story (see story_of_question)."""
    counts: dict[str, list[int]] = {}
    for row in asked:
        story = story_of_question(row, owners, channel_stories)
        answered, declined = counts.setdefault(story, [0, 0])
        counts[story] = [answered + row.answered, declined + (not row.answered)]
    return {story: Traffic(a + d, a, d) for story, (a, d) in counts.items()}


def asked_of_story(asked: Iterable[Asked], story: str, base: FactBase,
                   channel_stories: Mapping[int, str]) -> list[Asked]:
    """The questions that count for one story (see story_of_question)."""
    owners = story_of_fact(base)
    return [row for row in asked if story_of_question(row, owners, channel_stories) == story]


def story_numbers(base: FactBase, asked: Iterable[Asked],
                  channel_stories: Mapping[int, str]) -> tuple[list[StoryNumbers], Traffic]:
    """Every story's numbers, and the questions no story can be given."""
    traffic = traffic_by_story(asked, story_of_fact(base), channel_stories)
    numbers = [StoryNumbers(stats, traffic.get(stats.story_id, Traffic()))
               for stats in story_stats(base)]
    return numbers, traffic.get(NO_STORY, Traffic())
