"""Every test story under tests/data/stories is a valid story, alone and beside the bundled
one, and its labelled question sets are well formed (they are scored by
benchmarks/eval_stories.py)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.factbase.loader import load_factbase
from tests.conftest import DATA_DIR, FACTS_DIR

STORIES = sorted(p for p in (DATA_DIR / "stories").iterdir() if (p / "story.toml").is_file())
QUESTION_FILES = sorted(q for story in STORIES for q in story.glob("*_questions.jsonl"))


def _errors(problems) -> list[str]:
    return [str(p) for p in problems if p.level == "error"]


@pytest.mark.parametrize("story", STORIES, ids=lambda p: p.name)
def test_each_fixture_story_loads_without_errors(story, tmp_path):
    root = tmp_path / "facts"
    root.mkdir()
    shutil.copy(FACTS_DIR / "synonyms.toml", root)
    shutil.copytree(story, root / story.name)
    base, problems = load_factbase(root)
    assert _errors(problems) == []
    assert list(base.stories) == [story.name]
    assert base.facts


def test_all_fixture_stories_load_beside_the_bundled_one(tmp_path):
    root = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, root)
    for story in STORIES:
        shutil.copytree(story, root / story.name)
    base, problems = load_factbase(root)
    assert _errors(problems) == []
    assert len(base.stories) == len(STORIES) + 1


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_question_sets_are_labelled(path: Path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows:
        assert row["q"].strip(), row["id"]
        assert ("expect" in row) != bool(row.get("abstain")), row["id"]
        for alternatives in row.get("expect", []):
            assert alternatives, row["id"]
            for pattern in alternatives:
                re.compile(pattern)
    abstaining = sum(1 for row in rows if row.get("abstain"))
    assert 0 < abstaining < len(rows) / 2
