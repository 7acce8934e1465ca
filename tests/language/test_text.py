"""Normalising, tokens and stems: one row per rule."""

from __future__ import annotations

import pytest

from bot.language.text import MAX_QUESTION_CHARS, clean, stem, tokens


@pytest.mark.parametrize("text, expected", [
    ("  who   opposed\tit ", "who opposed it"),  # spaces collapse
    ("who\u200bopposed", "whoopposed"),  # invisible characters vanish inside a word
    ("who\x00opposed", "who opposed"),  # control characters separate words
    ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),  # NFKC
    ("x" * (MAX_QUESTION_CHARS + 50), "x" * MAX_QUESTION_CHARS),  # capped
])
def test_clean(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Who opposed it?", ["who", "opposed", "it"]),
    ("U.S. troops", ["us", "troops"]),  # abbreviations joined
    ("the U.S.A.", ["the", "usa"]),
    ("Iraq's PM", ["iraq", "pm"]),  # possessives dropped
    ("Iraq’s PM", ["iraq", "pm"]),  # curly apostrophe
    ("Iraq`s PM", ["iraq", "pm"]),
    ("didn't go", ["did", "not", "go"]),  # negations spelt out
    ("5,000 troops", ["5000", "troops"]),  # digit groups joined
    ("5.000 troops", ["5000", "troops"]),
    ("3.5 percent", ["3", "5", "percent"]),  # a decimal is no digit group
    ("the 3rd of January", ["the", "3", "of", "january"]),  # ordinals
    ("21st century", ["21", "century"]),
    ("Abdul-Mahdi", ["abdul", "mahdi"]),
    ("snake_case", ["snake", "case"]),
    ("", []),
])
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize("word, same_as", [
    ("withdrawal", "withdraw"),  # Snowball
    ("troops", "troop"),
    ("sent", "send"),  # irregular forms
    ("withdrew", "withdraw"),
    ("children", "child"),
    ("authorities", "authority"),  # exceptions keep families together
    ("organisation", "organization"),
    ("007", "7"),  # numbers without leading zeros
])
def test_stem_joins(word, same_as):
    assert stem(word) == stem(same_as)


@pytest.mark.parametrize("word, not_as", [
    ("authorities", "author"),  # exceptions keep unrelated words apart
    ("majority", "major"),
    ("international", "internal"),
    ("based", "base"),  # troops based in Iraq are not military bases
    ("objective", "object"),
    ("responsible", "response"),
])
def test_stem_separates(word, not_as):
    assert stem(word) != stem(not_as)


def test_zero_stays_zero():
    assert stem("0") == "0"
    assert stem("000") == "0"
