"""The bundled story is valid and fully curated: `storybot check` finds neither errors nor
curation gaps in it (the gaps themselves are tested on fixtures in test_quality.py)."""

from __future__ import annotations

import pytest

from bot.factbase.loader import load_factbase
from bot.factbase.quality import quality_warnings, story_stats
from tests.conftest import BUNDLED_STORY, FACTS_DIR


@pytest.fixture(scope="module")
def loaded():
    return load_factbase(FACTS_DIR)


def test_bundled_story_has_no_problems(loaded):
    base, problems = loaded
    assert [str(p) for p in problems + quality_warnings(base, FACTS_DIR)] == []


def test_bundled_story_quotes_every_sentence_and_phrases_every_fact(loaded):
    base, _ = loaded
    (stats,) = [s for s in story_stats(base) if s.story_id == BUNDLED_STORY]
    assert stats.sentences_quoted == stats.sentences > 20
    assert all(len(f.questions) >= 3 and f.entities for f in base.facts.values()), \
        "every bundled fact has at least three phrasings and its entities"


def test_known_aliases_resolve(engine):
    for alias, entity_id in (("ISIS", "islamic-state"), ("Islamic State", "islamic-state"),
                             ("U.S.", "united-states"), ("United States", "united-states"),
                             ("America", "united-states"), ("Soleimani", "soleimani"),
                             ("Qassem Soleimani", "soleimani"), ("Abdul-Mahdi", "abdul-mahdi"),
                             ("Iraq's PM", "abdul-mahdi"), ("Pompeo", "pompeo")):
        entity = engine.find_entity(alias)
        assert entity is not None and entity.id == entity_id, alias
