"""Each question the bot answers or declines is logged with the story it was asked of and
the story of its answer (or of the best suggestion), whichever way it was asked."""

from __future__ import annotations

import sqlite3

from bot.config import Config, DiscordSettings
from bot.conversation.context import Context
from bot.discord_app.query_log import QueryLog
from bot.discord_app.service import StoryService

TIED_CHANNEL = 77


def _logged(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT question, answered, asked_story, answer_story"
                            " FROM queries ORDER BY id").fetchall()
    finally:
        conn.close()


def test_questions_are_logged_with_their_stories(two_stories, two_story_engine, tmp_path):
    config = Config(facts_dir=two_stories, database=tmp_path / "unused.db",
                    query_log=tmp_path / "log.db",
                    discord=DiscordSettings(channel_stories={TIED_CHANNEL: "uk-election"}))
    service = StoryService(config, two_story_engine, QueryLog(config.query_log))
    ask = {"guild_id": 1, "source": "slash"}
    service.ask("How many US troops are in Iraq?", channel_id=5, **ask)  # of every story
    service.ask("Who won the election?", channel_id=5, story="uk-election", **ask)
    service.ask("How many NATO troops are in Iraq?", channel_id=5, **ask)  # declined
    service.ask("Who won the election?", channel_id=TIED_CHANNEL, **ask)  # the channel's
    service.converse("Who won the election?", Context(story="uk-election"), channel_id=5,
                     **ask)
    service.query_log.close()
    assert _logged(config.query_log) == [
        ("How many US troops are in Iraq?", 1, None, "us-iraq-withdrawal"),
        ("Who won the election?", 1, "uk-election", "uk-election"),
        ("How many NATO troops are in Iraq?", 0, None, "us-iraq-withdrawal"),
        ("Who won the election?", 1, "uk-election", "uk-election"),
        ("Who won the election?", 1, "uk-election", "uk-election"),
    ]
