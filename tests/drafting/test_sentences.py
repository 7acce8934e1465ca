"""Sentence rules, one row each: where a sentence ends, and what it leaves out."""

from __future__ import annotations

import pytest

from bot.drafting.sentences import split_sentences

TIMELINE = ("TIMELINE\n\n"
            "- Nov 12: Members vote 87 percent in favour of strike action.\n"
            "- Nov 20: The operator makes its offer; the union rejects it the next day.\n"
            "- Nov 26 (Thursday): Strike begins at 4 a.m.; tunnel closed.\n"
            "- Nov 28 (Saturday): The union announces the strike will continue.")


@pytest.mark.parametrize(("text", "expected"), [
    # a list is cut one item a sentence, each without its marker
    (TIMELINE, ["TIMELINE",
                "Nov 12: Members vote 87 percent in favour of strike action.",
                "Nov 20: The operator makes its offer; the union rejects it the next day.",
                "Nov 26 (Thursday): Strike begins at 4 a.m.; tunnel closed.",
                "Nov 28 (Saturday): The union announces the strike will continue."]),
    ("Steps taken:\n• closed the tunnel\n• cancelled 1,140 trains",
     ["Steps taken:", "closed the tunnel", "cancelled 1,140 trains"]),
    ("What to do:\n1. Call the helpline.\n2. Keep the letter.",
     ["What to do:", "Call the helpline.", "Keep the letter."]),
    # hard-wrapped prose and a dash inside a sentence are no list
    ("The trust said the attack\nwas over - for now - and staff went home.",
     ["The trust said the attack\nwas over - for now - and staff went home."]),
    ("The vote was 87 - 13.\nIt passed.", ["The vote was 87 - 13.", "It passed."]),
])
def test_sentences(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)
