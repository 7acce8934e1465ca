"""Noun synonyms from WordNet (bot/language/wordnet.py): the pinned table and its rule."""

from __future__ import annotations

import logging

import pytest

from bot.language import wordnet
from bot.language.text import stem


@pytest.mark.parametrize("noun, synonym", [
    ("discovery", "find"),
    ("crook", "criminal"),
    ("aeroplane", "airplane"),
    ("fixing", "repair"),
])
def test_a_nouns_commonest_sense_gives_its_synonyms(noun, synonym):
    assert stem(synonym) in wordnet.noun_synonyms(stem(noun))


@pytest.mark.parametrize("word", [
    "probe",  # chiefly a verb ("to probe"), though also a noun
    "run",  # chiefly a verb too
    "slowly",  # no noun at all
    "xyzzy",
])
def test_a_word_not_chiefly_a_noun_has_none(word):
    assert wordnet.noun_synonyms(stem(word)) == ()


def test_the_table_is_the_one_pinned():
    wordnet._table.cache_clear()
    assert len(wordnet._table()) > 20_000


def test_an_altered_or_missing_table_gives_no_synonyms_and_says_so(tmp_path, monkeypatch,
                                                                   caplog):
    for content in (b"not xz", None):
        path = tmp_path / "table.xz"
        if content is not None:
            path.write_bytes(content)
        monkeypatch.setattr(wordnet, "TABLE_PATH", path)
        wordnet._table.cache_clear()
        with caplog.at_level(logging.WARNING, logger="storybot.wordnet"):
            assert wordnet.noun_synonyms(stem("discovery")) == ()
        assert "noun synonyms are off" in caplog.text
        caplog.clear()
    monkeypatch.undo()
    wordnet._table.cache_clear()
    assert wordnet.noun_synonyms(stem("discovery"))


def test_a_table_not_matching_its_sha256_is_refused(tmp_path, monkeypatch, caplog):
    import lzma

    path = tmp_path / "table.xz"
    path.write_bytes(lzma.compress(b"discoveri\tfind\n"))
    monkeypatch.setattr(wordnet, "TABLE_PATH", path)
    wordnet._table.cache_clear()
    with caplog.at_level(logging.WARNING, logger="storybot.wordnet"):
        assert wordnet.noun_synonyms("discoveri") == ()
    assert "sha256" in caplog.text
    monkeypatch.undo()
    wordnet._table.cache_clear()
