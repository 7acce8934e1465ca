"""Conversations kept per key, forgotten when quiet or when the store is full."""

from __future__ import annotations

import pytest

from bot.conversation import ConversationStore, Turn


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_same_key_continues_the_same_conversation():
    store = ConversationStore(clock=Clock())
    store.get("alice").remember(Turn("who is Pompeo?", fact_id="f"))
    assert store.get("alice").last.question == "who is Pompeo?"
    assert store.get("bob").last is None


def test_a_quiet_conversation_expires():
    clock = Clock()
    store = ConversationStore(expiry_seconds=60, clock=clock)
    store.get("alice").remember(Turn("q", fact_id="f"))
    clock.now += 59
    assert store.get("alice").last is not None  # asking again keeps it alive
    clock.now += 59
    assert store.get("alice").last is not None
    clock.now += 61
    assert store.get("alice").last is None


def test_another_story_starts_afresh():
    store = ConversationStore(clock=Clock())
    store.get("alice", "iraq").remember(Turn("q", fact_id="f"))
    assert store.get("alice", "uk").last is None


def test_the_store_is_bounded_forgetting_the_least_recent():
    store = ConversationStore(max_conversations=3, clock=Clock())
    for key in "abc":
        store.get(key).remember(Turn(key, fact_id="f"))
    store.get("a")  # used again: now the most recent
    store.get("d")
    assert len(store) == 3
    assert store.get("a").last is not None
    assert store.get("b").last is None


def test_a_reply_to_the_bots_message_finds_its_conversation():
    store = ConversationStore(max_conversations=2, clock=Clock())
    store.get("alice").remember(Turn("q", fact_id="f"))
    store.remember_message(111, "alice")
    assert store.key_of_message(111) == "alice"
    assert store.key_of_message(222) is None
    assert store.key_of_message(None) is None
    for number in range(100):  # the message map is bounded too
        store.remember_message(1000 + number, "alice")
    assert store.key_of_message(111) is None


def test_bad_limits_are_refused():
    with pytest.raises(ValueError):
        ConversationStore(max_conversations=0)


def test_a_long_conversation_keeps_only_its_last_turns_and_shown_facts():
    from bot.conversation.context import MAX_SHOWN, MAX_TURNS, Context

    context = Context()
    for number in range(100):
        context.remember(Turn(f"q{number}", fact_id=f"f{number}"))
    assert [t.question for t in context.turns] == [f"q{n}" for n in range(100 - MAX_TURNS, 100)]
    assert len(context.shown) == MAX_SHOWN and context.shown[-1] == "f99"
