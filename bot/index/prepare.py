"""Reads and analyses the stories to index: on every core when there are many.

Stories are independent (entities, aliases and references stay within a story), so each
worker reads and analyses its share; only fact ids, shared by all stories, are checked
once the shares are merged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from bot.factbase.loader import has_errors, load_factbase, story_folders
from bot.factbase.models import Entity, Fact, FactBase, Problem, Story, timeline_order
from bot.factbase.story_facts import story_record_facts
from bot.index.schema import FACTS, TRAITS
from bot.language.analyzer import Analyzer
from bot.language.fact_analysis import analyze_fact

log = logging.getLogger("storybot.index")
PARALLEL_FROM_STORIES = 64  # below this, starting workers costs more than it saves
PROGRESS_SHARES_PER_WORKER = 8
Progress = Callable[[int, int], None]  # told (stories done, stories in all)


@dataclass(frozen=True)
class PreparedStory:
    """A story's facts as index rows (FACTS.row_columns each), the words it knows, and how
    many of its facts hold each term (STORIES' term_counts)."""

    rows: list[tuple]
    words: str
    term_counts: str



def read_stories(facts_dir: Path, skip: frozenset[str] = frozenset(),
                 progress: Progress | None = None,
                 ) -> tuple[FactBase, list[Problem], dict[str, PreparedStory]]:
    """Every story under facts_dir but those in skip, validated and, when the whole lot is
    valid, analysed. `progress`, if given, is told how many stories are done as they are."""
    names = [f.name for f in story_folders(facts_dir)] if facts_dir.is_dir() else []
    names = [n for n in names if n not in skip]
    workers = min(len(os.sched_getaffinity(0)), max(1, len(names) // PARALLEL_FROM_STORIES))
    if workers <= 1:
        return _read_share(facts_dir, skip, None, progress)
    # Smaller shares when someone watches, so that progress moves in steps they can see.
    count = workers * PROGRESS_SHARES_PER_WORKER if progress else workers
    shares = [names[i::count] for i in range(count)]
    context = multiprocessing.get_context("forkserver")  # safe beside the bot's threads
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            results = []
            for result in pool.map(_read_share, [facts_dir] * count, [skip] * count, shares):
                results.append(result)
                if progress:
                    progress(sum(len(share) for share in shares[:len(results)]), len(names))
    except (BrokenProcessPool, OSError) as exc:  # no processes here: one core will do
        log.warning("reading the stories on one core: worker processes failed (%s)", exc)
        return _read_share(facts_dir, skip, None, progress)
    return _merge(results)


def _read_share(facts_dir: Path, skip: frozenset[str], only: list[str] | None,
                progress: Progress | None = None,
                ) -> tuple[FactBase, list[Problem], dict[str, PreparedStory]]:
    base, problems = load_factbase(facts_dir, skip=skip, only=only)
    if has_errors(problems):
        return base, problems, {}
    return base, problems, analyse_stories(base, progress)


def _merge(results: list[tuple[FactBase, list[Problem], dict[str, PreparedStory]]]
           ) -> tuple[FactBase, list[Problem], dict[str, PreparedStory]]:
    base = FactBase(synonyms=results[0][0].synonyms)
    problems: list[Problem] = []
    prepared: dict[str, PreparedStory] = {}
    for share, share_problems, share_prepared in results:
        problems.extend(p for p in share_problems if p not in problems)
        for fact_id, fact in share.facts.items():
            if fact_id in base.facts:
                problems.append(Problem(
                    f"{fact.story_id}/facts.toml", fact_id,
                    f"duplicate fact id {fact_id!r} (also in "
                    f"{base.facts[fact_id].story_id}/facts.toml); fact ids are shared by all "
                    "stories, give each fact its own id"))
            else:
                base.facts[fact_id] = fact
        base.stories.update(share.stories)
        base.entities.update(share.entities)
        base.events.extend(share.events)
        prepared.update(share_prepared)
    base.events.sort(key=timeline_order)  # each story read by one worker, in its own order
    return base, problems, ({} if has_errors(problems) else prepared)


def analyse_stories(base: FactBase, progress: Progress | None = None
                    ) -> dict[str, PreparedStory]:
    synonyms_analyzer = Analyzer((), base.synonyms)
    entities: dict[str, list[Entity]] = {}
    for entity in base.entities.values():
        entities.setdefault(entity.story_id, []).append(entity)
    facts: dict[str, list[Fact]] = {}
    for fact in base.facts.values():
        if not fact.draft:  # drafts wait for a curator before anyone can be told them
            facts.setdefault(fact.story_id, []).append(fact)
    # A story whose facts are all drafts waits for its curator as a whole: its record
    # alone ("written by Unknown") is nothing to tell readers.
    prepared = {}
    step = max(1, len(base.stories) // 20)
    for done, story in enumerate(base.stories.values(), 1):
        if facts.get(story.id):
            prepared[story.id] = analyse_story(
                story, entities.get(story.id, []), facts[story.id],
                synonyms_analyzer.for_story(entities.get(story.id, [])))
        if progress and (done % step == 0 or done == len(base.stories)):
            progress(done, len(base.stories))
    return prepared


def analyse_story(story: Story, entities: list[Entity], facts: list[Fact],
                  analyzer: Analyzer) -> PreparedStory:
    """The story's facts in file order, then the facts every story gets from its record
    (byline, outlet, date, headline), as rows of the facts table."""
    known = {f.id for f in facts}
    records = [f for f in story_record_facts(story) if f.id not in known]
    kinds = {e.id: e.kind for e in entities}
    roles: dict[str, list[tuple[str, str]]] = {}  # profile fact -> its people's roles
    for entity in entities:
        if entity.kind == "person" and entity.profile and entity.description:
            roles.setdefault(entity.profile, []).append((entity.id, entity.description))
    words: set[str] = set()
    counts: Counter[str] = Counter()
    rows = []
    for fact in [*facts, *records]:
        analysis = analyze_fact(fact, analyzer, kinds.get, roles.get(fact.id, ()))
        words |= analysis.words
        counts.update(analysis.terms)  # each term once a fact, as in its postings
        stored = FACTS.encode(fact)
        rows.append(stored + FACTS.extras(
            content_hash=content_hash(stored),
            terms=" ".join(analysis.terms),
            text_terms=" ".join(analysis.text_terms),
            # What scoring reads of a candidate, in one JSON value: one decode per fact.
            traits=json.dumps([getattr(analysis, name) for name in TRAITS]),
            flags=analysis.flags,
            from_record=int(fact in records),
        ))
    return PreparedStory(rows, " ".join(sorted(words)), encode_term_counts(counts))


def encode_term_counts(counts: Counter[str]) -> str:
    return json.dumps(dict(sorted(counts.items())), separators=(",", ":"))


_CONTENT = [n not in ("id", "story_id") for n in FACTS.model_columns]


def content_hash(stored: tuple) -> str:
    """What a reader of a fact sees (its stored columns but its ids), hashed: a reload
    reports the facts that changed."""
    fields = [value for value, seen in zip(stored, _CONTENT, strict=True) if seen]
    return hashlib.sha1(json.dumps(fields).encode()).hexdigest()[:16]
