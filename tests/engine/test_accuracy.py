"""Accuracy on labelled questions, held to the product's bar.

- `data/dev_questions.jsonl`: a copy of the development set. The bar: 95% of answerable
  questions right, 90% of the others declined, at most one wrong answer.
- `data/questions.jsonl`: our own set (147 questions, 48 of them close to the story but
  unanswered by it), written from the article alone. The same bar, with the one wrong
  answer allowed in 43 questions scaled to the set's size (2.5%).
- `data/holdout_questions.jsonl`, `data/blind_questions.jsonl` and
  `data/blind2_questions.jsonl`: written blind, from the article alone, to estimate
  accuracy on unseen questions (first runs: 62%, 92.5% and 63.6% of answerable questions
  right). Their misses then guided general fixes, so they are now
  regression guards at the level reached, which may sit below the product's bar.
- `data/light/facts`: the bundled story as a newsroom curates it (benchmarks/light_copy.py:
  each fact's first 3 questions, each entity's first 3 aliases), asked the same sets: the
  engine's confidence must not hang on how many phrasings a curator wrote. Guards at the
  level reached, below the product's bar for now.
- `data/blind3_questions.jsonl`: written blind after all of that and run once: the best
  estimate of accuracy on unseen questions (87.5% answerable right, 95.5% declined, 2 wrong).
  Keep it unseen: improve the engine on the other sets and measure here.

These bars are the engine's own, with the optional sentence model off: what it adds is
held to its budget in test_semantic.py.
"""

from __future__ import annotations

import shutil
import tomllib

import pytest

from bot.engine.calibrate import is_correct_text, load_labelled
from bot.engine.engine import Engine
from bot.engine.settings import EngineSettings
from bot.index.store import ensure_index
from tests.conftest import DATA_DIR, FACTS_DIR

LIGHT_FACTS = DATA_DIR / "light" / "facts"

MIN_ANSWERABLE = 0.95
MIN_DECLINED = 0.90


@pytest.fixture(scope="module")
def engine_alone(bundled_index) -> Engine:
    return Engine.open(bundled_index, EngineSettings(semantic=False))


def _score(engine, path):
    questions = load_labelled(path)
    right = declined = wrong = 0
    misses = []
    for item in questions:
        answer = engine.ask(item["q"])
        if item.get("abstain"):
            if answer.answered:
                wrong += 1
                misses.append(f"answered {item['q']!r} with {answer.fact_id}")
            else:
                declined += 1
        elif answer.answered and is_correct_text(item, answer.answer):
            right += 1
        else:
            wrong += answer.answered
            misses.append(f"missed {item['q']!r} -> {answer.fact_id}")
    answerable = sum(1 for q in questions if not q.get("abstain"))
    return right / answerable, declined / (len(questions) - answerable), wrong, misses


def _assert_meets(engine, path, min_answerable: float, min_declined: float,
                  max_wrong: int) -> None:
    answerable, declined, wrong, misses = _score(engine, path)
    report = "\n".join(misses)
    assert answerable >= min_answerable, report
    assert declined >= min_declined, report
    assert wrong <= max_wrong, report


@pytest.mark.parametrize("name, min_answerable, min_declined, max_wrong", [
    ("dev_questions.jsonl", MIN_ANSWERABLE, MIN_DECLINED, 1),
    ("questions.jsonl", MIN_ANSWERABLE, MIN_DECLINED, 3),  # 1 in 43, scaled to 147
    # Regression guards at the level reached (see the module's docstring):
    ("holdout_questions.jsonl", MIN_ANSWERABLE, MIN_DECLINED, 1),
    ("blind_questions.jsonl", MIN_ANSWERABLE, MIN_DECLINED, 3),
    ("blind2_questions.jsonl", 0.78, MIN_DECLINED, 1),
    ("blind3_questions.jsonl", 0.875, MIN_DECLINED, 2),  # measured once, never tuned on
])
def test_labelled_questions_meet_the_bar(engine_alone, name, min_answerable, min_declined,
                                         max_wrong):
    _assert_meets(engine_alone, DATA_DIR / name, min_answerable, min_declined, max_wrong)


def test_our_labelled_set_is_big_and_hard_enough():
    questions = load_labelled(DATA_DIR / "questions.jsonl")
    assert len(questions) >= 100
    assert sum(1 for q in questions if q.get("abstain")) >= 25


def test_expectations_reject_a_wrong_answer():
    """The regexes in the labelled sets are specific: a fact about something else fails them."""
    item = {"q": "how many troops?", "expect": [["5,000|5000"]]}
    assert is_correct_text(item, "About 5,000 US troops are in Iraq.")
    assert not is_correct_text(item, "Sunni and Kurdish lawmakers opposed the resolution.")


@pytest.fixture(scope="module")
def light_engine(tmp_path_factory) -> Engine:
    db = tmp_path_factory.mktemp("light") / "storybot.db"
    return Engine.open(ensure_index(LIGHT_FACTS, db).db_path)


@pytest.mark.parametrize("name, min_answerable, min_declined, max_wrong", [
    ("dev_questions.jsonl", 0.68, MIN_DECLINED, 0),
    ("questions.jsonl", 0.79, MIN_DECLINED, 2),
    ("holdout_questions.jsonl", 0.50, MIN_DECLINED, 1),
])
def test_a_lightly_curated_story_answers_at_the_level_reached(light_engine, name,
                                                             min_answerable, min_declined,
                                                             max_wrong):
    _assert_meets(light_engine, DATA_DIR / name, min_answerable, min_declined, max_wrong)


STORIES_DIR = DATA_DIR / "stories"


# The test stories' dev sets, each story alone, at the level reached (README, "Stories
# curated at everyday effort"): far below the product's bar, guards against going back.
@pytest.mark.parametrize("story, min_answerable, min_declined, max_wrong", [
    ("aurelin-air-grounding", 0.40, 0.75, 2),
    ("brennig-tunnel-strike", 0.75, 1.0, 1),
    ("caddon-driving-charge", 0.50, 1.0, 2),
    ("harwick-hospital", 0.59, 1.0, 1),
    ("kellmoor-floods", 0.63, 1.0, 0),
    ("kessby-coal-plant", 0.68, 0.85, 1),
    ("velde-bumblebee", 0.51, 0.90, 1),
    ("vesfreight-sale", 0.62, 1.0, 1),
    ("vessany-painting-recovered", 0.46, 0.75, 3),
])
def test_everyday_curated_stories_answer_at_the_level_reached(tmp_path, story, min_answerable,
                                                              min_declined, max_wrong):
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(FACTS_DIR / "synonyms.toml", facts)
    shutil.copytree(STORIES_DIR / story, facts / story)
    engine = Engine.open(ensure_index(facts, tmp_path / "index.db").db_path,
                         EngineSettings(semantic=False))
    _assert_meets(engine, STORIES_DIR / story / "dev_questions.jsonl", min_answerable,
                  min_declined, max_wrong)


def test_the_light_fixture_is_lightly_curated():
    story = LIGHT_FACTS / "us-iraq-withdrawal"
    facts = tomllib.loads((story / "facts.toml").read_text(encoding="utf-8"))["fact"]
    entities = tomllib.loads((story / "entities.toml").read_text(encoding="utf-8"))["entity"]
    assert len(facts) >= 60 and all(1 <= len(f["questions"]) <= 3 for f in facts)
    assert all(len(e.get("aliases", ())) <= 3 for e in entities)
