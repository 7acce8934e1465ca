"""One story with errors does not hold up the others: they are indexed, it is served as it
last validated (or left out), and every command using the index says so."""

from __future__ import annotations

import shutil

import pytest

from bot.engine.engine import Engine
from bot.index.store import KEPT, LEFT_OUT, ensure_index, rebuild_index
from tests.conftest import SECOND_STORY


@pytest.fixture
def archive(two_stories, tmp_path):
    target = tmp_path / "facts"
    shutil.copytree(two_stories, target)
    return target


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _break(folder) -> None:
    with (folder / "facts.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[fact]]\nid = "half-written"\n')


def test_a_broken_story_is_served_as_it_last_validated(archive, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    _break(archive / "uk-election")
    _edit(archive / "us-iraq-withdrawal" / "facts.toml", 'answer = "About 5,000 US troops',
          'answer = "About 5,500 US troops')
    status = ensure_index(archive, db)
    assert status.rebuilt and not status.stale_kept
    assert status.broken == {"uk-election": KEPT}
    assert any("half-written" in str(p) and p.level == "error" for p in status.problems)
    engine = Engine.open(db)
    assert "5,500" in engine.ask("How many US troops are in Iraq?").answer  # the valid edit
    assert engine.ask("who congratulated Johnson?").fact_id == "pompeo-congratulated-johnson"
    again = ensure_index(archive, db)  # no rebuild, but still reported
    assert not again.rebuilt and again.broken == {"uk-election": KEPT}
    assert any("half-written" in str(p) for p in again.problems)
    _edit(archive / "uk-election" / "facts.toml", '\n[[fact]]\nid = "half-written"\n', "\n")
    fixed = ensure_index(archive, db)
    assert fixed.rebuilt and fixed.broken == {} and not fixed.problems


def test_a_new_broken_story_is_left_out_and_the_rest_indexed(archive, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    new = archive / "new-story"
    shutil.copytree(SECOND_STORY, new)
    _edit(new / "story.toml", 'id = "uk-election"', 'id = "new-story"')
    _edit(archive / "us-iraq-withdrawal" / "facts.toml", 'answer = "About 5,000 US troops',
          'answer = "About 5,500 US troops')
    result = rebuild_index(archive, db)  # every fact id of new-story is taken: errors
    assert result.broken == {"new-story": LEFT_OUT}
    engine = Engine.open(db)
    assert sorted(engine.stories) == ["uk-election", "us-iraq-withdrawal"]
    assert "5,500" in engine.ask("How many US troops are in Iraq?").answer


def test_only_broken_changes_leave_the_index_as_it_was(archive, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    before = db.read_bytes()
    _break(archive / "uk-election")
    status = ensure_index(archive, db)
    assert status.stale_kept and status.broken == {"uk-election": KEPT}
    assert db.read_bytes() == before


def test_an_error_in_the_shared_files_writes_nothing(archive, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    _edit(archive / "us-iraq-withdrawal" / "facts.toml", 'answer = "About 5,000 US troops',
          'answer = "About 5,500 US troops')
    with (archive / "synonyms.toml").open("a", encoding="utf-8") as f:
        f.write("\n[[groups]]\n")
    result = rebuild_index(archive, db)
    assert result.base is None and result.broken == {}
    assert "5,000" in Engine.open(db).ask("How many US troops are in Iraq?").answer
