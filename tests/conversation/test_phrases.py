"""Which turns are follow-ups, and of what kind: one table per rule."""

from __future__ import annotations

import pytest

from bot.conversation import phrases


@pytest.mark.parametrize("text, wh", [
    ("why?", "why"), ("Why", "why"), ("how come?", "why"), ("when?", "when"),
    ("and when?", "when"), ("how many?", "how many"), ("where exactly?", "where"),
    ("when did that happen?", "when"), ("when was it?", "when"), ("who?", "who"),
    ("why did he say that?", None), ("when was Soleimani killed?", None),
    ("where did it happen?", None), ("how many troops?", None),
])
def test_bare_question_words(text, wh):
    assert phrases.ellipsis_of(phrases.normalise(text)) == wh


@pytest.mark.parametrize("text, expected", [
    ("who said that?", True), ("Who said it", True), ("says who?", True),
    ("according to whom?", True), ("who said the US would stay?", False),
    ("who said what about Iran?", False),
    # any verb of the lexicon's words for asking what someone said, "us" or not
    ("who claims that?", True), ("who told us that?", True), ("who replied that", True),
    ("who stated so", True), ("who responded to that?", False), ("who knew that?", False),
])
def test_who_said_that(text, expected):
    assert phrases.asks_who_said(phrases.normalise(text)) is expected


@pytest.mark.parametrize("text, expected", [
    ("tell me more", True), ("Tell me more!", True), ("go on", True), ("what else?", True),
    ("tell me more about it", True), ("tell me more about Pompeo", False),
    ("more troops?", False),
])
def test_tell_me_more(text, expected):
    assert phrases.asks_more(phrases.normalise(text)) is expected


@pytest.mark.parametrize("text, subject", [
    ("and Trump?", "trump"), ("what about the Kurds?", "the kurds"),
    ("How about NATO troops?", "nato troops"), ("and why?", None), ("and he?", None),
    ("and what did he say about the long list of things in Iraq?", None),
])
def test_and_x(text, subject):
    assert phrases.same_for(phrases.normalise(text)) == subject


@pytest.mark.parametrize("text, intent", [
    ("give me the timeline", "timeline"), ("Timeline?", "timeline"),
    ("show me the chronology", "timeline"), ("what happened next?", "next"),
    ("and then?", "next"), ("what happened after that?", "next"),
    ("what happened before that?", "before"), ("what led to this?", "before"),
    ("what else happened then?", "same-day"), ("who is in this story?", "cast"),
    ("who are the main players?", "cast"), ("show me the source", "source"),
    ("source?", "source"), ("where is this from?", "source"),
    ("what is this article about?", "summary"), ("summarise it", "summary"),
    ("tl;dr", "summary"),
    # questions about one fact stay questions
    ("who is Pompeo?", None), ("what happened to Soleimani?", None),
    ("when was the timeline of the withdrawal set?", None),
    ("what is the source of the threats?", None),
])
def test_intents(text, intent):
    assert phrases.intent_of(phrases.normalise(text)) == intent
