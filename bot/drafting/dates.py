"""Finds the dates an article mentions and pins each to the calendar.

Relative words ("Friday", "last week") only mean something against the day the article
was published, so every rule takes the publication date. Each found date keeps the
article's own words, because the fact format stores them beside the calendar date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.drafting.lexicon import DATE_PREPOSITIONS, MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from bot.language.text import YEAR_DIGITS

# Month names are matched case-sensitively: "may" is far more often a verb than a month.
_MONTH = (r"(?P<month>(?:" + "|".join(MONTHS) + r")\b|(?:"
          + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True)) + r")\b\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = rf"(?P<year>{YEAR_DIGITS})"
_PREPOSITIONS = r"(?:" + "|".join(DATE_PREPOSITIONS) + ")"


@dataclass(frozen=True)
class FoundDate:
    start: int          # offsets into the text that was searched
    end: int
    text: str           # the article's own words, e.g. "the 3rd January"
    date: dt.date
    precision: str      # day | week | month | year


# A sentence about what is to come: its dates without a year are the next ones, not the
# last ("plans to release a survey on Friday", "a hearing is set for March 3").
_FUTURE = re.compile(r"\b(?:will|shall|plans?\s+to|planned\s+to|intends?\s+to|(?:is|are)\s+"
                     r"(?:set|due|expected|scheduled)|going\s+to|would|next|upcoming|"
                     # what may yet happen: "could resume on Tuesday", not "could have"
                     r"(?:could|might)\s+(?!have\b|not\b)[a-z]+|"
                     # a request is for later: "asked both sides to sit ... on Monday"
                     r"(?:asked|urged|invited|called\s+on)\s+[^.;]{0,60}?\bto\s+[a-z]+)\b",
                     re.I)
# "Today" as the present state, not a day's event: "known today as", "who is 50 today".
_TODAY_NOT_A_DAY = re.compile(r"(?:\b(?:known|called|named|still|even)\s+today\b|"
                              r"\d+\s+today\b|\btoday\s+as\b|\btoday[’']s\b)", re.I)


def _sentence_around(text: str, position: int, reach: int = 400) -> str:
    """The sentence holding `position`, looked for within `reach` characters."""
    window_start = max(0, position - reach)
    window = text[window_start : position + reach]
    at = position - window_start
    start = max(window.rfind(mark, 0, at) for mark in (". ", "! ", "? ", "\n")) + 1
    ends = [i for i in (window.find(mark, at) for mark in (". ", "! ", "? ", "\n")) if i >= 0]
    return window[start : min(ends) if ends else len(window)]


def is_future(text: str, position: int) -> bool:
    """Whether the sentence around `position` speaks of what is to come."""
    return bool(_FUTURE.search(_sentence_around(text, position)))


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], dt.date, bool], tuple[dt.date, str] | None]
    text_group: str | int = 0  # which part of the match is the article's wording


def _month_number(name: str) -> int:
    name = name.rstrip(".")
    if name in MONTHS:
        return MONTHS.index(name) + 1
    return MONTH_ABBREVIATIONS[name]


# How much nearer a day must be to win against the tense of its sentence: a day and month
# without a year are the ones nearest publication, but a sentence about what is to come
# counts a day already past as this much further away, and one about the past a day to come
# ("a hearing is set for March 3" in June is next March; "the union rejects it the next
# day" after "Nov 20" in a story of Nov 29 is still this November).
TENSE_BIAS = dt.timedelta(days=183)


def _nearest(month: int, day: int, published: dt.date, future: bool) -> dt.date | None:
    """A day and month with no year: the one nearest the publication date once the tense
    of the sentence is weighed (TENSE_BIAS): "Nov 20" in a story of Nov 29 is nine days
    ago, "Dec 3" four days ahead, whatever the tense of their sentences."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # 31 April, or 29 February outside a leap year
            continue
        distance = abs(candidate - published)
        if (candidate < published) if future else (candidate > published):
            distance += TENSE_BIAS
        candidates.append((distance, candidate))
    return min(candidates)[1] if candidates else None


