"""The engine's tunable settings, with the defaults the config file documents."""

from __future__ import annotations

from dataclasses import dataclass

# Calibrated with `storybot calibrate tests/data/*.jsonl`: the threshold that answers the
# most labelled questions right while wrong answers cost twice a decline.
DEFAULT_ANSWER_THRESHOLD = 70.0
DEFAULT_SUGGESTION_THRESHOLD = 30.0


@dataclass(frozen=True)
class EngineSettings:
    answer_threshold: float = DEFAULT_ANSWER_THRESHOLD
    suggestion_threshold: float = DEFAULT_SUGGESTION_THRESHOLD
    max_alternatives: int = 3
