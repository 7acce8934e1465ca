"""Whom a pronoun stands for in one turn: a table of the rule."""

from __future__ import annotations

import pytest

from bot.conversation.book import book_of
from bot.conversation.context import Turn
from bot.conversation.conversation import pronoun_focus
from bot.conversation.phrases import GROUPS, PERSON, PLACES, THINGS

IRAQ = "us-iraq-withdrawal"


def turn(question_word, named, fact_entities, speaker=None):
    return Turn("q", story=IRAQ, fact_id="f", read=True, question_word=question_word,
                named=tuple(named), fact_entities=tuple(fact_entities), speaker=speaker)


@pytest.mark.parametrize("last, kinds, plural, expected", [
    # the question named one person: him
    (turn("who", ["pompeo"], ["pompeo", "state-department"]), PERSON, False, (["pompeo"], False)),
    # a who-question: the person it was answered with, not the one it named
    (turn("who", ["soleimani"], ["trump", "airstrike", "soleimani"]), PERSON, False,
     (["trump"], False)),
    # ... and the fact's speaker first
    (turn("who", ["johnson"], ["pompeo", "johnson"], "pompeo"), PERSON, False,
     (["pompeo"], False)),
    # two people named: both, to ask which
    (turn("yesno", ["pompeo", "trump"], ["pompeo", "trump"]), PERSON, False,
     (["pompeo", "trump"], False)),
    # nobody named, one person in the fact
    (turn("when", [], ["airstrike", "soleimani"]), PERSON, False, (["soleimani"], False)),
    # nobody named, two in the fact, one of them quoted: the speaker
    (turn("why", [], ["trump", "soleimani"], "pompeo"), PERSON, False, (["pompeo"], False)),
    # "they" after a who-question answered with two groups: both, together
    (turn("who", ["parliament-resolution"], ["sunni-lawmakers", "kurdish-lawmakers",
                                             "parliament-resolution", "iraqi-parliament"]),
     GROUPS, True, (["sunni-lawmakers", "kurdish-lawmakers"], True)),
    # "it": the event of the fact
    (turn("when", ["soleimani"], ["airstrike", "soleimani"]), THINGS, False,
     (["airstrike"], False)),
    # "there" after a where-question: the place it was answered with
    (turn("where", ["airstrike"], ["airstrike", "baghdad-airport", "soleimani", "iraq"]),
     PLACES, False, (["baghdad-airport"], False)),
    # nothing of the kind: nothing
    (turn("how many", ["us-military"], ["us-military"]), PERSON, False, ([], False)),
])
def test_pronoun_focus(conversation_engine, last, kinds, plural, expected):
    assert pronoun_focus(book_of(conversation_engine), last, kinds, plural) == expected
