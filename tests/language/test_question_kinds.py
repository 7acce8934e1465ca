"""The question-kinds table: every cue, need and aspect, one row each."""

from __future__ import annotations

import dataclasses

import pytest

from bot.engine.formulas import ScoringWeights
from bot.language.fact_analysis import FactTerms
from bot.language.lexicon import STOPWORDS
from bot.language.question_kinds import (
    CURATED_FOR_KIND,
    DATE_AFTER_STORY,
    FUTURE,
    HAS_DATE,
    HAS_NUMBER,
    KINDS,
    NAMES_A_PLACE,
    NAMES_ANOTHER_ACTOR,
    NAMES_ANOTHER_PERSON,
    QUESTION_WORDS,
    SCORED_ASPECTS,
    TIME_OF_DAY,
    TRAITS,
    UNSTATED,
    kind_named,
    kind_of,
)


@pytest.mark.parametrize("question, kind", [
    # the first word
    ("is the us leaving", "yesno"),
    ("could the number of troops go down", "yesno"),  # before "number of"
    ("will trump visit", "yesno"),
    # a phrase among the first six words
    ("what was the name of the official", "name"),
    ("a b c d e name of", None),  # too late
    # pairs of words
    ("how many troops are there", "how many"),
    ("how much did it cost", "how many"),
    ("the number of troops", "how many"),
    ("how long did it last", "how long"),
    ("how old is he", "how old"),
    ("how big is the bee", "how big"),  # a measure
    ("how close was the vote", "how big"),
    ("how bad is the air", "how"),  # no measure
    # "what" or "which" and a noun
    ("what year did it happen", "when"),
    ("which day was it", "when"),
    ("what time did it start", "when"),
    ("which groups opposed it", "who"),
    ("what country sent troops", "who"),
    ("in which location did it happen", "where"),
    ("what tally of hospitals", "how many"),
    ("what thing happened", "what"),
    ("which one", "which"),
    # question words, chat spellings included
    ("who opposed it", "who"),
    ("whom did they blame", "who"),
    ("whose troops", "who"),
    ("whos the pm", "who"),
    ("when did it happen", "when"),
    ("where is the base", "where"),
    ("wheres the base", "where"),
    ("why did they vote", "why"),
    ("how did they vote", "how"),
    ("hows the war", "how"),
    ("and how", "how"),  # "how" last: still "how"
    ("whats the plan", "what"),
    ("tell me who opposed it", "who"),
    ("a b c d e f g h who", None),  # beyond the first eight words
    # a noun anywhere
    ("polk award year", "when"),
    ("date of the strike", "when"),
    ("tell me about iraq", None),
    ("", None),
])
def test_kind_of(question, kind):
    assert kind_of(question.split()) == kind


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_penalty_is_a_scoring_weight(kind):
    fields = {f.name for f in dataclasses.fields(ScoringWeights)}
    for need in kind.needs:
        assert need.penalty in fields


@pytest.mark.parametrize("aspect", [*SCORED_ASPECTS, DATE_AFTER_STORY], ids=lambda a: a.name)
def test_every_aspect_penalty_is_a_scoring_weight(aspect):
    fields = {f.name for f in dataclasses.fields(ScoringWeights)}
    assert aspect.need is None or aspect.need.penalty in fields


def test_kinds_are_found_by_name():
    for kind in KINDS:
        assert kind_named(kind.name) is kind
    assert kind_named(None) is UNSTATED
    assert kind_named("no such kind") is UNSTATED


def test_question_words_carry_no_topic():
    assert QUESTION_WORDS <= STOPWORDS


@pytest.mark.parametrize("aspect, words, kind, asked", [
    (FUTURE, "who will lead", "who", True),
    (FUTURE, "what is going to happen", "what", True),
    (FUTURE, "are they gonna stay", "yesno", True),
    (FUTURE, "shall we", "yesno", True),
    (FUTURE, "which fighters are american going after", "who", False),  # beyond four words
    (FUTURE, "who led it", "who", False),
    (TIME_OF_DAY, "what time did it start", "when", True),
    (TIME_OF_DAY, "what time did it start", "what", False),  # "when" questions only
    (TIME_OF_DAY, "when did it start this time", "when", False),  # beyond four words
    (DATE_AFTER_STORY, "when are the troops going to leave", "when", True),  # six words
    (DATE_AFTER_STORY, "when will they leave", "when", True),
    (DATE_AFTER_STORY, "who will leave", "who", False),
    (DATE_AFTER_STORY, "when did they leave", "when", False),
])
def test_aspects(aspect, words, kind, asked):
    assert aspect.asked(words.split(), kind) is asked


def _fact(flags=0, actors=(), entity_kinds=(), question_words=()):
    return FactTerms(terms=(), text_terms=(), phrasings=(), question_words=question_words,
                     flags=flags, entity_kinds=entity_kinds, actors=actors)


@pytest.mark.parametrize("trait, fact, named, kind, held", [
    (HAS_DATE, _fact(flags=HAS_DATE.flag), frozenset(), "when", True),
    (HAS_DATE, _fact(flags=HAS_NUMBER.flag), frozenset(), "when", False),
    (NAMES_ANOTHER_ACTOR, _fact(actors=(("pompeo", "person"),)), frozenset(), "who", True),
    (NAMES_ANOTHER_ACTOR, _fact(actors=(("pompeo", "person"),)), frozenset({"pompeo"}),
     "who", False),
    (NAMES_ANOTHER_PERSON, _fact(actors=(("nato", "organisation"),)), frozenset(), "name",
     False),
    (NAMES_ANOTHER_PERSON, _fact(actors=(("pompeo", "person"),)), frozenset(), "name", True),
    (NAMES_A_PLACE, _fact(entity_kinds=("place",)), frozenset(), "where", True),
    (NAMES_A_PLACE, _fact(entity_kinds=("person",)), frozenset(), "where", False),
    (CURATED_FOR_KIND, _fact(question_words=("why",)), frozenset(), "why", True),
    (CURATED_FOR_KIND, _fact(question_words=("who",)), frozenset(), "why", False),
])
def test_traits(trait, fact, named, kind, held):
    assert trait.held(fact, named, kind) is held


def test_stored_traits_have_distinct_bits():
    flags = [t.flag for t in TRAITS if t.flag]
    assert len(set(flags)) == len(flags)
    assert all(f & (f - 1) == 0 for f in flags)  # one bit each
    assert sum(flags) < 0xFF  # the index keeps them in one byte; 0xFF marks a missing row


def test_every_stored_trait_is_read_from_a_facts_wording():
    from bot.factbase.models import Fact
    from bot.language.fact_analysis import stored_traits
    from bot.language.question_kinds import STORED_TRAITS

    fact = Fact(id="f", story_id="s", answer="About 5,000 troops.", quote="About 5,000 troops")
    assert set(stored_traits(fact)) == set(STORED_TRAITS)
