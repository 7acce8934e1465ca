"""The scorer's rules, one row each: the factor of a question's kind, the conflicts, and
their bounds from stored traits alone. No index: facts are made here."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from bot.engine.formulas import ScoringWeights, term_weight
from bot.engine.scorer import FactScorer
from bot.factbase.models import Entity, Fact
from bot.index.reader import StoryTerms
from bot.language.analyzer import Analyzer
from bot.language.fact_analysis import FactTerms
from bot.language.question_kinds import (
    HAS_DATE,
    HAS_NUMBER,
    SPEAKS_OF_FUTURE,
    STATES_AGE,
    STATES_DATE,
    STATES_DURATION,
    STATES_TIME_OF_DAY,
)
from bot.language.text import stem

W = ScoringWeights()
ENTITIES = [Entity(id="pompeo", story_id="s", name="Mike Pompeo", kind="person",
                   aliases=("Pompeo",)),
            Entity(id="trump", story_id="s", name="Donald Trump", kind="person",
                   aliases=("Trump",))]
DATE = HAS_DATE.flag | STATES_DATE.flag


@pytest.fixture(scope="module")
def scorer():
    analyzer = Analyzer(ENTITIES, [])
    reader = SimpleNamespace(fact_count=10, document_frequency={})
    return FactScorer(reader, analyzer, {"pompeo": "person", "trump": "person"})


def _entry(flags=0, actors=(), kinds=(), curated=(), terms=(), speaker=None):
    analysis = FactTerms(terms=tuple(terms), text_terms=tuple(terms), phrasings=(),
                         question_words=tuple(curated), flags=flags,
                         entity_kinds=tuple(kinds), actors=tuple(actors))
    fact = Fact(id="f", story_id="s", answer="a", quote="q", speaker=speaker)
    return SimpleNamespace(analysis=analysis, fact=fact, terms=frozenset(terms),
                           text_terms=frozenset(terms))


def _frame(scorer, question):
    return scorer._frame(scorer.analyzer.analyze(question))


PERSON = (("someone", "person"),)
GROUP = (("nato", "organisation"),)


@pytest.mark.parametrize("question, entry, factor", [
    # "when" needs a date: in the answer, or in the date field (the answer is then headed
    # by it)
    ("when did they leave", _entry(), W.missing_type_penalty),
    ("when did they leave", _entry(flags=HAS_DATE.flag), 1.0),
    ("when did they leave", _entry(flags=DATE), 1.0),
    ("when did they leave", _entry(curated=("when",)), W.missing_type_penalty),  # no waiver
    # "how many" needs a number
    ("how many troops left", _entry(), W.missing_type_penalty),
    ("how many troops left", _entry(flags=HAS_NUMBER.flag), 1.0),
    # "how long" a duration or a length; "how old" an age, even when curated as such
    ("how long did the strike last", _entry(), W.missing_type_penalty),
    ("how long did the strike last", _entry(flags=HAS_NUMBER.flag), W.missing_type_penalty),
    ("how long did the strike last", _entry(flags=HAS_NUMBER.flag | STATES_DURATION.flag), 1.0),
    ("how old is the mayor", _entry(curated=("how old",)), W.missing_type_penalty),
    ("how old is the mayor", _entry(flags=HAS_NUMBER.flag), W.missing_type_penalty),
    ("how old is the mayor", _entry(flags=HAS_NUMBER.flag | STATES_AGE.flag), 1.0),
    # and a measure: a size, a speed, a margin
    ("how big is the bee", _entry(), W.missing_type_penalty),
    ("how big is the bee", _entry(flags=HAS_NUMBER.flag), 1.0),
    # "the name of" needs a person the question does not name
    ("what was the name of the envoy", _entry(actors=GROUP), W.missing_type_penalty),
    ("what was the name of the envoy", _entry(actors=PERSON), 1.0),
    ("what was the name of pompeo's envoy", _entry(actors=(("pompeo", "person"),)),
     W.missing_type_penalty),
    # "who" needs someone the question does not name, unless curated as "who"
    ("who opposed the vote", _entry(), W.missing_type_penalty),
    ("who opposed the vote", _entry(actors=GROUP), 1.0),
    ("who did pompeo meet", _entry(actors=(("pompeo", "person"),)), W.missing_type_penalty),
    ("who opposed the vote", _entry(curated=("who",)), 1.0),
    # "where" needs a place, unless curated as "where"
    ("where is the base", _entry(), W.missing_type_penalty),
    ("where is the base", _entry(kinds=("place",)), 1.0),
    ("where is the base", _entry(curated=("where",)), 1.0),
    # "why" needs a fact curated as a reason
    ("why did they vote", _entry(), W.unexplained_why_factor),
    ("why did they vote", _entry(curated=("why",)), 1.0),
    # kinds that need nothing
    ("is the embassy open", _entry(), 1.0),
    ("how did they vote", _entry(), 1.0),
    ("what happened", _entry(), 1.0),
    ("embassy attack", _entry(), 1.0),
])
def test_type_factor(scorer, question, entry, factor):
    frame = _frame(scorer, question)
    assert scorer._type_factor(frame, entry) == factor


@pytest.mark.parametrize("question, entry, factor", [
    ("who will lead the talks", _entry(), W.conflict_penalty),
    ("who will lead the talks", _entry(flags=SPEAKS_OF_FUTURE.flag), 1.0),
    ("who led the talks", _entry(), 1.0),
    ("what time did it start", _entry(flags=DATE), W.conflict_penalty),
    ("what time did it start", _entry(flags=DATE | STATES_TIME_OF_DAY.flag), 1.0),
    ("what happened in 2019", _entry(terms=("2020",)), W.conflict_penalty),  # another year
    ("what happened in 2019", _entry(terms=("2019",)), 1.0),
    # Whose words: the fact's speaker, else the people its answer names
    ("what did trump say", _entry(speaker="pompeo"), W.conflict_penalty),
    ("what did trump say", _entry(speaker="trump"), 1.0),
    ("what did trump say", _entry(actors=(("pompeo", "person"),)), W.conflict_penalty),
    ("what did trump say", _entry(), 1.0),  # nobody's words: no conflict
    ("who said trump was wrong", _entry(speaker="pompeo"), 1.0),  # asks for the speaker
])
def test_conflict_factor(scorer, question, entry, factor):
    frame = _frame(scorer, question)
    assert scorer._conflict_factor(frame, entry) == factor


FLAG_CASES = [0, HAS_DATE.flag, DATE, HAS_NUMBER.flag, SPEAKS_OF_FUTURE.flag,
              DATE | STATES_TIME_OF_DAY.flag, DATE | SPEAKS_OF_FUTURE.flag | HAS_NUMBER.flag]


@pytest.mark.parametrize("question", [
    "when did they leave", "how many troops left", "who will lead the talks",
    "what time did it start", "when will they leave", "why did they vote",
    "where is the base", "what was the name of the envoy", "is the embassy open",
    "what happened in 2019",
])
def test_traits_bounds_are_the_factors_where_stored_traits_decide(scorer, question):
    """From the flags alone: exactly the factors when only stored traits decide them, and
    never below them otherwise."""
    frame = _frame(scorer, question)
    bounds = scorer._traits_bounds(frame, np.array(FLAG_CASES, dtype=np.uint8))
    decided_by_flags = (all(n.trait.flag for n in frame.kind.needs)
                        and not frame.years and not frame.asked_about)
    for flags, bound in zip(FLAG_CASES, bounds.tolist(), strict=True):
        for entry in (_entry(flags=flags), _entry(flags=flags, actors=PERSON,
                                                  kinds=("place",), curated=("why",))):
            real = scorer._type_factor(frame, entry) * scorer._conflict_factor(frame, entry)
            assert bound >= real
            if decided_by_flags:
                assert bound == real


def test_a_number_the_fact_does_not_state_is_settled_by_another(scorer):
    frame = _frame(scorer, "more than 10000 troops")
    entry = _entry(flags=HAS_NUMBER.flag, terms=("troop",))
    without = _entry(terms=("troop",))
    assert scorer._fact_coverage(frame, entry) == 1.0
    assert scorer._fact_coverage(frame, without) < 1.0
    # A fact holding none of the question's terms gets nothing for a number.
    assert scorer._fact_coverage(frame, _entry(flags=HAS_NUMBER.flag, terms=("x",))) == 0.0


# -- term statistics: every story's, or one story's ----------------------------------------
# Ten facts: rows 1-4 are story "a", rows 5-10 story "b". "vote" is held by 3 facts of a and
# 5 of b; "bee" by 2 of b; "@x" by rows 2 and 6, "@y" by rows 3 and 9 (one name, two entities).
_POSTINGS = {"@x": [2, 6], "@y": [3, 9]}
_STORY_TERMS = {
    "a": StoryTerms(4, {"vote": 3, "@x": 1, "@y": 1}, ()),
    "b": StoryTerms(6, {"vote": 5, "bee": 2, "@x": 1, "@y": 1}, ()),
}


@pytest.fixture
def two_story_scorer():
    reader = SimpleNamespace(
        fact_count=10, document_frequency={"vote": 8, "bee": 2, "@x": 2, "@y": 2},
        story_rows={"a": (1, 4), "b": (5, 10)}, story_terms=_STORY_TERMS.__getitem__,
        postings=lambda term: [row * 2 for row in _POSTINGS.get(term, [])],
        entities={("a", "x"): Entity(id="x", story_id="a", name="X", kind="person"),
                  ("b", "x"): Entity(id="x", story_id="b", name="X", kind="place")})
    return FactScorer(reader, Analyzer([], []), {"x": "place"})


def _unknown(fact_count):
    return term_weight(fact_count, W.unknown_term_frequency) * W.unknown_term_weight


@pytest.mark.parametrize("term, story, weight", [
    ("vote", None, term_weight(10, 8)),  # every story's facts
    ("vote", "a", term_weight(4, 3)),  # story a's alone
    ("vote", "b", term_weight(6, 5)),
    ("bee", None, term_weight(10, 2)),
    ("bee", "a", _unknown(4)),  # held by another story's facts only: unknown in this one
    ("gdp", None, _unknown(10)),
    ("gdp", "b", _unknown(6)),
    ("@x|@y", None, term_weight(10, 4)),  # an ambiguous name: the facts of either
    ("@x|@y", "a", term_weight(4, 2)),  # of either, in the story's rows
    ("@x|@y", "b", term_weight(6, 2)),
    ("?who", "a", W.question_word_weight),
])
def test_terms_are_weighed_by_the_facts_of_the_story_asked(two_story_scorer, term, story,
                                                            weight):
    assert two_story_scorer.weight(term, story) == pytest.approx(weight)


def test_a_storys_frame_weighs_its_terms_and_kinds_by_that_story(two_story_scorer):
    scorer = two_story_scorer
    analysis = scorer.analyzer.analyze("vote bee")
    every, one = scorer._frame(analysis), scorer._frame(analysis, "a")
    assert every.weights["bee"] == scorer.weight("bee") != one.weights["bee"]
    assert one.scope.rows == (1, 4) and every.scope.rows is None
    assert one.scope.entity_kinds == {"x": "person"}  # its own record of the entity
    assert every.scope.entity_kinds == {"x": "place"}


@pytest.fixture
def finds_scorer():
    """A story whose facts say "find", "feed" and "fashion", not "discovery" or "make"."""
    reader = SimpleNamespace(fact_count=10, document_frequency={
        "find": 2, "feed": 1, "fashion": 1, "team": 2, "~probe": 1})
    analyzer = Analyzer([], [("probe", "inquiry", "investigation")])
    return FactScorer(reader, analyzer, {})


@pytest.mark.parametrize("question, terms", [
    # a noun no fact holds, read as the synonym of its commonest sense a fact holds
    ("who confirmed the discovery", {"find", "confirm"}),
    ("what does it eat", {"feed"}),  # "eats", food: feed
    # a generic word stays itself, though "make" is a noun whose synonym a fact holds
    ("which team made the discovery", {"team", "find", "make"}),
    # a word a fact holds stays itself; so does one with no synonym a fact holds
    ("who found the team", {"found", "team"}),
    ("what is the gdp", {"gdp"}),
    ("who resigned", {"resign"}),
    # a synonym met through a synonym group: "inquiry" is the group "~probe"
    ("who led the enquiry", {"lead", "~probe"}),
])
def test_a_word_no_fact_holds_is_read_as_a_noun_synonym_a_fact_holds(finds_scorer, question,
                                                                    terms):
    frame = finds_scorer._frame(finds_scorer.analyzer.analyze(question))
    assert set(frame.terms) == {stem(t) if t[0].isalpha() else t for t in terms}
