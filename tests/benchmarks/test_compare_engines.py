"""The light copy trims what it says and nothing else; the engine comparison tells answers
apart on exactly the fields that must not change."""

from __future__ import annotations

import os
import tomllib

from benchmarks.compare_engines import STORIES_DIR, Source, _story_of, differences, essentials
from benchmarks.light_copy import light_copy
from bot.factbase.loader import has_errors, load_factbase
from tests.conftest import DATA_DIR, FACTS_DIR


def _records(folder, name, table):
    return [record for path in sorted(folder.glob(f"*/{name}"))
            for record in tomllib.loads(path.read_text(encoding="utf-8"))[table]]


def test_light_copy_keeps_the_first_questions_and_aliases_and_everything_else(tmp_path):
    target = light_copy(FACTS_DIR, tmp_path / "facts", questions=2, aliases=1)
    for table, name, key, keep in (("fact", "facts.toml", "questions", 2),
                                   ("entity", "entities.toml", "aliases", 1)):
        before, after = _records(FACTS_DIR, name, table), _records(target, name, table)
        assert len(before) == len(after)
        for was, now in zip(before, after, strict=True):
            assert now.get(key) == was.get(key, [])[:keep] or key not in was
            assert {k: v for k, v in now.items() if k != key} == {
                k: v for k, v in was.items() if k != key}
    _, problems = load_factbase(target)
    assert not has_errors(problems)


def test_question_sets_go_with_their_story():
    assert _story_of(DATA_DIR / "questions.jsonl") is None
    assert _story_of(STORIES_DIR / "uk-election" / "questions.jsonl") == "uk-election"
    assert _story_of(DATA_DIR / "uk-election_questions.jsonl") == "uk-election"


def _answer(answered=True, fact_id="f1", score=80.04, alternatives=("f2",)):
    return {"answered": answered, "fact_id": fact_id, "score": score, "answer": "text",
            "alternatives": [{"fact_id": f, "score": 1.0} for f in alternatives]}


def test_answers_differ_on_answered_fact_score_and_asked_for_alternatives():
    source = Source("set", FACTS_DIR, [{"q": "who?"}])
    same = _answer(score=80.0)
    assert essentials(_answer(), alternatives=True) == essentials(same, alternatives=True)
    for changed in (_answer(answered=False), _answer(fact_id="f3"), _answer(score=80.1)):
        assert differences(source, [_answer()], [changed], alternatives=False)
    other_suggestion = _answer(alternatives=("f4",))
    assert not differences(source, [_answer()], [other_suggestion], alternatives=False)
    assert differences(source, [_answer()], [other_suggestion], alternatives=True)


def test_only_the_new_side_runs_with_this_checkout_on_its_path(tmp_path):
    """An old storybot given this checkout's PYTHONPATH would import the new package and
    compare the new code with itself."""
    import sys

    from benchmarks.compare_engines import ROOT, ask_all

    echo_path = [sys.executable, "-c",
                 "import json, os, sys\n"
                 "for _ in sys.stdin: print(json.dumps({'answered': False, "
                 "'answer': os.environ.get('PYTHONPATH', '')}))"]
    source = Source("echo", tmp_path, [{"q": "Who?"}])
    old = ask_all(echo_path, source, tmp_path / "old.db", own_checkout=False)
    new = ask_all(echo_path, source, tmp_path / "new.db", own_checkout=True)
    assert str(ROOT) not in old[0]["answer"].split(os.pathsep)
    assert str(ROOT) in new[0]["answer"].split(os.pathsep)
