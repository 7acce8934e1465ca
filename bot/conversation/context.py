"""What a conversation remembers: a few turns, each reduced to what a follow-up can lean on.

Bounded by construction: a context holds at most MAX_TURNS turns and MAX_SHOWN fact ids,
whatever the conversation's length, so a bot can keep many thousands of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

MAX_TURNS = 3  # pronouns reach back this far; older turns are forgotten
MAX_SHOWN = 16  # facts already shown, which "tell me more" skips


@dataclass(slots=True)
class Turn:
    """One answered turn: the question as it was taken, and what its answer rests on.

    Only the question, story and fact are kept when the turn is answered; the rest is read
    the first time a follow-up leans on it (`details`), so that a question nobody follows
    up costs nothing more than the engine's answer."""

    question: str
    story: str | None = None
    fact_id: str | None = None
    event_id: str | None = None  # the timeline event the answer belongs to, when shown
    more_of: str | None = None  # for "tell me more": the fact the reader wanted more of
    # Filled by conversation.details():
    read: bool = False
    question_word: str | None = None
    named: tuple[str, ...] = ()  # entity ids the question names, in order
    fact_entities: tuple[str, ...] = ()  # the answering fact's entities, curated order
    speaker: str | None = None  # entity id of whom the fact quotes
    date: dt.date | None = None
    when: str | None = None  # the date as a reader wants it


@dataclass(frozen=True)
class Pending:
    """A question waiting for the reader to say which one they meant."""

    word: str
    choices: tuple[tuple[str, str], ...]  # (name, question to ask)


@dataclass(slots=True)
class Context:
    story: str | None = None  # the story the conversation is held in, if only one
    # Short lists trimmed by hand: a bounded deque costs over 600 bytes even when empty.
    turns: list[Turn] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    pending: Pending | None = None
    last_used: float = 0.0

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def last_answered(self) -> Turn | None:
        """The latest turn answered from a fact (a declined one has nothing to lean on)."""
        return next((t for t in reversed(self.turns) if t.fact_id), None)

    def remember(self, turn: Turn) -> None:
        self.turns.append(turn)
        del self.turns[:-MAX_TURNS]
        if turn.fact_id and turn.fact_id not in self.shown:
            self.shown.append(turn.fact_id)
            del self.shown[:-MAX_SHOWN]

    def recent_turns(self) -> list[Turn]:
        """The turns, newest first."""
        return list(reversed(self.turns))
