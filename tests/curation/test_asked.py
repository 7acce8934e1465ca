"""Declined and doubtful questions grouped by wording; each story's questions this week."""

from __future__ import annotations

import pytest

from bot.curation.asked import group_unanswered, needs_curation, read_asked, week_ago
from bot.curation.story_numbers import NO_STORY, story_numbers, traffic_by_story
from bot.factbase.loader import load_factbase
from tests.conftest import SECOND_STORY
from tests.curation.log_rows import write_log

THRESHOLD = 60.0


@pytest.fixture
def log(tmp_path):
    return write_log(tmp_path / "log.db", [
        {"question": "What is the GDP of Iran?", "answered": False},
        {"question": "what is the gdp of iran", "answered": False, "ago": 30},
        {"question": "What's the GDP of Iran??", "answered": False, "guild_id": 2},
        {"question": "Who won?", "answered": True, "score": 64.0, "fact_id": "x"},
        {"question": "Who won the election?", "answered": True, "score": 95.0, "fact_id": "x"},
        {"question": "How tall is Pompeo?", "answered": False, "ago": 10},
        {"question": "Very old question", "answered": False, "ago": 30 * 86400},
    ])


@pytest.mark.parametrize(("answered", "score", "question", "needs"), [
    (False, 10.0, "why?", True),
    (True, 65.0, "who won?", True),  # answered, but just over the threshold
    (True, 70.0, "who won?", False),
    (False, 0.0, "   ", False),
])
def test_which_questions_need_curation(answered, score, question, needs):
    from bot.curation.asked import Asked
    row = Asked(0.0, 1, 1, question, None, score, answered)
    assert needs_curation(row, THRESHOLD) is needs


def test_grouped_by_wording_most_asked_first(log):
    groups = group_unanswered(read_asked(log, since=week_ago()), THRESHOLD)
    assert [(g.question, g.times, g.declined, g.doubtful) for g in groups] == [
        ("What is the GDP of Iran?", 3, 3, 0),
        ("How tall is Pompeo?", 1, 1, 0),  # the latest of the questions asked once
        ("Who won?", 1, 0, 1),
    ]
    assert groups[2].facts == {"x": 1}


def test_one_servers_questions(log):
    groups = group_unanswered(read_asked(log), THRESHOLD, guild_id=2)
    assert [(g.question, g.times) for g in groups] == [("What's the GDP of Iran??", 1)]


def test_no_log_is_no_questions(tmp_path):
    assert read_asked(tmp_path / "missing.db") == []


def test_questions_per_story(tmp_path):
    base, _ = load_factbase(SECOND_STORY.parent, only=[SECOND_STORY.name])
    log = write_log(tmp_path / "log.db", [
        {"question": "Who won the UK election?", "answered": True,
         "fact_id": "johnson-prime-minister"},
        {"question": "Who wrote it?", "answered": True, "fact_id": "uk-election-byline"},
        {"question": "Why?", "answered": False, "channel_id": 77},
        {"question": "What?", "answered": False, "channel_id": 12},
    ])
    numbers, elsewhere = story_numbers(base, read_asked(log), {77: "uk-election"})
    (uk,) = [n for n in numbers if n.stats.story_id == "uk-election"]
    assert (uk.week.asked, uk.week.answered, uk.week.declined) == (3, 2, 1)
    assert (elsewhere.asked, elsewhere.declined) == (1, 1)
    assert NO_STORY in traffic_by_story(read_asked(log), {}, {})
