"""The Discord layer's pieces on their own: cooldown, query log, limits, markup."""

from __future__ import annotations

import sqlite3

import pytest

from bot.discord_app.cooldown import Cooldown
from bot.discord_app.messages import strip_markup
from bot.discord_app.query_log import QueryLog
from bot.discord_app.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_LIMIT,
    TITLE_LIMIT,
    answer_embed,
    clip,
)
from bot.engine.answer import Alternative, Answer


def test_cooldown_allows_a_few_then_waits_per_user():
    now = [0.0]
    cooldown = Cooldown(2, 30.0, clock=lambda: now[0])
    assert cooldown.retry_after(1) == 0 and cooldown.retry_after(1) == 0
    assert cooldown.retry_after(1) == 30.0
    assert cooldown.retry_after(2) == 0  # someone else is not slowed down
    now[0] = 30.0
    assert cooldown.retry_after(1) == 0


def test_query_log_keeps_no_user_ids_and_survives_reopening(tmp_path):
    path = tmp_path / "log.db"
    log = QueryLog(path)
    log.record(guild_id=1, channel_id=2, source="slash", question="who?", fact_id="f",
               score=90.0, answered=True, latency_ms=0.4)
    log.record(guild_id=1, channel_id=2, source="mention", question="GDP?", fact_id=None,
               score=10.0, answered=False, latency_ms=0.6)
    log.close()
    reopened = QueryLog(path)
    summary = reopened.summary(1)
    assert (summary.answered, summary.declined) == (1, 1)
    assert summary.median_latency_ms == 0.5
    assert [u.question for u in reopened.unanswered(1)] == ["GDP?"]
    assert reopened.unanswered(2) == [] and reopened.summary(2).answered == 0  # per server
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(queries)")}
    assert not any("user" in c or "author" in c for c in columns)


def test_embeds_stay_within_discord_limits():
    long = "word " * 3000
    answer = Answer(question=long, answered=True, answer=long, fact_id="f", score=88.0,
                    quote=long, when=long, story={"source": long})
    built = answer_embed(answer)
    assert len(built) <= EMBED_TOTAL_LIMIT
    embed = built.to_dict()
    assert len(embed["title"]) <= TITLE_LIMIT
    assert len(embed["description"]) <= DESCRIPTION_LIMIT
    assert all(len(f["value"]) <= FIELD_LIMIT for f in embed["fields"])
    declined = Answer(question="q", answered=False, message="I don't know.", alternatives=[
        Alternative(fact_id=f"f{i}", answer=long, score=40.0) for i in range(3)])
    assert all(len(f["value"]) <= FIELD_LIMIT for f in answer_embed(declined).to_dict()["fields"])
    assert clip("abc", 2) == "a…"


def test_profiles_list_every_fact_that_fits_and_count_the_rest():
    from bot.discord_app.render import entity_embed
    from bot.factbase.models import Entity, Fact

    entity = Entity(id="e", story_id="s", name="E", kind="person")
    facts = [Fact(id=f"f{i}", story_id="s", answer=f"Fact {i} " + "x" * 300, quote="q")
             for i in range(40)]
    embed = entity_embed(entity, None, facts)
    assert len(embed) <= EMBED_TOTAL_LIMIT and len(embed.fields) <= 25
    assert all(len(f.value) <= FIELD_LIMIT for f in embed.fields)
    listed = sum(f.value.count("• ") for f in embed.fields)
    assert embed.fields[-1].value.startswith(f"… and {40 - listed} more")
    few = entity_embed(entity, None, facts[:3])
    assert sum(f.value.count("• ") for f in few.fields) == 3


def test_markup_is_removed_from_questions():
    text = "<@123> <@!456> @everyone @here <@&789> in <#42> <:flag:99> who opposed it?"
    assert strip_markup(text) == "in who opposed it?"


@pytest.mark.parametrize("text, asks", [
    ("who opposed the resolution", True),
    ("the vote was non-binding?", True),
    ("whos the pm", True),  # chat spellings of question words open questions too
    ("wheres the base", True),
    ("hows the vote going", True),
    ("is pompeo in iraq", True),
    ("tell me about soleimani", True),
    ("nice weather today", False),
    ("thanks all", False),
    ("", False),
])
def test_looks_like_question(engine, text, asks):
    assert engine.looks_like_question(text) is asks
