"""The draft writer's word lists that belong together stay consistent, and the patterns
built from them match what the lists say."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.drafting import lexicon, names
from bot.drafting.dates import find_dates
from bot.drafting.sentences import split_sentences
from bot.language import lexicon as language


def test_calendar_words_are_the_question_analysers():
    assert tuple(m.lower() for m in lexicon.MONTHS) == language.MONTHS
    assert tuple(d.lower() for d in lexicon.WEEKDAYS) == language.WEEKDAYS
    assert all(m[:1].isupper() for m in (*lexicon.MONTHS, *lexicon.WEEKDAYS))


def test_month_abbreviations_name_their_months():
    for short, number in lexicon.MONTH_ABBREVIATIONS.items():
        assert lexicon.MONTHS[number - 1].startswith(short)
        # the question analyser reads the same short forms
        assert language.CHAT_SPELLINGS[short.lower()] == language.MONTHS[number - 1]
    assert "May" not in lexicon.MONTH_ABBREVIATIONS
    assert set(lexicon.MONTH_ABBREVIATIONS.values()) == set(range(1, 13)) - {5}


def test_month_abbreviations_do_not_end_a_sentence():
    assert {m.lower() for m in lexicon.MONTH_ABBREVIATIONS} <= lexicon.ABBREVIATIONS


@pytest.mark.parametrize("text, wording, date", [
    ("The vote was on Sept. 4, 2019.", "Sept. 4, 2019", dt.date(2019, 9, 4)),
    ("The vote was on Feb 4 2019.", "Feb 4 2019", dt.date(2019, 2, 4)),
    ("It opened in March.", "March", dt.date(2020, 3, 1)),
    ("It was built circa 1952 by hand.", "1952", dt.date(1952, 1, 1)),
])
def test_date_patterns_are_built_from_the_lists(text, wording, date):
    found = find_dates(text, dt.date(2020, 6, 1))
    assert [(f.text, f.date) for f in found] == [(wording, date)]


def test_titles_are_offices_or_occupations():
    assert set(names.TITLES) == set(lexicon.OFFICE_TITLES) | set(lexicon.OCCUPATION_TITLES)
    assert not set(lexicon.OFFICE_TITLES) & set(lexicon.OCCUPATION_TITLES)
    assert set(lexicon.OCCUPATION_TITLES) >= lexicon.COURTESY_TITLES


def test_short_titles_are_titles_and_their_long_forms_are_not_short():
    assert set(lexicon.TITLE_WORDS) <= set(names.TITLES)
    assert not set(lexicon.TITLE_WORDS.values()) & set(lexicon.TITLE_WORDS)


def test_dotted_name_words_are_titles_or_name_endings():
    title_words = {word for title in names.TITLES for word in title.split()}
    assert lexicon.DOTTED_NAME_WORDS - title_words == {"St", "Jr", "Sr"}
    assert {"Jr", "Sr"} <= lexicon.NAME_SUFFIXES


def test_other_job_names_are_not_already_job_words():
    assert not lexicon.OTHER_JOB_NAMES & lexicon.PERSON_WORDS
    assert all(w == w.lower() for w in (*lexicon.PERSON_WORDS, *lexicon.OTHER_JOB_NAMES))


def test_kind_words_have_one_meaning_each():
    endings = (lexicon.PLACE_ENDINGS, lexicon.DOCUMENT_ENDINGS, lexicon.EVENT_ENDINGS)
    for i, one in enumerate(endings):
        for other in endings[i + 1 :]:
            assert not one & other
    # a job word makes a person, an organisation word an organisation: never both
    assert not lexicon.PERSON_WORDS & lexicon.ORGANISATION_WORDS


def test_demonyms_name_known_places():
    assert set(filter(None, lexicon.DEMONYMS.values())) <= lexicon.PLACES
    assert set(lexicon.GROUP_NOUNS.values()) <= set(names.KIND_ORDER)


def test_speech_verbs():
    # The draft writer inverts ("..., said Pompeo") only speech verbs it finds.
    assert set(lexicon.SPEECH_VERBS) >= lexicon.INVERTIBLE_VERBS
    assert {w for w in lexicon.SPEAKER_BEFORE if " " not in w} <= set(lexicon.SPEECH_VERBS)
    assert len(set(lexicon.SPEECH_VERBS)) == len(lexicon.SPEECH_VERBS)
    # A reader asking what someone "said" or "told" asks about the words these verbs attribute.
    shared = set(lexicon.SPEECH_VERBS) & language.SPEECH_WORDS
    assert {"said", "says", "say", "told", "stated", "claimed", "replied"} == shared


def test_fact_ids_leave_out_only_words_without_a_topic():
    assert lexicon.ID_STOPWORDS <= language.STOPWORDS


@pytest.mark.parametrize("sentence, person", [
    ("The plan works, said Ingrid Vasquez.", "Ingrid Vasquez"),
    ("The plan works, according to Ingrid Vasquez.", "Ingrid Vasquez"),
    ("Ingrid Vasquez told reporters the plan works.", "Ingrid Vasquez"),
])
def test_speech_patterns_are_built_from_the_lists(sentence, person):
    found, _ = names.find_candidates(sentence, split_sentences(sentence))
    assert [(c.name, c.speaker_hints) for c in found] == [(person, 1)]
