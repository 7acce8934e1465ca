"""What readers asked, read from the query log: declined and doubtful questions grouped by
wording, and each story's questions this week.

The log belongs to the bot (it writes it); this module only reads it, opening the file
read-only so that a curator's command never holds up the bot's writes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from rapidfuzz import fuzz, process

WEEK = 7 * 86400.0
# Answers this close above the answer threshold were nearly declined: a curator should see
# them beside the declined ones.
LOW_CONFIDENCE_MARGIN = 10.0
SAME_WORDING = 85  # rapidfuzz token_sort_ratio at which two questions are one question


def normalise_question(text: str) -> str:
    """A question's words, lower-case, without punctuation: how two askings compare."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


@dataclass(frozen=True)
class Asked:
    asked_at: float
    guild_id: int | None
    channel_id: int | None
    question: str
    fact_id: str | None
    score: float
    answered: bool
    asked_story: str | None = None  # the story it was asked of, if one
    answer_story: str | None = None  # of its answer, or of the best suggestion if declined


@dataclass
class QuestionGroup:
    """Questions asked in nearly the same words, most common wording first."""

    wordings: dict[str, int] = field(default_factory=dict)
    declined: int = 0
    doubtful: int = 0  # answered, but with low confidence
    last_asked: float = 0.0
    facts: dict[str, int] = field(default_factory=dict)  # facts the doubtful ones got

    @property
    def question(self) -> str:
        # The most common wording; on a tie, the first asked.
        return max(self.wordings.items(), key=lambda item: item[1])[0]

    @property
    def times(self) -> int:
        return self.declined + self.doubtful


# What read_asked reads; a log written before the story columns were added has NULL there.
ASKED_COLUMNS = ("asked_at", "guild_id", "channel_id", "question", "fact_id", "score",
                 "answered", "asked_story", "answer_story")


def read_asked(log_path: str | Path, since: float = 0.0) -> list[Asked]:
    """Every question in the log since a time, oldest first (none when there is no log).
    A log the bot has not upgraded yet is read as it is: it is never written here."""
    path = Path(log_path)
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=2.0)
        try:
            present = {row[1] for row in conn.execute("PRAGMA table_info(queries)")}
            selected = ", ".join(c if c in present else "NULL" for c in ASKED_COLUMNS)
            rows = conn.execute(f"SELECT {selected} FROM queries WHERE asked_at >= ? "
                                "ORDER BY asked_at", (since,)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [Asked(*row[:6], bool(row[6]), *row[7:]) for row in rows]


def needs_curation(asked: Asked, answer_threshold: float) -> bool:
    """Declined, or answered with a score just over the threshold."""
    if not asked.question.strip():
        return False
    return not asked.answered or asked.score < answer_threshold + LOW_CONFIDENCE_MARGIN


def group_unanswered(asked: Iterable[Asked], answer_threshold: float,
                     guild_id: int | None | type[...] = ...) -> list[QuestionGroup]:
    """Declined and doubtful questions, grouped by wording, most asked first (then the
    latest). `guild_id` keeps one server's questions (None: direct messages); by default
    every server's."""
    groups: list[QuestionGroup] = []
    keys: list[str] = []
    for row in asked:
        if guild_id is not ... and row.guild_id != guild_id:
            continue
        if not needs_curation(row, answer_threshold):
            continue
        key = normalise_question(row.question)
        match = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio,
                                   score_cutoff=SAME_WORDING) if keys else None
        if match is None:
            group = QuestionGroup()
            groups.append(group)
            keys.append(key)
        else:
            group = groups[match[2]]
        group.wordings[row.question.strip()] = group.wordings.get(row.question.strip(), 0) + 1
        group.last_asked = max(group.last_asked, row.asked_at)
        if row.answered:
            group.doubtful += 1
            if row.fact_id:
                group.facts[row.fact_id] = group.facts.get(row.fact_id, 0) + 1
        else:
            group.declined += 1
    return sorted(groups, key=lambda g: (-g.times, -g.last_asked))


def week_ago(now: float | None = None) -> float:
    return (time.time() if now is None else now) - WEEK
