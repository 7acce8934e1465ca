"""`why`: each part of a fact's score is the scorer's own, and the parts make the score."""

from __future__ import annotations

import pytest

from bot.engine.explain import explain

QUESTIONS = [
    "who opposed the resolution?",
    "How many NATO troops are in Iraq?",
    "what is the gdp of iran",
    "when was Soleimani killed?",
    "what did Trump say about Iraq?",
    "will the US leave Iraq in 2021?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_parts_make_the_score_ranking_computed(engine, question):
    found = explain(engine, question, top=4)
    assert found.facts
    for parts in found.facts:
        product = parts.combined * parts.profile_bonus * parts.type_factor * parts.conflict_factor
        assert parts.scored.score == round(min(product, 100.0), 1)
        assert set(parts.held) | set(parts.missing) == {
            t.term for t in found.terms}
    answer = found.answer
    scores = {p.scored.fact.id: p.scored.score for p in found.facts}
    for alternative in answer.alternatives:  # the engine's own ranking, the same numbers
        if alternative.fact_id in scores:
            assert scores[alternative.fact_id] == alternative.score
    if not answer.answered and answer.reason == "below-threshold":
        assert found.facts[0].scored.score == answer.score


@pytest.mark.parametrize(("question", "says"), [
    ("who opposed the resolution?", "answered from sunni-kurdish-lawmakers-opposed-resolution"),
    ("what is the gdp of iran", "the fact base has never seen 'gdp'"),
    ("How many NATO troops are in Iraq?", "cannot give the kind of answer asked for"),
    ("soleimani", "chosen by name"),
    ("hello", "not a question about the story (greeting)"),
    # nothing to search for: told the story's gist, with nothing scored to show
    ("what is this story about?", "what the story is about"),
    ("give me a summary", "what the story is about"),
])
def test_the_reason_says_what_decided(engine, question, says):
    assert says in explain(engine, question).reason


def test_explaining_changes_no_answer(engine):
    before = [engine.ask(q) for q in QUESTIONS]
    for question in QUESTIONS:
        explain(engine, question)
    assert [engine.ask(q) for q in QUESTIONS] == before


@pytest.mark.parametrize(("story", "says"), [
    (None, "with several stories loaded and none chosen"),
    ("uk-election", "answered from uk-election-byline"),
])
def test_a_question_about_the_story_is_explained_for_the_story_asked(two_story_engine,
                                                                     story, says):
    found = explain(two_story_engine, "who wrote this article?", story=story)
    assert says in found.reason
    # Weighed as that story's question: by its facts alone, or by every story's.
    term = found.terms[0]
    assert term.weight == two_story_engine.scorer.weight(term.term, story)
    assert term.facts_holding == two_story_engine.scorer.frequency(term.term, story)
