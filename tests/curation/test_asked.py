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


@pytest.mark.parametrize(("row", "story"), [
    ({"asked_story": "a", "answer_story": "a"}, "a"),
    ({"asked_story": "a", "answer_story": None, "answered": False}, "a"),  # nothing near in a
    ({"answer_story": "b", "answered": False}, "b"),  # asked of all; b's fact was suggested
    ({"answer_story": "b", "fact_id": "fact-of-a"}, "b"),  # what the log says comes first
    # Logged before the log recorded stories: the answer's fact, else the channel.
    ({"fact_id": "fact-of-a"}, "a"),
    ({"answered": False, "channel_id": 77}, "c"),
    ({"answered": False, "channel_id": 12}, NO_STORY),
])
def test_which_story_a_question_counts_for(row, story):
    from bot.curation.asked import Asked
    from bot.curation.story_numbers import story_of_question

    asked = Asked(0.0, 1, row.get("channel_id", 12), "q?", row.get("fact_id"), 50.0,
                  row.get("answered", True), row.get("asked_story"), row.get("answer_story"))
    assert story_of_question(asked, {"fact-of-a": "a"}, {77: "c"}) == story


def test_questions_per_story_from_a_log_of_several_stories(tmp_path, two_stories):
    base, _ = load_factbase(two_stories)
    log = write_log(tmp_path / "log.db", [
        {"question": "Who won the UK election?", "answered": True, "fact_id":
         "johnson-prime-minister", "asked_story": "uk-election", "answer_story": "uk-election"},
        {"question": "How many seats?", "answered": False, "asked_story": "uk-election"},
        {"question": "How many troops?", "answered": True, "fact_id": "us-troops-5000-in-iraq",
         "answer_story": "us-iraq-withdrawal"},
        {"question": "How many NATO troops?", "answered": False,
         "answer_story": "us-iraq-withdrawal"},  # declined; its best suggestion's story
        {"question": "What is the weather?", "answered": False},
    ])
    numbers, elsewhere = story_numbers(base, read_asked(log), {})
    week = {n.stats.story_id: (n.week.asked, n.week.answered, n.week.declined)
            for n in numbers}
    assert week == {"uk-election": (2, 1, 1), "us-iraq-withdrawal": (2, 1, 1)}
    assert (elsewhere.asked, elsewhere.declined) == (1, 1)


def test_a_log_from_before_stories_were_recorded_is_read_as_it_is(tmp_path):
    base, _ = load_factbase(SECOND_STORY.parent, only=[SECOND_STORY.name])
    log = write_log(tmp_path / "log.db", [
        {"question": "Who won the UK election?", "answered": True,
         "fact_id": "johnson-prime-minister"},
        {"question": "Why?", "answered": False, "channel_id": 77},
    ], first_layout=True)
    before = log.read_bytes()
    asked = read_asked(log)
    assert [(a.question, a.asked_story, a.answer_story) for a in asked] == [
        ("Who won the UK election?", None, None), ("Why?", None, None)]
    numbers, _ = story_numbers(base, asked, {77: "uk-election"})
    (uk,) = [n for n in numbers if n.stats.story_id == "uk-election"]
    assert (uk.week.asked, uk.week.answered, uk.week.declined) == (2, 1, 1)
    assert log.read_bytes() == before  # a curator's command never writes the bot's log


def test_what_is_read_is_in_the_log():
    from bot.curation.asked import ASKED_COLUMNS
    from bot.discord_app.query_log import COLUMNS

    assert set(ASKED_COLUMNS) <= set(COLUMNS)
