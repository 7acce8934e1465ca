"""Threshold calibration on labelled questions.

A labelled question either expects an answer (every group of regexes must match the
lower-cased answer sentence) or expects the engine to decline. At each threshold the
engine answers when its best score reaches it; a wrong answer costs more than a decline.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

WRONG_ANSWER_COST = 2.0


def read_json_lines(path: str | Path):
    """(line number, object) for each non-blank line of a JSON-lines file; a line that is
    not JSON is a ValueError naming the file and line."""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc


def load_labelled(path: str | Path) -> list[dict[str, Any]]:
    questions = []
    for number, item in read_json_lines(path):
        if "q" not in item or not (item.get("abstain") or item.get("expect")):
            raise ValueError(f"{path}:{number}: needs 'q' and 'expect' or 'abstain'")
        for pattern in (p for group in item.get("expect") or () for p in group):
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                raise ValueError(f"{path}:{number}: 'expect' pattern {pattern!r} is not a "
                                 f"regular expression: {exc}") from exc
        questions.append(item)
    return questions


def expect_matches(groups: list[list[str]], answer_text: str) -> bool:
    """The labelled sets' rule: every group has a regex matching the lower-cased answer."""
    text = answer_text.lower()
    return all(re.search("|".join(group), text) for group in groups)


def is_correct_text(item: dict[str, Any], answer_text: str) -> bool:
    return expect_matches(item["expect"], answer_text)


@dataclass(frozen=True)
class Outcome:
    question: dict[str, Any]
    score: float
    fact_id: str | None
    right_fact: bool  # the top fact's answer satisfies the expectation
    hard_decline: bool  # declined whatever the threshold (empty, greeting, future tense)

    def verdict(self, threshold: float) -> str:
        answers = not self.hard_decline and self.fact_id is not None and self.score >= threshold
        if self.question.get("abstain"):
            return "wrong" if answers else "ok"
        if not answers:
            return "missed"
        return "ok" if self.right_fact else "wrong"


@dataclass(frozen=True)
class SweepRow:
    threshold: float
    answerable: float
    declined: float
    wrong: int
    utility: float


def evaluate(engine, labelled: list[dict[str, Any]]) -> list[Outcome]:
    """Each question's best fact and score, with the threshold out of the way."""
    original = engine.settings
    engine.settings = replace(original, answer_threshold=0.0)
    try:
        outcomes = []
        for item in labelled:
            answer = engine.ask(item["q"])
            right = bool(answer.answered and "expect" in item
                         and is_correct_text(item, answer.answer or ""))
            outcomes.append(Outcome(
                question=item,
                score=answer.score,
                fact_id=answer.fact_id,
                right_fact=right,
                hard_decline=not answer.answered,
            ))
        return outcomes
    finally:
        engine.settings = original


def sweep(engine, labelled, step: float = 2.5) -> tuple[list[SweepRow], list[Outcome]]:
    outcomes = evaluate(engine, labelled)
    answerable = [o for o in outcomes if not o.question.get("abstain")]
    abstain = [o for o in outcomes if o.question.get("abstain")]
    rows = []
    threshold = 0.0
    while threshold <= 100:
        verdicts = [o.verdict(threshold) for o in outcomes]
        ok_answerable = sum(o.verdict(threshold) == "ok" for o in answerable)
        ok_abstain = sum(o.verdict(threshold) == "ok" for o in abstain)
        wrong = verdicts.count("wrong")
        rows.append(SweepRow(
            threshold=threshold,
            answerable=ok_answerable / max(len(answerable), 1),
            declined=ok_abstain / max(len(abstain), 1),
            wrong=wrong,
            utility=ok_answerable + ok_abstain - WRONG_ANSWER_COST * wrong,
        ))
        threshold = round(threshold + step, 6)
    return rows, outcomes


# -- several labelled sets, each over its own facts, and a sweep of the weights ---------------


