"""The turn-by-turn rule, and that the labelled sets are well formed and big enough."""

from __future__ import annotations

import pytest

from bot.conversation.scoring import judge, load_conversations
from tests.conversation.conftest import CONVERSATIONS_DIR

ANSWER = {"answered": True, "answer": "About 5,000 US troops.", "follow_up": None}
DECLINE = {"answered": False, "answer": None, "follow_up": None}
PRONOUN = {"answered": True, "answer": "Mike Pompeo said so.",
           "follow_up": {"kind": "pronoun", "note": "Taking 'he' as Mike Pompeo"}}
ASK_WHICH = {"answered": False, "follow_up": {"kind": "ask-which", "note": "Who?",
             "choices": [{"name": "Mike Pompeo"}, {"name": "Donald Trump"}]}}


@pytest.mark.parametrize("turn, reply, verdict", [
    ({"expect": [["5,000"]]}, ANSWER, "right"),
    ({"expect": [["5,000"], ["nato"]]}, ANSWER, "wrong"),
    ({"expect": [["5,000"]]}, DECLINE, "missed"),
    ({"abstain": True}, DECLINE, "right"),
    ({"abstain": True}, ANSWER, "wrong"),
    ({"means": ["pompeo"], "expect": [["said"]]}, PRONOUN, "right"),
    ({"means": ["trump"], "expect": [["said"]]}, PRONOUN, "wrong"),
    ({"standalone": True, "expect": [["said"]]}, PRONOUN, "wrong"),
    ({"standalone": True, "expect": [["5,000"]]}, ANSWER, "right"),
    ({"clarify": ["pompeo", "trump"]}, ASK_WHICH, "right"),
    ({"clarify": ["pompeo", "soleimani"]}, ASK_WHICH, "missed"),
    ({"clarify": ["pompeo", "trump"]}, PRONOUN, "wrong"),
])
def test_judging_a_turn(turn, reply, verdict):
    assert judge({"q": "?", **turn}, reply) == verdict


def test_the_sets_are_well_formed_and_big_enough():
    development = load_conversations(CONVERSATIONS_DIR / "conversations.jsonl")
    blind = load_conversations(CONVERSATIONS_DIR / "blind_conversations.jsonl")
    everything = development + blind
    assert len(everything) >= 40
    assert all(2 <= len(c["turns"]) <= 4 for c in everything)
    assert {c["story"] for c in everything} == {"us-iraq-withdrawal", "uk-election"}
    turns = [t for c in everything for t in c["turns"][1:]]
    assert sum(1 for t in turns if t.get("abstain")) >= 5
    assert sum(1 for t in turns if t.get("clarify")) >= 3
    assert sum(1 for t in turns if t.get("standalone")) >= 5


def test_a_malformed_set_is_refused(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "turns": [{"q": "why?"}]}\n')
    with pytest.raises(ValueError, match="every turn needs"):
        load_conversations(path)
