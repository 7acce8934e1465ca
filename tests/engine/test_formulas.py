"""The scoring formulas: one row per rule, and each the same on numbers and on arrays."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.engine.formulas import (
    ScoringWeights,
    at_most,
    combined,
    confidence,
    coverage,
    dice,
    generic_term_weight,
    least_exact_score,
    mixed_coverage,
    most_combined,
    similarity,
    term_weight,
    with_factors,
)

W = ScoringWeights()


@pytest.mark.parametrize("held, total, expected", [
    (0.0, 4.0, 0.0),  # nothing held
    (4.0, 4.0, 1.0),  # everything held
    (2.0, 4.0, 2.0 / (2.0 + W.missing_term_cost * 2.0)),  # a missing term costs more
    (3.0, 4.0, 3.0 / (3.0 + W.missing_term_cost * 1.0)),
])
def test_coverage(held, total, expected):
    assert coverage(W, held, total) == pytest.approx(expected)


def test_mixed_coverage_weighs_what_the_fact_says_itself():
    # Held only through its curated questions: only the rest of coverage.
    assert mixed_coverage(W, 4.0, 0.0, 4.0) == pytest.approx(1 - W.said_share)
    assert mixed_coverage(W, 4.0, 4.0, 4.0) == pytest.approx(1.0)


@pytest.mark.parametrize("shared, question, phrasing, expected", [
    (0.0, 3.0, 3.0, 0.0),
    (3.0, 3.0, 3.0, 1.0),  # the same terms
    (1.0, 3.0, 1.0, 0.5),  # the phrasing is part of the question
])
def test_dice(shared, question, phrasing, expected):
    assert dice(shared, question, phrasing) == pytest.approx(expected)


def test_similarity_mixes_terms_and_spelling():
    assert similarity(W, 1.0, 1.0) == pytest.approx(1.0)
    assert similarity(W, 1.0, 0.0) == pytest.approx(W.dice_share)
    assert similarity(W, 0.0) == pytest.approx(1 - W.dice_share)  # spelling at most 1


def test_combined_is_a_score_out_of_100():
    assert combined(W, 1.0, 1.0) == pytest.approx(100.0)
    assert combined(W, 1.0, 0.0) == pytest.approx(100 * (1 - W.phrasing_share))
    assert combined(W, 0.0, 1.0) == pytest.approx(100 * W.phrasing_share)


def test_factors_multiply():
    assert with_factors(80.0, W.profile_bonus, W.missing_type_penalty) == pytest.approx(
        80.0 * W.profile_bonus * W.missing_type_penalty)


@pytest.mark.parametrize("fact_count", [0, 1, 40, 100_000])
def test_a_generic_word_weighs_the_same_whatever_its_count(fact_count):
    # generic_word_weight of a term that generic_word_frequency of the facts hold
    held_by = W.generic_word_frequency * max(fact_count, 1)
    assert generic_term_weight(W, fact_count) == pytest.approx(
        W.generic_word_weight * math.log(1 + max(fact_count, 1) / held_by))
    assert 0 < generic_term_weight(W, fact_count) < term_weight(max(fact_count, 1), 1)


def test_term_weight_is_idf():
    assert term_weight(100, 100) == pytest.approx(math.log(2))
    assert term_weight(100, 1) > term_weight(100, 10)  # rarer weighs more
    assert term_weight(100, W.unknown_term_frequency) > term_weight(100, 1)  # unknown: most


def test_at_most():
    assert at_most(5.0, 3.0) == 3.0
    assert at_most(np.array([1.0, 5.0]), 3.0).tolist() == [1.0, 3.0]


POSITIVE = st.floats(0.0, 50.0, allow_nan=False)


@given(POSITIVE, POSITIVE, POSITIVE, st.floats(0.1, 50.0), st.floats(0.0, 5.0))
def test_numbers_and_arrays_agree(matched, said, bonus, total, asked):
    """The bound of one fact and of many at once is the same formula."""
    one = most_combined(W, matched, said, bonus, total, total + asked, asked)
    many = most_combined(W, np.array([matched, 0.0]), np.array([said, 0.0]),
                         np.array([bonus, 0.0]), total, total + asked, asked)
    assert many[0] == one


@given(st.floats(0.1, 50.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0),
       st.floats(0.0, 1.0))
def test_most_combined_bounds_combined(total, held_share, said_share, shared_share, spelling):
    """However the evidence falls, the score's formula never exceeds the bound's."""
    matched = total * held_share
    said = matched * said_share
    shared = matched * shared_share  # a phrasing shares at most what the fact holds
    phrasing_total = shared + 1.0  # and may hold terms the question lacks
    score = combined(W, mixed_coverage(W, matched, said, total),
                     similarity(W, dice(shared, total, phrasing_total), spelling))
    assert most_combined(W, matched, said, 0.0, total, total, 0.0) >= score - 1e-9


M = ScoringWeights(margin_weight=0.5, margin_cap=20.0)


@pytest.mark.parametrize("weights, best, second, covered, expected", [
    (W, 65.0, 10.0, 1.0, 65.0 + W.margin_weight * min(55.0, W.margin_cap)),  # the default
    (replace(M, lead_coverage_power=1.0), 60.0, 10.0, 0.5, 65.0),
    (M, 60.0, 59.0, 1.0, 60.5),  # a near tie: little lead
    (M, 60.0, 50.0, 1.0, 65.0),  # half of a 10-point lead
    (M, 60.0, 10.0, 1.0, 70.0),  # a lead counts up to margin_cap points
    (M, 60.0, None, 1.0, 70.0),  # no other fact: a full lead
    (M, 60.0, 10.0, 0.5, 60.0 + 10.0 * 0.5 ** M.lead_coverage_power),  # as far as the
    # fact covers the question: next to nothing for a fact lacking a word of it
    (M, 60.0, 61.0, 1.0, 60.0),  # a profile chosen by name ahead of a higher score
    (M, 95.0, None, 1.0, 100.0),  # never above 100
])
def test_confidence(weights, best, second, covered, expected):
    assert confidence(weights, best, second, covered) == pytest.approx(expected)


@pytest.mark.parametrize("weights, threshold, expected", [
    (ScoringWeights(margin_weight=0.0), 70.0, 70.0),  # no lead counts: the threshold
    (M, 70.0, 70.0 - 10.0 - 20.0),  # the best may be 10 under; the next 20 under it
    (M, 20.0, 0.0),
])
def test_least_exact_score(weights, threshold, expected):
    assert least_exact_score(weights, threshold) == pytest.approx(expected)


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 1), st.floats(0.01, 1),
       st.floats(1, 40), st.floats(0, 100))
def test_facts_the_search_may_not_score_exactly_never_change_the_decision(
        best, second, covered, share, cap, threshold):
    """The search scores exactly every fact at or above least_exact_score: a best fact under
    it cannot reach the threshold, and a next fact under it is too far behind to matter."""
    weights = ScoringWeights(margin_weight=share, margin_cap=cap)
    least = least_exact_score(weights, threshold)
    if best < least:
        assert confidence(weights, best, None, covered) < threshold
    if second < least <= best and confidence(weights, best, second, covered) >= threshold:
        assert best - second >= cap  # a full lead, whatever the next fact's exact score
