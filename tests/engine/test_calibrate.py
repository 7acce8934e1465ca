"""Fitting one threshold over several labelled sets, and the weights to try."""

from __future__ import annotations

import pytest

from bot.engine.calibrate import (
    Outcome,
    fit_threshold,
    lead_grid,
    tally,
    thresholds,
    weight_grid,
)
from bot.engine.formulas import ScoringWeights, SemanticWeights


def _outcome(score: float, *, abstain: bool = False, right: bool = True) -> Outcome:
    question = {"q": "?", "abstain": True} if abstain else {"q": "?", "expect": [["x"]]}
    return Outcome(question, score, "fact", right_fact=right, hard_decline=False)


@pytest.mark.parametrize("threshold, right, declined, wrong", [
    (0, 2, 0, 2),  # everything answered: the unanswerable one and the wrong fact are wrong
    (55, 2, 1, 1),  # the unanswerable one (50) declined
    (65, 1, 1, 1),  # the right answer at 60 declined too
    (85, 1, 1, 0),
])
def test_tally_counts_right_declined_and_wrong(threshold, right, declined, wrong):
    outcomes = [_outcome(90), _outcome(60), _outcome(50, abstain=True),
                _outcome(80, right=False)]
    found = tally("set", outcomes, threshold)
    assert (found.right, found.declined, found.wrong) == (right, declined, wrong)
    assert (found.answerable, found.unanswerable, found.size) == (3, 1, 4)
    assert found.utility == right + declined - 2 * wrong


def test_the_fit_keeps_every_set_within_the_wrong_budget():
    # Set a answers best at a low threshold; set b then answers its unanswerable question.
    a = [_outcome(40)] * 4
    b = [_outcome(90)] + [_outcome(50, abstain=True)]
    free = fit_threshold({"a": a, "b": b}, step=5)
    assert free.threshold <= 40 and free.within_budget
    held = fit_threshold({"a": a, "b": b}, step=5, max_wrong=0.0)
    assert held.within_budget and 50 < held.threshold <= 90
    assert [t.wrong for t in held.tallies] == [0, 0]


def test_the_fit_says_when_no_threshold_keeps_the_budget():
    outcomes = {"a": [_outcome(100, abstain=True)]}
    found = fit_threshold(outcomes, step=50, max_wrong=0.0)
    assert not found.within_budget


def test_ties_go_to_the_preferred_threshold():
    outcomes = {"a": [_outcome(90)]}
    assert fit_threshold(outcomes, step=10, prefer=70).threshold == 70


@pytest.mark.parametrize("step, first, last, count", [(2.5, 0, 100, 41), (30, 0, 90, 4)])
def test_thresholds(step, first, last, count):
    found = thresholds(step)
    assert (found[0], found[-1], len(found)) == (first, last, count)


def test_weight_grid_is_every_combination():
    grid = weight_grid(ScoringWeights(), {"phrasing_share": [0.5, 0.6],
                                          "dice_share": [0.7, 0.8, 0.9]})
    assert len(grid) == 6
    assert {(w.phrasing_share, w.dice_share) for w in grid} == {
        (p, d) for p in (0.5, 0.6) for d in (0.7, 0.8, 0.9)}
    assert all(w.missing_term_cost == ScoringWeights().missing_term_cost for w in grid)


def test_lead_grid_changes_only_the_clear_lead():
    base = SemanticWeights()
    found = lead_grid(base, [(20.0, 0.7, 50.0), (100.0, 1.0, 100.0)])
    assert [(w.lead_points, w.lead_cosine, w.lead_least_score) for w in found] == [
        (20.0, 0.7, 50.0), (100.0, 1.0, 100.0)]
    assert all((w.engine_scale, w.answer_cutoff, w.margin)
               == (base.engine_scale, base.answer_cutoff, base.margin) for w in found)
