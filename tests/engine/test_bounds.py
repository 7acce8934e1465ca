"""The search's shortcuts never change an answer (property-based): every fact's bound is
at least its score, and the pruned search finds the same best facts as scoring every fact,
over every story or within one (its terms then weighed by that story alone)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.language.question_kinds import KINDS
from tests.conftest import DATA_DIR

SHARED_ENGINE = [HealthCheck.function_scoped_fixture]
LABELLED = sorted({json.loads(line)["q"] for path in DATA_DIR.glob("*questions.jsonl")
                   for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
# Words readers use, every cue of every kind, and numbers and years (which a fact stating
# another number settles, and which conflict with another year).
WORDS = sorted({word.strip("?,.!").lower() for q in LABELLED for word in q.split()}
               | {w for kind in KINDS for w in kind.question_words | kind.first_words
                  | kind.nouns_after_wh}
               | {"how", "many", "much", "number", "of", "will", "going", "time",
                  "5000", "10000", "600", "2019", "2020", "1990"})
QUESTIONS = st.one_of(
    st.sampled_from(LABELLED),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
    # A labelled question with words dropped and others added.
    st.tuples(st.sampled_from(LABELLED), st.lists(st.sampled_from(WORDS), max_size=3),
              st.integers(0, 5)).map(lambda t: " ".join(t[0].split()[t[2]:] + t[1])),
)


# Every story, or one: the bundled story and the second one.
STORIES = st.sampled_from([None, "us-iraq-withdrawal", "uk-election"])


def _frame(engine, question, story=None):
    analysis = engine.analyzer_for(story).analyze(question)
    scorer = engine.scorer
    return analysis, scorer._frame(analysis, story), engine._profiles_of(analysis, story)


def _score_every_fact(engine, frame, preferred):
    reader = engine.reader
    first, last = frame.scope.rows or (0, reader.row_count)
    entries = reader.facts_at(list(range(first, last + 1)))
    return [engine.scorer._score_entry(frame, entry, preferred) for entry in entries.values()]


def _top(scored, limit, min_score):
    kept = [s for s in scored if s.score >= min_score and s.score > 0]
    kept.sort(key=lambda s: (s.score, s.phrasing, -s.row), reverse=True)
    return [(s.fact.id, s.score) for s in kept[:limit]]


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_ENGINE)
@given(QUESTIONS, STORIES)
def test_every_bound_is_at_least_the_score(two_story_engine, question, story):
    engine = two_story_engine
    _, frame, preferred = _frame(engine, question, story)
    if not frame.terms:
        return
    candidates, bounds = engine.scorer._candidates(frame, preferred, frame.scope.rows, 0.0)
    entries = engine.reader.facts_at(candidates.tolist())
    for row, bound in zip(candidates.tolist(), bounds.tolist(), strict=True):
        scored = engine.scorer._score_entry(frame, entries[row], preferred)
        assert bound >= scored.score - 0.05 - 1e-9, (question, scored.fact.id)


@settings(max_examples=150, deadline=None, suppress_health_check=SHARED_ENGINE)
@given(QUESTIONS, st.sampled_from([0.0, 30.0, 60.0]), STORIES)
def test_the_pruned_search_finds_the_best_facts(two_story_engine, question, min_score, story):
    engine = two_story_engine
    analysis, frame, preferred = _frame(engine, question, story)
    if not frame.terms:
        return
    every = _score_every_fact(engine, frame, preferred)
    pruned = engine.scorer.score(analysis, limit=4, preferred=preferred, min_score=min_score,
                                 story=story)
    # Facts below min_score may fill the list too, when scored on the way; a fact scoring
    # nothing is no match.
    found = [(s.fact.id, s.score) for s in pruned if s.score >= min_score and s.score > 0]
    assert found == _top(every, 4, min_score), question


@pytest.mark.parametrize("story", [None, "us-iraq-withdrawal", "uk-election"])
@pytest.mark.parametrize("question", ["How many US troops are in Iraq?",
                                      "who opposed the resolution", "When will they leave?",
                                      "who is the PM?"])
def test_answers_above_the_threshold_are_always_found(two_story_engine, question, story):
    """Below the answer threshold the search stops after a budget of facts; at or above it,
    never."""
    engine = two_story_engine
    analysis, frame, preferred = _frame(engine, question, story)
    threshold = engine.settings.answer_threshold
    every = _score_every_fact(engine, frame, preferred)
    pruned = engine.scorer.score(analysis, limit=4, preferred=preferred, min_score=30.0,
                                 exact_from=threshold, story=story)
    found = [(s.fact.id, s.score) for s in pruned if s.score >= threshold]
    assert found == _top(every, 4, threshold)
