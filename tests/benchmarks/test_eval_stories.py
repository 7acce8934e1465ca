"""The story evaluation scores replies as the labelled sets mean, and finds every test
story that has a question set."""

from __future__ import annotations

import pytest

from benchmarks.eval_stories import is_right, score, story_sets, top_ranked_text
from tests.conftest import DATA_DIR

ANSWERABLE = {"id": "a", "q": "How many?", "expect": [["5,000|5000"], ["troops"]]}
UNANSWERABLE = {"id": "u", "q": "How old?", "abstain": True}


@pytest.mark.parametrize(("expect", "text", "right"), [
    ([["5,000|5000"], ["troops"]], "About 5,000 US Troops are there.", True),
    ([["5,000|5000"], ["troops"]], "About 5,000 soldiers.", False),
    ([["sunni|kurd"]], "Kurdish lawmakers", True),
    ([["sunni|kurd"]], "", False),
])
def test_every_group_needs_one_alternative_in_the_lower_cased_answer(expect, text, right):
    assert is_right(expect, text) is right


def test_the_top_ranked_fact_is_the_answer_or_else_the_first_suggestion():
    assert top_ranked_text({"answered": True, "answer": "A"}) == "A"
    assert top_ranked_text({"answered": False, "answer": "",
                            "alternatives": [{"answer": "B"}, {"answer": "C"}]}) == "B"
    assert top_ranked_text({"answered": False, "answer": "", "alternatives": []}) == ""


@pytest.mark.parametrize(("question", "reply", "counts"), [
    # (answered right, declined right, wrong, top ranked right)
    (ANSWERABLE, {"answered": True, "answer": "5000 troops"}, (1, 0, 0, 1)),
    (ANSWERABLE, {"answered": True, "answer": "Pompeo"}, (0, 0, 1, 0)),
    (ANSWERABLE, {"answered": False, "answer": "",
                  "alternatives": [{"answer": "5,000 troops"}]}, (0, 0, 0, 1)),
    (ANSWERABLE, {"answered": False, "answer": "", "alternatives": []}, (0, 0, 0, 0)),
    (UNANSWERABLE, {"answered": False, "answer": ""}, (0, 1, 0, 0)),
    (UNANSWERABLE, {"answered": True, "answer": "He is 62."}, (0, 0, 1, 0)),
])
def test_each_reply_counts_once(question, reply, counts):
    tally = score([question], [reply])
    assert (tally.answered_right, tally.declined_right, tally.wrong,
            tally.top_ranked_right) == counts
    assert tally.answerable + tally.unanswerable == 1


def test_every_test_story_with_a_dev_set_is_found():
    found = {story.name for story, _ in story_sets("dev")}
    expected = {p.parent.name for p in (DATA_DIR / "stories").glob("*/dev_questions.jsonl")}
    assert found == expected and found


def test_each_story_is_asked_alone_beside_the_bundled_story_and_beside_all(tmp_path):
    from benchmarks.eval_stories import FACTS_DIR, sources

    def stories_in(folder):
        return {p.parent.name for p in folder.glob("*/story.toml")}

    found = {s.name: s for s in sources("dev", tmp_path, light=3)}
    bundled = stories_in(FACTS_DIR)
    every = {p.parent.name for p in (DATA_DIR / "stories").glob("*/story.toml")}
    for story, _ in story_sets("dev"):
        name = story.name
        assert stories_in(found[f"{name} dev, alone"].facts_dir) == {name}
        assert stories_in(found[f"{name} dev, beside the bundled story"].facts_dir) == (
            bundled | {name})
        assert stories_in(found[f"{name} dev, beside the others"].facts_dir) == bundled | every
