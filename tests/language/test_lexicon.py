"""Lists of words that belong together stay consistent."""

from __future__ import annotations

import pytest

from bot.language import lexicon
from bot.language.question_kinds import FIRST_WORD_CUES, QUESTION_WORDS
from bot.language.text import stem


def test_question_words_and_openers():
    assert QUESTION_WORDS <= lexicon.STOPWORDS  # they tell the kind, not the topic
    assert FIRST_WORD_CUES <= lexicon.QUESTION_OPENERS  # "is ...", "could ..." ask
    # Every question word opens a question, its chat spellings ("whos") too.
    assert QUESTION_WORDS <= lexicon.QUESTION_OPENERS
    assert {"whos", "wheres", "hows"} <= lexicon.QUESTION_OPENERS


def test_chat_spellings_map_in_one_step():
    assert not set(lexicon.CHAT_SPELLINGS.values()) & set(lexicon.CHAT_SPELLINGS)


@pytest.mark.parametrize("short, month", [("jan", "january"), ("sep", "september"),
                                          ("sept", "september"), ("dec", "december")])
def test_month_abbreviations(short, month):
    assert lexicon.CHAT_SPELLINGS[short] == month


def test_may_is_a_word_not_a_month_abbreviation():
    assert "may" not in lexicon.CHAT_SPELLINGS


def test_irregular_forms_map_to_base_forms():
    bases = set(lexicon.IRREGULAR.values())
    assert not {form for form in lexicon.IRREGULAR if lexicon.IRREGULAR[form] != form} & bases
    assert not set(lexicon.IRREGULAR) & set(lexicon.STEM_EXCEPTIONS)


def test_stem_exceptions_keep_word_families_together():
    assert stem("authorities") == stem("authority") != stem("author")
    assert stem("majority") != stem("major")
    assert stem("international") != stem("internal")


def test_speech_lists_have_one_meaning_each():
    # Questions about someone's words restrict the speaker; reporting words only weigh
    # little: a word does one or the other.
    assert not lexicon.SPEECH_WORDS & lexicon.REPORTING_WORDS


def test_counts_include_the_small_numbers():
    assert {"one", "two", "ten", "hundred", "million"} <= set(lexicon.COUNT_WORDS)