@dataclass(frozen=True)
class SetTally:
    """How one labelled set fares at one threshold."""

    name: str
    right: int
    answerable: int
    declined: int
    unanswerable: int
    wrong: int

    @property
    def size(self) -> int:
        return self.answerable + self.unanswerable

    @property
    def utility(self) -> float:
        return self.right + self.declined - WRONG_ANSWER_COST * self.wrong

    def line(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0"
        return (f"right {share(self.right, self.answerable)}, declined "
                f"{share(self.declined, self.unanswerable)}, wrong "
                f"{share(self.wrong, self.size)}")


def tally(name: str, outcomes: list[Outcome], threshold: float) -> SetTally:
    answerable = [o for o in outcomes if not o.question.get("abstain")]
    abstain = [o for o in outcomes if o.question.get("abstain")]
    verdicts = [o.verdict(threshold) for o in outcomes]
    return SetTally(
        name=name,
        right=sum(o.verdict(threshold) == "ok" for o in answerable),
        answerable=len(answerable),
        declined=sum(o.verdict(threshold) == "ok" for o in abstain),
        unanswerable=len(abstain),
        wrong=verdicts.count("wrong"),
    )


@dataclass(frozen=True)
class Fit:
    """The best threshold for several labelled sets at once: the most right answers and
    declines, a wrong answer costing WRONG_ANSWER_COST, with every set's wrong answers
    within `max_wrong` of its questions when some threshold keeps them there
    (`within_budget` says whether one did)."""

    threshold: float
    tallies: tuple[SetTally, ...]
    within_budget: bool

    @property
    def utility(self) -> float:
        return sum(t.utility for t in self.tallies)


def thresholds(step: float) -> list[float]:
    found, threshold = [], 0.0
    while threshold <= 100:
        found.append(threshold)
        threshold = round(threshold + step, 6)
    return found


def fits(outcomes: dict[str, list[Outcome]], step: float = 2.5,
         max_wrong: float | None = None) -> list[Fit]:
    """Every set's tally at each threshold."""
    found = []
    for threshold in thresholds(step):
        tallies = tuple(tally(name, each, threshold) for name, each in outcomes.items())
        within = max_wrong is None or all(t.wrong <= max_wrong * t.size for t in tallies)
        found.append(Fit(threshold, tallies, within))
    return found


def fit_threshold(outcomes: dict[str, list[Outcome]], step: float = 2.5,
                  max_wrong: float | None = None, prefer: float = 0.0) -> Fit:
    """The threshold that serves every set best (ties go to the one nearest `prefer`)."""
    return max(fits(outcomes, step, max_wrong),
               key=lambda f: (f.within_budget, f.utility, -abs(f.threshold - prefer)))


def weight_grid(base, choices: dict[str, list[float]]) -> list:
    """Every combination of the weights' values to try, as ScoringWeights."""
    from itertools import product

    names = list(choices)
    return [replace(base, **dict(zip(names, values, strict=True)))
            for values in product(*(choices[n] for n in names))]


# -- the sentence model's clear lead -----------------------------------------------------------


def answered_tally(name: str, engine, labelled: list[dict[str, Any]]) -> SetTally:
    """How a set fares asked of the engine as it answers readers: its threshold, and the
    sentence model with the engine's semantic weights when it is on."""
    answerable = [q for q in labelled if not q.get("abstain")]
    right = declined = wrong = 0
    for item in labelled:
        answer = engine.ask(item["q"])
        if item.get("abstain"):
            declined += not answer.answered
            wrong += answer.answered
        elif answer.answered:
            correct = is_correct_text(item, answer.answer or "")
            right += correct
            wrong += not correct
    return SetTally(name=name, right=right, answerable=len(answerable), declined=declined,
                    unanswerable=len(labelled) - len(answerable), wrong=wrong)


def lead_grid(base, settings: list[tuple[float, float, float]]) -> list:
    """SemanticWeights for each (lead points, cosine, least score) to try."""
    return [replace(base, lead_points=points, lead_cosine=cosine, lead_least_score=score)
            for points, cosine, score in settings]