def _day_month(match: re.Match[str], published: dt.date, future: bool
               ) -> tuple[dt.date, str] | None:
    month, day = _month_number(match["month"]), int(match["day"])
    if match["year"]:
        try:
            return dt.date(int(match["year"]), month, day), "day"
        except ValueError:
            return None
    found = _nearest(month, day, published, future)
    return (found, "day") if found else None


def _iso(match: re.Match[str], published: dt.date, future: bool) -> tuple[dt.date, str] | None:
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"])), "day"
    except ValueError:
        return None


def _month_year(match: re.Match[str], published: dt.date, future: bool
                ) -> tuple[dt.date, str] | None:
    return dt.date(int(match["year"]), _month_number(match["month"]), 1), "month"


def _month_alone(match: re.Match[str], published: dt.date, future: bool
                 ) -> tuple[dt.date, str] | None:
    month = _month_number(match["month"])
    if future and not match.group().lower().startswith(("last", "since")):
        year = published.year if month >= published.month else published.year + 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1), "month"


UNTIL_WORDS = ("through", "until", "till", "by")


def _weekday(match: re.Match[str], published: dt.date, future: bool
             ) -> tuple[dt.date, str] | None:
    target = WEEKDAYS.index(match["weekday"].capitalize())
    relation = (match["relation"] or "").lower()
    # A limit ahead ("cancel flights through Sunday") is to come whatever the tense; a
    # start ("since Wednesday") or a day's own event ("Wednesday's flight") has been.
    if relation in UNTIL_WORDS:
        future = True
    elif relation == "since" or match["owner"]:
        future = False
    if relation in ("", "on", "this", *UNTIL_WORDS) and future:
        return published + dt.timedelta(days=(target - published.weekday()) % 7), "day"
    if relation == "next":
        ahead = (target - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), "day"
    back = (published.weekday() - target) % 7
    if relation == "last" and back == 0:
        back = 7  # "last Friday" written on a Friday is a week ago, not today
    return published - dt.timedelta(days=back), "day"


def _relative_period(match: re.Match[str], published: dt.date, future: bool
                     ) -> tuple[dt.date, str] | None:
    step = {"last": -1, "this": 0, "next": 1}[match["relation"].lower()]
    period = match["period"].lower()
    if period == "week":
        # A week is named by its Monday, as the curated timeline does for "last week".
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=step), "week"
    if period == "month":
        index = published.year * 12 + published.month - 1 + step
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    return dt.date(published.year + step, 1, 1), "year"


def _relative_day(match: re.Match[str], published: dt.date, future: bool
                  ) -> tuple[dt.date, str] | None:
    word = match["word"].lower()
    around = match.string[max(0, match.start() - 20) : match.end() + 10]
    if word == "today" and _TODAY_NOT_A_DAY.search(around):
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    return published + dt.timedelta(days=offset), "day"


def _bare_year(match: re.Match[str], published: dt.date, future: bool
               ) -> tuple[dt.date, str] | None:
    # "sent 2000 troops" is a number, "in 2019 the" and "a 2009 award" are years.
    if not match["before"] and match["after"]:
        return None
    return dt.date(int(match["year"]), 1, 1), "year"


