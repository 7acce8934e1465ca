"""Each story's numbers for curators: its size and curation (from the fact files) beside
the questions readers asked about it this week (from the query log)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.curation.asked import Asked
from bot.factbase.models import FactBase
from bot.factbase.quality import StoryStats, story_stats

NO_STORY = ""  # declined questions asked where no story was chosen


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


def traffic_by_story(asked: Iterable[Asked], owners: Mapping[str, str],
                     channel_stories: Mapping[int, str]) -> dict[str, Traffic]:
    """Questions per story: answered ones by their fact's story; declined ones by the story
    their channel is tied to, else under NO_STORY (the log does not say which story a
    reader had in mind)."""
    counts: dict[str, list[int]] = {}
    for row in asked:
        if row.answered and row.fact_id in owners:
            story = owners[row.fact_id]
        else:
            story = channel_stories.get(row.channel_id or 0, NO_STORY)
        answered, declined = counts.setdefault(story, [0, 0])
        counts[story] = [answered + row.answered, declined + (not row.answered)]
    return {story: Traffic(a + d, a, d) for story, (a, d) in counts.items()}


def story_numbers(base: FactBase, asked: Iterable[Asked],
                  channel_stories: Mapping[int, str]) -> tuple[list[StoryNumbers], Traffic]:
    """Every story's numbers, and the declined questions no story can be given."""
    traffic = traffic_by_story(asked, story_of_fact(base), channel_stories)
    numbers = [StoryNumbers(stats, traffic.get(stats.story_id, Traffic()))
               for stats in story_stats(base)]
    return numbers, traffic.get(NO_STORY, Traffic())
