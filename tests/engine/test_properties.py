"""Arbitrary text never breaks the engine (property-based)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.language.text import MAX_QUESTION_CHARS

# The engine fixture is shared on purpose: asking never changes it.
SHARED_ENGINE = [HealthCheck.function_scoped_fixture]
VOCABULARY = ["who", "opposed", "the", "resolution", "soleimani", "troops", "iraq", "US", "PM",
              "NOT", "AND", "OR", "NEAR", '"', "*", "-", ":", "(", ")", "?", "\u200b", "🤔"]


@settings(max_examples=300, deadline=None, suppress_health_check=SHARED_ENGINE)
@given(st.text(max_size=2000))
def test_any_text_gives_an_answer_object(engine, text):
    answer = engine.ask(text)
    assert isinstance(answer.answered, bool)
    assert len(answer.question) <= MAX_QUESTION_CHARS
    assert 0 <= answer.score <= 100
    assert len(answer.alternatives) <= 3
    if answer.answered:
        assert engine.fact(answer.fact_id) is not None and answer.answer
    else:
        assert answer.message and answer.reason


@settings(max_examples=200, deadline=None, suppress_health_check=SHARED_ENGINE)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=30).map(" ".join))
def test_story_words_in_any_order_give_an_answer_object(engine, text):
    answer = engine.ask(text)
    assert isinstance(answer.answered, bool)
