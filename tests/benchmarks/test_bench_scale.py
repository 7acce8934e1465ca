"""The synthetic archive generator writes valid archives, and the scale benchmark runs.

A quick benchmark run (1,000 facts) keeps benchmarks/bench_scale.py from rotting while
the engine and the index change under it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from benchmarks.synthetic import (
    ANSWERABLE_KINDS,
    NO_ANSWER_REASONS,
    add_typos,
    generate_archive,
    read_planted,
    story_sizes,
)
from bot.factbase.loader import load_factbase
from tests.conftest import ROOT

FACTS = 300


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    info = generate_archive(folder / "facts", FACTS, seed=7)
    base, problems = load_factbase(info.facts_dir)
    return info, base, problems


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w,]+", text.casefold()))


def test_generated_archive_loads_without_errors(archive):
    info, base, problems = archive
    assert [str(p) for p in problems if p.level == "error"] == []
    assert len(base.facts) == info.facts == FACTS
    assert len(base.stories) == info.stories
    per_story = Counter(fact.story_id for fact in base.facts.values())
    assert all(30 <= count <= 60 for count in per_story.values())
    assert (info.facts_dir / "synonyms.toml").read_bytes() == (
        ROOT / "facts" / "synonyms.toml").read_bytes()


def test_every_quote_is_a_sentence_of_its_article(archive):
    _, base, _ = archive
    for fact in base.facts.values():
        assert fact.quote in base.stories[fact.story_id].article_text
        assert 1 <= len(fact.questions) <= 3


def test_the_same_entity_comes_back_in_several_stories(archive):
    info, _, _ = archive
    assert info.entity_records > info.entities  # some ids are in more than one story


def test_planted_questions_have_every_kind_and_real_facts(archive):
    info, base, _ = archive
    planted = read_planted(info.planted_path)
    assert planted == info.planted
    answerable = [p for p in planted if not p.get("abstain")]
    no_answer = [p for p in planted if p.get("abstain")]
    assert 200 <= len(answerable) <= 400 and 100 <= len(no_answer) <= 200
    assert {p["kind"] for p in answerable} == set(ANSWERABLE_KINDS)
    assert {p["why"] for p in no_answer} == set(NO_ANSWER_REASONS)
    assert {p["kind"] for p in no_answer} == {"none"}
    for item in answerable:
        fact = base.facts[item["fact"]]
        assert _words(item["q"]) not in {_words(q) for q in fact.questions}


def test_no_answer_questions_name_what_the_archive_lacks(archive):
    info, base, _ = archive
    texts = [story.article_text for story in base.stories.values()]
    texts += [name for entity in base.entities.values() for name in entity.all_names()]
    texts += [f"{f.answer} {' '.join(f.questions)}" for f in base.facts.values()]
    everything = _words(" ".join(texts))
    for item in info.planted:
        if item.get("why") in ("unknown-name", "unknown-word"):
            assert re.search(rf"\b{item['missing'].casefold()}\b", everything) is None


def test_combination_questions_have_no_fact_that_states_them(archive):
    """No fact names all the question's entities and says its words: the question asks
    for a combination of real things that nothing in the archive states."""
    info, base, _ = archive
    combinations = [p for p in info.planted if p.get("why") == "combination"]
    assert combinations
    known = {entity.id for entity in base.entities.values()}
    for item in combinations:
        assert set(item["entities"]) <= known
        for fact in base.facts.values():
            if not set(item["entities"]) <= {*fact.entities, fact.speaker}:
                continue
            said = _words(fact.answer).split()
            assert not all(any(w.casefold() in said for w in group)
                           for group in item["words"]), (item["q"], fact.id)


def test_the_same_seed_writes_the_same_archive(tmp_path):
    first = generate_archive(tmp_path / "a" / "facts", 120, seed=3)
    second = generate_archive(tmp_path / "b" / "facts", 120, seed=3)
    assert first.planted == second.planted
    for path in sorted(first.facts_dir.rglob("*.toml")):
        twin = second.facts_dir / path.relative_to(first.facts_dir)
        assert path.read_text() == twin.read_text()


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate_archive(tmp_path / "facts", 50)


@pytest.mark.parametrize("facts", [1, 29, 30, 61, 1000, 12345])
def test_story_sizes_add_up(facts):
    sizes = story_sizes(facts, seed=0)
    assert sum(sizes) == facts
    if facts >= 30:
        assert all(30 <= size <= 60 for size in sizes)


def test_typos_edit_one_long_word():
    import random

    question = "How many schools did the Northern Valdric Alliance close?"
    for seed in range(50):
        typo = add_typos(question, random.Random(seed))
        assert typo is not None and typo != question
        changed = [(a, b) for a, b in zip(question.split(), typo.split(), strict=True)
                   if a != b]
        assert len(changed) == 1 and len(changed[0][0]) >= 5


def test_quick_benchmark_run_reports_sane_numbers(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_scale.py"), "--facts", "1000",
         "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT ")
    result = json.loads(last[len("RESULT "):])
    assert result["facts"] == 1000
    assert 16 <= result["stories"] <= 34
    for key in ("build_s", "db_mb", "rss_mb", "p50_ms", "p99_ms", "reload_s",
                "speedup_vs_fullscan"):
        assert isinstance(result[key], int | float) and result[key] > 0, key
    assert result["p50_ms"] <= result["p99_ms"]
    for name in ("fullscan", "bm25"):
        assert result[name]["p50_ms"] <= result[name]["p99_ms"]
    for scores in (result, result["fullscan"], result["bm25"]):
        assert 0 <= scores["top1"] <= 1 and 0 <= scores["abstain"] <= 1
    assert result["top1"] > 0.3  # a storybot that answers nothing is broken, not slow
    assert result["during_reload"]["answered"] >= 1
    assert result["during_reload"]["p50_ms"] <= result["during_reload"]["p99_ms"]
