"""Every bundled data file is valid, and the fact base covers the story as curators intend."""

from __future__ import annotations

import re

import pytest

from bot.factbase.loader import load_factbase
from tests.conftest import FACTS_DIR


@pytest.fixture(scope="module")
def loaded():
    return load_factbase(FACTS_DIR)


def test_bundled_facts_have_no_problems(loaded):
    _, problems = loaded
    assert [str(p) for p in problems] == []


def test_every_quote_is_verbatim_in_its_article(loaded):
    base, _ = loaded
    for fact in base.facts.values():
        assert fact.quote in base.stories[fact.story_id].article_text, fact.id


def test_fact_count_covers_the_article(loaded):
    base, _ = loaded
    assert 50 <= len(base.facts) <= 90


def test_every_article_sentence_is_quoted_by_some_fact(loaded):
    base, _ = loaded
    for story in base.stories.values():
        quotes = [f.quote for f in base.facts.values() if f.story_id == story.id]
        sentences = [
            s.strip() for s in re.split(r"(?<=[.!?])\s+", story.article_text) if len(s.split()) >= 8
        ]
        uncovered = [
            s for s in sentences
            if not any(q in s or s in q or _overlap(q, s) for q in quotes)
        ]
        assert uncovered == []


def _overlap(quote: str, sentence: str) -> bool:
    """A quote covers part of a sentence: they share a run of eight words."""
    words = quote.split()
    return any(" ".join(words[i : i + 8]) in sentence for i in range(max(1, len(words) - 7)))


def test_every_fact_has_phrasings_and_entities(loaded):
    base, _ = loaded
    for fact in base.facts.values():
        assert len(fact.questions) >= 3, fact.id
        assert fact.entities, fact.id


def test_every_entity_is_used_and_has_a_profile(loaded):
    base, _ = loaded
    used = {e for f in base.facts.values() for e in (*f.entities, f.speaker) if e}
    for entity in base.entities.values():
        assert entity.id in used, entity.id
        assert entity.profile in base.facts, entity.id


def test_the_timeline_is_in_date_order_and_dates_come_from_the_article(loaded):
    base, _ = loaded
    dates = [e.date for e in base.events]
    assert dates == sorted(dates)
    for event in base.events:
        story = base.stories[event.story_id]
        assert event.date_text.lower() in story.article_text.lower(), event.id


def test_known_aliases_resolve(engine):
    for alias, entity_id in (("ISIS", "islamic-state"), ("Islamic State", "islamic-state"),
                             ("U.S.", "united-states"), ("United States", "united-states"),
                             ("America", "united-states"), ("Soleimani", "soleimani"),
                             ("Qassem Soleimani", "soleimani"), ("Abdul-Mahdi", "abdul-mahdi"),
                             ("Iraq's PM", "abdul-mahdi"), ("Pompeo", "pompeo")):
        entity = engine.find_entity(alias)
        assert entity is not None and entity.id == entity_id, alias