_RULES = (
    _Rule(re.compile(r"\b" + _YEAR + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    _Rule(re.compile(r"\b(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MONTH
                     + r"(?:,?\s+" + _YEAR + r"\b)?"), _day_month),
    _Rule(re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?![\d,]\d)\b(?:,?\s+" + _YEAR
                     + r"\b)?"), _day_month),
    _Rule(re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b"), _month_year),
    _Rule(re.compile(r"\b(?i:" + _PREPOSITIONS + r"|last|this)\s+(?P<text>"
                     + _MONTH.replace(r"\b\.?", r"\b") + r")"), _month_alone, "text"),
    _Rule(re.compile(r"\b(?:(?P<relation>(?i:last|next|this|on|through|until|till|by|since))"
                     r"\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b(?P<owner>[’']s\b)?"
                     r"(?:\s+(?i:morning|afternoon|evening|night))?"),
          _weekday),
    _Rule(re.compile(r"\b(?P<relation>last|this|next)\s+(?P<period>week|month|year)\b", re.I),
          _relative_period),
    _Rule(re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.I), _relative_day),
    _Rule(re.compile(r"(?:(?P<before>\b(?i:" + _PREPOSITIONS + r"|a|an|the|of|and)\s+)|"
                     r"(?<![\d,.$£€/-]))\b" + _YEAR + r"\b(?![\d%]|[,.]\d|-\d)"
                     r"(?P<after>\s+[a-z])?"), _bare_year, "year"),
)


def _wording(match: re.Match[str], rule: _Rule) -> tuple[int, int]:
    """The span of the article's own words: "on Monday" is written as "Monday"."""
    start, end = match.span(rule.text_group)
    if rule.text_group == 0 and match.groupdict().get("relation", "") \
            and match["relation"].lower() in ("on", "since", *UNTIL_WORDS):
        start = match.start("weekday")
    if match.groupdict().get("owner"):
        end = match.start("owner") if end == match.end("owner") else end
    return start, end


def _without_overlaps(found: list[FoundDate]) -> list[FoundDate]:
    kept: list[FoundDate] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _is_weekday(item: FoundDate) -> bool:
    return item.text.split()[0].capitalize() in WEEKDAYS


def _on_weekday(day: FoundDate, weekday: str, published: dt.date) -> dt.date:
    """A day and month the article gives with its weekday but no year: in the year nearest
    publication when it falls on that weekday ("Friday, 12 June" in a story of November 2026
    is 12 June 2026, a Friday, even in a sentence about what is to come); else as found."""
    target = WEEKDAYS.index(weekday.capitalize())
    if day.date.weekday() == target or re.search(YEAR_DIGITS, day.text):
        return day.date
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = dt.date(year, day.date.month, day.date.day)
        except ValueError:  # 29 February outside a leap year
            continue
        if candidate.weekday() == target:
            candidates.append(candidate)
    return min(candidates, key=lambda d: abs(d - published)) if candidates else day.date


def _merge_weekday_with_date(found: list[FoundDate], text: str, published: dt.date
                             ) -> list[FoundDate]:
    """'Friday, January 3' and 'Nov 30 (Monday)' are one date: the calendar date wins over
    the weekday rule, its weekday choosing its year when the article gives none."""
    merged: list[FoundDate] = []
    for item in found:
        previous = merged[-1] if merged else None
        if (previous is not None and _is_weekday(item) and item.precision == "day"
                and previous.precision == "day" and not _is_weekday(previous)
                and text[previous.end:item.start] == " (" and text[item.end:item.end + 1] == ")"):
            # the weekday in brackets only names the date's day
            merged[-1] = replace(previous, date=_on_weekday(previous, item.text.split()[0],
                                                            published))
            continue
        if (previous is not None and previous.text.split()[0].capitalize() in WEEKDAYS
                and item.precision == "day" and text[previous.end:item.start] in (", ", " ")
                and item.text.split()[0].capitalize() not in WEEKDAYS):
            merged[-1] = FoundDate(previous.start, item.end, text[previous.start:item.end],
                                   _on_weekday(item, previous.text.split()[0], published),
                                   item.precision)
            continue
        merged.append(item)
    return merged


def find_dates(text: str, published: dt.date) -> list[FoundDate]:
    """Every date the text mentions, in text order, resolved against the publication date."""
    found = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            resolved = rule.resolve(match, published, is_future(text, match.start()))
            if resolved is None:
                continue
            start, end = _wording(match, rule)
            found.append(FoundDate(start, end, text[start:end], *resolved))
    return _merge_weekday_with_date(_without_overlaps(found), text, published)
