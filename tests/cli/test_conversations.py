"""`storybot ask --json --conversations` and `storybot chat`: follow-ups in a terminal."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import storybot
from tests.conversation.conftest import CONVERSATION_FACTS


@pytest.fixture(scope="module")
def fixture_args(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli-conversations") / "storybot.db"
    return ["--facts", str(CONVERSATION_FACTS), "--db", str(db)]


def test_one_json_answer_per_turn_and_a_blank_line_ends_a_conversation(fixture_args):
    turns = "who is Pompeo?\nwhat did he say?\n\nwhat did he say?\nand Trump?\n"
    result = storybot("ask", "--json", "--conversations", "--story", "us-iraq-withdrawal",
                      *fixture_args, stdin=turns.encode())
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(replies) == 4  # the blank line prints nothing
    assert replies[0]["follow_up"] is None and replies[0]["answered"]
    assert replies[1]["follow_up"]["note"] == "Taking 'he' as Mike Pompeo"
    assert replies[1]["follow_up"]["taken_as"] == "what did Mike Pompeo say?"
    # A new conversation: "he" has nobody to stand for, "and Trump?" nothing to repeat.
    assert replies[2]["follow_up"] is None
    assert replies[3]["follow_up"] is None


def test_ask_stays_stateless_without_conversations(fixture_args):
    result = storybot("ask", "--json", "--story", "us-iraq-withdrawal", *fixture_args,
                      stdin=b"who is Pompeo?\nwhere did he speak?\n")
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "follow_up" not in replies[1]


def test_chat_keeps_the_sessions_context(fixture_args):
    result = storybot("chat", "--story", "us-iraq-withdrawal", *fixture_args,
                      stdin=b"who is Pompeo?\nwhere did he speak?\ntell me more\nquit\n")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "(Taking 'he' as Mike Pompeo)" in out
    assert "White House briefing" in out
    assert "(Taking 'tell me more' as more about the last answer)" in out
