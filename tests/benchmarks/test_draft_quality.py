"""Floors for what a draft finds of its curators' work, on the test stories (never the live
facts/ folder). They hold the measured level, a little below it, so a rule that makes
drafts worse fails here by name; run benchmarks/draft_quality.py --details to see why."""

from __future__ import annotations

import pytest

from benchmarks.draft_quality import measure, total
from tests.conftest import DATA_DIR

FOLDERS = [DATA_DIR / "drafting" / "marsh-cranes", DATA_DIR / "stories" / "uk-election",
           DATA_DIR / "stories" / "vesfreight-sale"]


@pytest.fixture(scope="module")
def scores():
    return total([measure(folder) for folder in FOLDERS if folder.is_dir()])


def test_the_draft_finds_most_curated_entities_and_types_people_as_people(scores):
    assert scores.entities_found >= 0.8 * scores.named_in_article
    assert scores.people_found_as_people >= 0.9 * scores.curated_people


def test_the_draft_adds_few_entities_a_curator_deletes(scores):
    assert scores.entities_to_delete <= 0.1 * scores.drafted_entities
    assert scores.missed_merges <= 2 and scores.false_merges == 0


def test_the_drafted_timeline_holds_the_curated_events(scores):
    assert scores.events_found >= 0.85 * scores.curated_events
    assert scores.events_to_delete <= 0.5 * scores.drafted_events


def test_speakers_are_mostly_right_and_narration_mostly_nobody_s(scores):
    assert scores.speaker_right >= 0.75 * scores.speaker_sentences
    assert scores.speaker_wrong <= 1
    assert scores.narration_given_speaker <= 0.1 * scores.narration_sentences
