"""Date rules that depend on the sentence: what is to come, and 'today' that is no day."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.drafting.dates import find_dates, is_future

PUBLISHED = dt.date(2026, 6, 3)  # a Wednesday


def _dates(text: str) -> list[tuple[str, dt.date, str]]:
    return [(d.text, d.date, d.precision) for d in find_dates(text, PUBLISHED)]


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence about what is to come: the next such day or month
    ("It plans to release a survey on Friday.", ("Friday", dt.date(2026, 6, 5), "day")),
    ("The team will band the chicks in August.", ("August", dt.date(2026, 8, 1), "month")),
    ("A hearing is set for March 3.", ("March 3", dt.date(2027, 3, 3), "day")),
    ("The deal is expected to close by Feb. 16.", ("Feb. 16", dt.date(2027, 2, 16), "day")),
    ("They will meet on Wednesday.", ("Wednesday", dt.date(2026, 6, 3), "day")),
    # the same words about the past: the last such day or month
    ("The survey was released on Friday.", ("Friday", dt.date(2026, 5, 29), "day")),
    ("The chicks were banded in August.", ("August", dt.date(2025, 8, 1), "month")),
    ("A hearing was held on March 3.", ("March 3", dt.date(2026, 3, 3), "day")),
    # an explicit word wins over the tense
    ("It will report on last Friday's vote.", ("last Friday", dt.date(2026, 5, 29), "day")),
    ("It will meet next Monday.", ("next Monday", dt.date(2026, 6, 8), "day")),
    ("It will be done by March 2027.", ("March 2027", dt.date(2027, 3, 1), "month")),
    ("The county said today it agreed.", ("today", dt.date(2026, 6, 3), "day")),
])
def test_dates_in_context(text, expected):
    assert _dates(text) == [expected]


@pytest.mark.parametrize("text", [
    "The wetland, known today as Lowmarsh, was renamed.",
    "A worker who is 50 today would lose out.",
    "Today's vote is the third.",
    "It is still today the largest lake.",
    "Greyfen is called today as it was then.",
])
def test_today_as_a_present_state_is_no_date(text):
    assert [d for d in _dates(text) if d[0].lower() == "today"] == []


@pytest.mark.parametrize(("text", "future"), [
    ("The bureau will ask the county.", True),
    ("It plans to expand. It grew last year.", False),  # the other sentence
    ("It plans to expand. It grew last year.", True),
    ("A vote is due in May.", True),
    ("The vote passed in May.", False),
    ("Officials said it would resume in May.", True),
])
def test_future_is_read_from_the_sentence_holding_the_date(text, future):
    position = text.rfind("last year") if "grew" in text and not future else 3
    assert is_future(text, position) is future


WIRE_PUBLISHED = dt.date(2026, 11, 29)  # a Sunday, near the turn of the year


@pytest.mark.parametrize(("text", "expected"), [
    # a month and day without a year: the year that puts it nearest publication
    ("- Nov 20: The firm made its offer; the union rejects it the next day.",
     [("Nov 20", dt.date(2026, 11, 20), "day")]),
    ("- Nov 28 (Saturday): The union announces the strike will continue.",
     [("Nov 28", dt.date(2026, 11, 28), "day")]),
    ("- Nov 30 (Monday): Talks planned at the ministry.",
     [("Nov 30", dt.date(2026, 11, 30), "day")]),
    ("- Dec 3 (Thursday): A court due to rule.", [("Dec 3", dt.date(2026, 12, 3), "day")]),
    ("The plant closed on Dec 3.", [("Dec 3", dt.date(2026, 12, 3), "day")]),
    ("The plant will reopen on Nov 2.", [("Nov 2", dt.date(2026, 11, 2), "day")]),
    ("The plant was opened on Jan 12.", [("Jan 12", dt.date(2027, 1, 12), "day")]),
    # months away, the tense decides
    ("The plant was opened on March 3.", [("March 3", dt.date(2026, 3, 3), "day")]),
    ("The plant will open on May 3.", [("May 3", dt.date(2027, 5, 3), "day")]),
    # a weekday given with the date chooses its year, whatever the tense
    ("The insurer offered a reward on Friday, 12 June.",
     [("Friday, 12 June", dt.date(2026, 6, 12), "day")]),
    ("A hearing is set for Saturday, 12 June.",
     [("Saturday, 12 June", dt.date(2027, 6, 12), "day")]),
    ("- June 12 (Friday): The reward is offered.", [("June 12", dt.date(2026, 6, 12), "day")]),
    ("The hearing was on Friday, 12 June 2027.",  # a year given stands, whatever the day
     [("Friday, 12 June 2027", dt.date(2027, 6, 12), "day")]),
    # a weekday in a clause about what is to come: the next one after publication
    ("Talks will resume on Monday.", [("Monday", dt.date(2026, 11, 30), "day")]),
    ("The ruling is due on Tuesday.", [("Tuesday", dt.date(2026, 12, 1), "day")]),
    ("Service could resume on Tuesday if drivers report for work.",
     [("Tuesday", dt.date(2026, 12, 1), "day")]),
    ("I have asked both sides to sit at the same table on Monday.",
     [("Monday", dt.date(2026, 11, 30), "day")]),
    # and in a clause about the past, the last one
    ("Two ships sailed half empty on Friday.", [("Friday", dt.date(2026, 11, 27), "day")]),
    ("The company could not say on Friday how many left.",
     [("Friday", dt.date(2026, 11, 27), "day")]),
    ("It may have closed on Friday.", [("Friday", dt.date(2026, 11, 27), "day")]),
    # a limit ahead is to come whatever the tense; a start, or a day's own event, has been
    ("The strike has forced Veldrail to cancel trains through Wednesday.",
     [("Wednesday", dt.date(2026, 12, 2), "day")]),
    ("Records were ordered by Tuesday.", [("Tuesday", dt.date(2026, 12, 1), "day")]),
    ("Passengers on Friday's train will get refunds.",
     [("Friday", dt.date(2026, 11, 27), "day")]),
    ("Bookings will be refunded if made since Thursday.",
     [("Thursday", dt.date(2026, 11, 26), "day")]),
])
def test_dates_without_a_year_near_publication(text, expected):
    assert [(d.text, d.date, d.precision) for d in find_dates(text, WIRE_PUBLISHED)] == expected
