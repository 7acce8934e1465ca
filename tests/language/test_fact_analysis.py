"""A fact's stored traits and terms: one row per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.factbase.models import Entity, Fact
from bot.language.analyzer import Analyzer
from bot.language.fact_analysis import analyze_fact, generated_phrasings, stored_traits
from bot.language.question_kinds import (
    HAS_DATE,
    HAS_NUMBER,
    SPEAKS_OF_FUTURE,
    STATES_AGE,
    STATES_DATE,
    STATES_DURATION,
    STATES_TIME_OF_DAY,
)


def _fact(answer, quote="", date=None, **fields):
    return Fact(id="f", story_id="s", answer=answer, quote=quote or answer, date=date,
                **fields)


@pytest.mark.parametrize("fact, shown", [
    (_fact("The vote took place on 5 January 2020."), {HAS_DATE, STATES_DATE}),  # no count
    (_fact("The vote took place on Sunday."), {HAS_DATE, STATES_DATE}),
    (_fact("The vote took place last week."), {HAS_DATE, STATES_DATE}),
    (_fact("The vote took place in 2019."), {HAS_DATE, STATES_DATE}),
    # an older year is a date too, not a count ("how big is the painting?")
    (_fact("It was painted in 1879."), {HAS_DATE, STATES_DATE}),
    (_fact("The museum had 1,879 visitors."), {HAS_NUMBER}),  # with a separator, a count
    (_fact("Parliament voted.", date=dt.date(2020, 1, 5)), {HAS_DATE}),  # the field only
    (_fact("About 5,000 troops are in Iraq."), {HAS_NUMBER}),
    (_fact("Several hundred people marched."), {HAS_NUMBER}),
    (_fact("It happened on 10 January."), {HAS_DATE, STATES_DATE}),  # a date is no count
    (_fact("The strike came on Friday morning."), {HAS_DATE, STATES_DATE,
                                                   STATES_TIME_OF_DAY}),
    (_fact("The meeting starts at 9 a.m."), {HAS_NUMBER, STATES_TIME_OF_DAY}),
    (_fact("The US will keep its troops.", "We plan to stay"), {SPEAKS_OF_FUTURE}),
    (_fact("Pompeo spoke.", "We are going to stay"), {SPEAKS_OF_FUTURE}),  # in the quote
    (_fact("The airline is set to resume flights."), {SPEAKS_OF_FUTURE}),  # scheduled
    (_fact("Managers are due to meet the union."), {SPEAKS_OF_FUTURE}),
    (_fact("Orlan has promised to keep the lines open."), {SPEAKS_OF_FUTURE}),
    (_fact("The delay was due to the strike."), set()),  # in the past, a cause
    (_fact("Pompeo spoke."), set()),
    # an age, as news gives one: no count or size ("how big is the bee?")
    (_fact("A 52-year-old man was found."), {STATES_AGE}),
    (_fact("Jorun Maltby, 61, led the protest."), {STATES_AGE}),
    (_fact("The dead included a couple in their seventies."), {STATES_AGE}),
    (_fact("The plant opened in 1979."), {HAS_DATE, STATES_DATE}),  # a year is no age
    (_fact("The sale raises 4 billion crowns."), {HAS_NUMBER}),  # nor is any number
    # a duration or a length
    (_fact("The strike lasted nine days."), {HAS_NUMBER, STATES_DURATION}),
    (_fact("A three-week search began."), {HAS_NUMBER, STATES_DURATION}),
    (_fact("The tunnel is 57 kilometres long."), {HAS_NUMBER, STATES_DURATION}),
    (_fact("About 40,000 cars a day enter."), {HAS_NUMBER}),  # a rate is no duration
    (_fact("The vote asked for a withdrawal rather than forcing one."), set()),  # a pronoun
    (_fact("Two people died."), {HAS_NUMBER}),
])
def test_stored_traits(fact, shown):
    assert {trait for trait, held in stored_traits(fact).items() if held} == shown


ENTITIES = {"pompeo": Entity(id="pompeo", story_id="s", name="Mike Pompeo", kind="person",
                             aliases=("Pompeo",)),
            "iraq": Entity(id="iraq", story_id="s", name="Iraq", kind="place")}


def test_analysed_fact():
    fact = _fact("Mike Pompeo visited Iraq.", "Pompeo flew to Baghdad",
                 entities=("iraq",), speaker="pompeo",
                 questions=("Who visited Iraq?", "Pompeo trip"))
    analyzer = Analyzer((), []).for_story(ENTITIES.values())
    terms = analyze_fact(fact, analyzer, lambda e: ENTITIES[e].kind)
    assert {"@pompeo", "@iraq", "visit"} <= set(terms.text_terms)
    assert "baghdad" in terms.text_terms  # the quote counts as what the fact says
    assert terms.question_words == ("who",)
    # Each curated question is a phrasing (with its kind as a term), and so is the answer.
    assert ("?who", "@iraq", "visit") in terms.phrasings
    # Then the question forms the index writes itself, last, none repeating a curated one
    # ("?who" without the person named is the curator's own "Who visited Iraq?").
    assert len(terms.phrasings) == len(fact.questions) + 1 + terms.generated
    generated = terms.phrasings[len(fact.questions) + 1:]
    assert set(generated) == {("?what", "@iraq", "@pompeo", "visit"),
                              ("?where", "@pompeo", "visit"),
                              ("?what", "@pompeo", "baghdad", "fli")}
    assert terms.entity_kinds == ("person", "place")
    assert terms.actors == (("pompeo", "person"),)  # places are no actors
    assert {"who", "visited", "trip"} <= terms.words  # what readers may type


@pytest.mark.parametrize("answer, holds_country", [
    ("Mike Pompeo visited Iraq.", True),  # names a place: it can answer "which country?"
    ("Mike Pompeo spoke.", False),
])
def test_a_fact_naming_a_place_holds_the_word_country(answer, holds_country):
    analyzer = Analyzer((), []).for_story(ENTITIES.values())
    terms = analyze_fact(_fact(answer), analyzer, lambda e: ENTITIES[e].kind)
    assert ("countri" in terms.terms) is holds_country


@pytest.mark.parametrize("description, leads", [
    ("chief executive of Veldrail", True),  # a head of what it names
    ("general secretary of the union", True),
    ("spokeswoman for Veldrail", False),
])
def test_a_profile_holds_its_persons_role(description, leads):
    fact = _fact("Mike Pompeo said the talks would go on.", entities=("iraq",))
    analyzer = Analyzer((), [("leader", "head")]).for_story(ENTITIES.values())
    terms = analyze_fact(fact, analyzer, lambda e: ENTITIES[e].kind,
                         roles=[("pompeo", description)])
    role = analyzer.analyze(description).expanded_terms
    assert set(role) <= set(terms.terms) and "@pompeo" in terms.terms
    asked_so = [p for p in terms.phrasings[len(fact.questions) + 1:] if "?who" in p]
    assert any(set(role) <= set(p) for p in asked_so)  # "who is the chief executive...?"
    assert ("~leader" in terms.terms) is leads  # "who runs Veldrail?"
    assert not set(role) - {"pompeo"} <= set(terms.text_terms)  # not what the fact says


def test_the_date_text_is_part_of_what_the_fact_says():
    fact = _fact("Parliament voted.", date=dt.date(2020, 1, 5), date_text="Sunday")
    terms = analyze_fact(fact, Analyzer((), []), lambda e: None)
    assert "sunday" in terms.text_terms


_NO_TRAITS = {HAS_DATE: False, STATES_DATE: False, STATES_TIME_OF_DAY: False,
              SPEAKS_OF_FUTURE: False, HAS_NUMBER: False, STATES_AGE: False,
              STATES_DURATION: False}


@pytest.mark.parametrize("answer, traits, kinds, dated, expected", [
    # Every fact: "what" with all it says.
    (["@us", "kill", "@soleimani"], {}, {}, [], {("?what", "@soleimani", "@us", "kill")}),
    # The people it names answer "who": the form holds the rest.
    (["@us", "kill", "@soleimani"], {}, {"us": "place", "soleimani": "person"}, [],
     {("?who", "@us", "kill"), ("?where", "@soleimani", "kill")}),
    # A dated fact answers "when" without its date; a year stays out of the form too.
    (["vote", "5", "januari", "2020"], {HAS_DATE: True}, {}, ["5", "januari"],
     {("?when", "vote")}),
    # A number answers "how many" without the number; a year is no count.
    (["5000", "troop", "@iraq"], {HAS_NUMBER: True}, {}, [],
     {("?how many", "@iraq", "troop")}),
    # Nothing left once the asked part is taken out: no form of that kind.
    (["@pompeo"], {}, {"pompeo": "person"}, [], set()),
])
def test_generated_phrasings(answer, traits, kinds, dated, expected):
    found = generated_phrasings(answer, [], frozenset(answer), dated=dated, kinds=kinds,
                                speaker=None, traits={**_NO_TRAITS, **traits})
    assert expected <= set(found)
    if not expected:
        assert ("?who",) not in found and all(len(p) > 1 for p in found)


@pytest.mark.parametrize("clauses, traits, expected, unexpected", [
    # The clause holding the number asks "how many" of itself; the other clause does not.
    ([["5000", "troop", "@iraq"], ["train", "forc"]], {HAS_NUMBER: True},
     ("?how many", "@iraq", "troop"), ("?how many", "forc", "train")),
    # One clause: nothing more than the whole answer's forms.
    ([["5000", "troop", "@iraq"]], {HAS_NUMBER: True}, None, ("?how many", "@iraq", "troop")),
])
def test_generated_phrasings_of_the_clause_that_holds_the_answer(clauses, traits, expected,
                                                                 unexpected):
    answer = [t for clause in clauses for t in clause]
    found = generated_phrasings(answer, [], frozenset(answer), dated=[], kinds={},
                                speaker=None, traits={**_NO_TRAITS, **traits},
                                clauses=clauses)
    if expected:
        assert expected in found
    if len(clauses) > 1:
        assert unexpected not in found
    else:
        assert found.count(("?how many", "@iraq", "troop")) == 1  # the whole answer's form


def test_generated_phrasings_hold_only_what_the_fact_holds():
    found = generated_phrasings(["vote", "oust"], ["we", "want", "them", "out"],
                                frozenset({"vote", "want", "@mahdi"}), dated=[], kinds={},
                                speaker="mahdi", traits=_NO_TRAITS)
    # The answer's held terms with "?what"; the quote's as the speaker's words.
    assert found == [("?what", "vote"), ("?what", "@mahdi", "want")]
