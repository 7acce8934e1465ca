"""What makes a story answer well, checked as warnings, and each story's numbers.

A story with these gaps still validates and is indexed: an entity nobody mentions or a
sentence no fact quotes is unfinished curation, not a broken file. `storybot check` lists
them so that a curator sees what to do next.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import tomli as tomllib

from bot.factbase.models import Entity, Event, Fact, FactBase, Problem, Story

# A sentence ends at . ! or ? followed by space; short lines (headlines, bylines, "Advertisement")
# are not sentences a reader asks about.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_SENTENCE_WORDS = 8
SHARED_RUN_WORDS = 8  # a quote covers a sentence it shares this many words in a row with
_ID_LINE = re.compile(r"""^\s*id\s*=\s*["']([^"'\n]*)["']""", re.M)


@dataclass(frozen=True)
class StoryStats:
    """A story's size and how far its curation has gone."""

    story_id: str
    facts: int
    questions: int
    entities: int
    sentences: int
    sentences_quoted: int

    @property
    def questions_per_fact(self) -> float:
        return self.questions / self.facts if self.facts else 0.0


def article_sentences(article: str) -> list[str]:
    """The article's sentences long enough to hold a fact, in order."""
    return [s.strip() for s in _SENTENCE_END.split(article)
            if len(s.split()) >= MIN_SENTENCE_WORDS]


def quotes_sentence(quote: str, sentence: str) -> bool:
    """Whether a quote covers (part of) a sentence: one holds the other, or they share a
    run of words."""
    if quote in sentence or sentence in quote:
        return True
    words = quote.split()
    return any(" ".join(words[i : i + SHARED_RUN_WORDS]) in sentence
               for i in range(max(1, len(words) - SHARED_RUN_WORDS + 1)))


def unquoted_sentences(story: Story, facts: Iterable[Fact]) -> list[str]:
    quotes = [f.quote for f in facts]
    return [s for s in article_sentences(story.article_text)
            if not any(quotes_sentence(q, s) for q in quotes)]


def story_stats(base: FactBase) -> list[StoryStats]:
    """Per story: curated (non-draft) facts, their questions, entities, and the article's
    sentences some fact quotes."""
    stats = []
    for story in sorted(base.stories.values(), key=lambda s: s.id):
        facts = [f for f in base.facts.values() if f.story_id == story.id and not f.draft]
        sentences = article_sentences(story.article_text)
        uncovered = unquoted_sentences(story, facts)
        stats.append(StoryStats(
            story_id=story.id,
            facts=len(facts),
            questions=sum(len(f.questions) for f in facts),
            entities=sum(1 for e in base.entities.values() if e.story_id == story.id),
            sentences=len(sentences),
            sentences_quoted=len(sentences) - len(uncovered),
        ))
    return stats


def quality_warnings(base: FactBase, root: str | Path) -> list[Problem]:
    """Every story's curation gaps, as warnings naming the file and record to change."""
    root = Path(root)
    lines = _LineFinder()
    problems: list[Problem] = []
    for story in sorted(base.stories.values(), key=lambda s: s.id):
        folder = root / story.id
        facts = [f for f in base.facts.values() if f.story_id == story.id]
        entities = [e for e in base.entities.values() if e.story_id == story.id]
        problems += _entity_warnings(entities, facts, folder / "entities.toml", root, lines)
        problems += _sentence_warnings(story, facts, folder / "story.toml", root)
        problems += _timeline_warnings(story, base.events, folder / "timeline.toml", root,
                                       lines)
    problems += _kind_warnings(base, root, lines)
    return problems


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


class _LineFinder:
    """'record-id (line N)', reading each file once."""

    def __init__(self) -> None:
        self._lines: dict[Path, dict[str, int]] = {}

    def where(self, path: Path, record_id: str) -> str:
        found = self._lines.get(path)
        if found is None:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            found = {}
            for match in _ID_LINE.finditer(text):
                found.setdefault(match.group(1), text.count("\n", 0, match.start()) + 1)
            self._lines[path] = found
        line = found.get(record_id)
        return f"{record_id} (line {line})" if line else record_id


def _entity_warnings(entities: list[Entity], facts: list[Fact], path: Path, root: Path,
                     lines: _LineFinder) -> list[Problem]:
    used = {e for f in facts for e in (*f.entities, f.speaker) if e}
    problems = []
    for entity in entities:
        where = lines.where(path, entity.id)
        if entity.id not in used:
            problems.append(Problem(_rel(path, root), where, "no fact names this entity; "
                                    "add it to a fact's 'entities' or remove it", "warning"))
        if entity.profile is None:
            problems.append(Problem(_rel(path, root), where, "no 'profile': \"who is "
                                    f"{entity.name}?\" has no fact to answer it", "warning"))
    return problems


def _sentence_warnings(story: Story, facts: list[Fact], path: Path, root: Path
                       ) -> list[Problem]:
    uncovered = unquoted_sentences(story, facts)
    if not uncovered:
        return []
    shown = "; ".join(_clip(s) for s in uncovered[:5])
    more = f" and {len(uncovered) - 5} more" if len(uncovered) > 5 else ""
    return [Problem(_rel(path, root), "article", f"{len(uncovered)} sentence(s) of the "
                    f"article are quoted by no fact: {shown}{more}", "warning")]


def _clip(sentence: str, words: int = 8) -> str:
    parts = sentence.split()
    return repr(" ".join(parts[:words]) + (" …" if len(parts) > words else ""))


def _timeline_warnings(story: Story, events: list[Event], path: Path, root: Path,
                       lines: _LineFinder) -> list[Problem]:
    """Events written out of date order, and dates in words the article does not use.
    The loader sorts the events, so the file's own order is read again here."""
    problems = []
    order = _file_order(path)
    written = sorted((e for e in events if e.story_id == story.id),
                     key=lambda e: order.get(e.id, len(order)))
    latest: Event | None = None
    article = story.article_text.casefold()
    for event in written:
        where = lines.where(path, event.id)
        if latest is not None and event.date < latest.date:
            problems.append(Problem(_rel(path, root), where, f"out of date order: "
                                    f"{event.date} comes after {latest.id!r} ({latest.date}); "
                                    "keep the timeline earliest first", "warning"))
        if latest is None or event.date >= latest.date:
            latest = event
        if event.date_text.casefold() not in article:
            problems.append(Problem(_rel(path, root), where, f"date_text "
                                    f"{event.date_text!r} is not the article's own words",
                                    "warning"))
    return problems


def _file_order(path: Path) -> dict[str, int]:
    try:
        records = tomllib.loads(path.read_text(encoding="utf-8")).get("event", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return {r["id"]: i for i, r in enumerate(records)
            if isinstance(r, dict) and isinstance(r.get("id"), str)}


def _kind_warnings(base: FactBase, root: Path, lines: _LineFinder) -> list[Problem]:
    """One id in two stories is one person or body, so it must be one kind of thing."""
    first: dict[str, Entity] = {}
    problems = []
    for key in sorted(base.entities):
        entity = base.entities[key]
        earlier = first.setdefault(entity.id, entity)
        if earlier.kind != entity.kind:
            path = root / entity.story_id / "entities.toml"
            problems.append(Problem(
                _rel(path, root), lines.where(path, entity.id),
                f"kind {entity.kind!r}, but story {earlier.story_id!r} says {entity.id!r} is "
                f"a {earlier.kind}; the same id in two stories must be the same "
                "entity (or give this one its own id)", "warning"))
    return problems
