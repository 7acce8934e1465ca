"""Scoring labelled conversations turn by turn, with the rule of the single-question sets:
a turn that expects an answer is right when answered and every inner list of regexes
matches the lower-cased answer; one that expects a decline is right when declined. See
tests/data/conversations/README.md for the format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine.calibrate import expect_matches, read_json_lines


def load_conversations(path: str | Path) -> list[dict[str, Any]]:
    conversations = []
    for number, item in read_json_lines(path):
        turns = item.get("turns")
        if not isinstance(turns, list) or not turns:
            raise ValueError(f"{path}:{number}: needs a list of 'turns'")
        for turn in turns:
            if "q" not in turn or not (turn.get("expect") or turn.get("abstain")
                                       or turn.get("clarify")):
                raise ValueError(f"{path}:{number}: every turn needs 'q' and one of "
                                 "'expect', 'abstain', 'clarify'")
        conversations.append(item)
    return conversations


def judge(turn: dict[str, Any], reply: dict[str, Any]) -> str:
    """'right', 'wrong' (answered when it should not be, or with a failing text) or
    'missed' (declined or asked back when it should have answered)."""
    answered = bool(reply.get("answered"))
    follow_up = reply.get("follow_up") or {}
    if turn.get("standalone") and follow_up and follow_up.get("kind") != "intent":
        return "wrong" if answered else "missed"
    if turn.get("means"):
        meaning = f"{follow_up.get('note', '')} {follow_up.get('taken_as', '')}".lower()
        if not all(re.search(rx, meaning) for rx in turn["means"]):
            return "wrong" if answered else "missed"
    if turn.get("clarify"):
        if answered:
            return "wrong"
        choices = " ".join(c["name"] for c in follow_up.get("choices", ())).lower()
        return "right" if follow_up.get("kind") == "ask-which" and all(
            re.search(rx, choices) for rx in turn["clarify"]) else "missed"
    if turn.get("abstain"):
        return "wrong" if answered else "right"
    if not answered:
        return "missed"
    return "right" if expect_matches(turn["expect"], reply.get("answer") or "") else "wrong"


@dataclass
class Score:
    turns: int = 0
    right: int = 0
    wrong: int = 0
    follow_ups: int = 0  # turns after the first
    follow_ups_right: int = 0
    follow_ups_wrong: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, conversation_id: str, index: int, turn: dict, reply: dict) -> None:
        verdict = judge(turn, reply)
        self.turns += 1
        self.right += verdict == "right"
        self.wrong += verdict == "wrong"
        if index > 0:
            self.follow_ups += 1
            self.follow_ups_right += verdict == "right"
            self.follow_ups_wrong += verdict == "wrong"
        if verdict != "right":
            shown = reply.get("answer") or reply.get("message") or ""
            note = (reply.get("follow_up") or {}).get("note", "")
            self.misses.append(f"{verdict.upper()} {conversation_id}.{index + 1} "
                               f"{turn['q']!r} [{note}] -> {shown[:110]!r}")

    def summary(self) -> str:
        return (f"turns {self.right}/{self.turns} right ({self.right / max(1, self.turns):.1%}),"
                f" {self.wrong} wrong; follow-ups {self.follow_ups_right}/{self.follow_ups} "
                f"right ({self.follow_ups_right / max(1, self.follow_ups):.1%}), "
                f"{self.follow_ups_wrong} wrong "
                f"({self.follow_ups_wrong / max(1, self.follow_ups):.1%})")
