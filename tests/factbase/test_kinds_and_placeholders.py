"""Entity kinds are open, a bad entity is one error, and placeholders never reach readers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.factbase.loader import load_factbase
from tests.conftest import DATA_DIR

STORY = DATA_DIR / "stories" / "uk-election"


@pytest.fixture
def story(tmp_path) -> Path:
    target = tmp_path / "facts" / STORY.name
    shutil.copytree(STORY, target)
    return target


def _set(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(story: Path) -> list[str]:
    _, problems = load_factbase(story.parent)
    return [f"{p.where}: {p.message}" for p in problems if p.level == "error"]


@pytest.mark.parametrize("kind", ["species", "topic", "sports team", "ship", "person"])
def test_any_lower_case_kind_is_accepted(story, kind):
    _set(story / "entities.toml", 'kind = "organisation"', f'kind = "{kind}"')
    assert _errors(story) == []
    base, _ = load_factbase(story.parent)
    assert kind in {e.kind for e in base.entities.values()}


@pytest.mark.parametrize("kind", ["Species", "a_b", "", "kind1", "one two three four five"])
def test_a_bad_kind_is_one_error_not_one_per_fact_naming_it(story, kind):
    _set(story / "entities.toml", 'kind = "person"', f'kind = "{kind}"')
    errors = _errors(story)
    assert len(errors) == 1, errors
    assert errors[0].startswith("johnson") and "kind" in errors[0]


def test_a_fact_naming_an_entity_nobody_declared_is_still_an_error(story):
    _set(story / "facts.toml", 'entities = [', 'entities = ["nobody", ')
    assert any("unknown entity 'nobody'" in e for e in _errors(story))


@pytest.mark.parametrize(("field", "value"), [
    ("author", "Unknown"), ("author", "unknown author"), ("outlet", "Unknown outlet"),
    ("author", " TBD "),
])
def test_placeholder_bylines_are_errors(story, field, value):
    _set(story / "story.toml", f'{field} = "', f'{field} = "{value}" # was "')
    errors = _errors(story)
    assert len(errors) == 1 and "placeholder" in errors[0] and field in errors[0]


def test_a_byte_order_mark_is_ignored_in_every_file(story):
    for name in ("story.toml", "entities.toml", "facts.toml", "article.txt"):
        path = story / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _errors(story) == []
    base, _ = load_factbase(story.parent)
    assert not base.stories[STORY.name].article_text.startswith("\ufeff")
