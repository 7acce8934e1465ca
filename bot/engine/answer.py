"""What the engine returns: one object that every front (CLI, Discord) renders its own way."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Alternative:
    fact_id: str
    answer: str
    score: float
    question: str | None = None  # a curated phrasing, for "did you mean ...?" buttons


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    answer: str | None = None
    fact_id: str | None = None
    score: float = 0.0
    quote: str | None = None
    date: str | None = None  # ISO 8601
    date_text: str | None = None  # the article's own words for the date
    when: str | None = None  # the date as a reader wants it
    speaker: str | None = None
    story: dict[str, Any] | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    reason: str | None = None  # why the engine declined: empty | greeting | help | no-match | ...
    message: str | None = None  # what to tell the reader when there is no answer
    # "semantic": the engine alone would have declined, and the sentence model's re-ranking
    # of its candidates chose this fact (engine/semantic.py), with the cosine of the fact's
    # closest text to the question and the fused score that reached the cut-off.
    # "summary": the question asks what the story is about, and gets its summary unsearched.
    method: str | None = None
    cosine: float | None = None
    fused: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
