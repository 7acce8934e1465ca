"""Ordinary English and how words sound: the two signals typo correction reads."""

from __future__ import annotations

import pytest

from bot.language.english import is_english_word, sounds_like


@pytest.mark.parametrize("word, english", [
    ("many", True), ("gist", True), ("troops", True),
    ("irak", False), ("mnay", False), ("resolutoin", False),
])
def test_is_english_word(word, english):
    assert is_english_word(word) is english


@pytest.mark.parametrize("word, code", [
    ("irak", "i620"), ("iraq", "i620"), ("iran", "i650"),
    ("robert", "r163"), ("rupert", "r163"), ("ashcraft", "a261"), ("", ""),
])
def test_sounds_like(word, code):
    assert sounds_like(word) == code
