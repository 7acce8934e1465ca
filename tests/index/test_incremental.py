"""Rebuilding after one story changed reads and analyses that story alone."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from bot.engine.engine import Engine
from bot.factbase.loader import load_factbase
from bot.index import prepare
from bot.index.reader import IndexReader
from bot.index.store import ensure_index, load_index, rebuild


@pytest.fixture
def archive(two_stories, tmp_path):
    target = tmp_path / "facts"
    shutil.copytree(two_stories, target)
    return target


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """The ids of the stories analysed, in order."""
    seen: list[str] = []
    original = prepare.analyse_story

    def spy(story, *args, **kwargs):
        seen.append(story.id)
        return original(story, *args, **kwargs)

    monkeypatch.setattr(prepare, "analyse_story", spy)
    return seen


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_only_the_changed_story_is_analysed_again(archive, tmp_path, analysed):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    assert sorted(analysed) == ["uk-election", "us-iraq-withdrawal"]
    analysed.clear()
    _edit(archive / "uk-election" / "facts.toml", "About 3,000 police", "About 4,500 police")
    _edit(archive / "uk-election" / "article.txt", "About 3,000 police", "About 4,500 police")
    status = ensure_index(archive, db)
    assert status.rebuilt and analysed == ["uk-election"]
    engine = Engine.open(db)
    assert "4,500" in engine.ask("how many police were at polling stations").answer
    # The copied story answers exactly as before.
    assert engine.ask("who opposed the resolution?").fact_id == (
        "sunni-kurdish-lawmakers-opposed-resolution")
    assert engine.counts()["stories"] == 2


def test_a_removed_story_leaves_the_index(archive, tmp_path, analysed):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    shutil.rmtree(archive / "uk-election")
    analysed.clear()
    ensure_index(archive, db)
    assert analysed == []  # nothing to read again: the other story is copied
    engine = Engine.open(db)
    assert list(engine.stories) == ["us-iraq-withdrawal"]
    assert engine.entity_facts("johnson") == []
    assert not engine.ask("who congratulated Boris Johnson?").answered


def test_changed_synonyms_mean_every_story_is_read_again(archive, tmp_path, analysed):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    analysed.clear()
    with (archive / "synonyms.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[groups]]\n')  # a table where a list belongs: parsed, then rejected
    problems = rebuild(archive, db)[1]
    assert any("synonyms" in p.file for p in problems)
    _edit(archive / "synonyms.toml", "\n[[groups]]\n", "\n")
    ensure_index(archive, db)
    assert sorted(analysed) == ["uk-election", "us-iraq-withdrawal"]


def test_a_changed_story_may_not_take_a_fact_id_of_an_unchanged_one(archive, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    _edit(archive / "uk-election" / "facts.toml", 'id = "police-at-polling-stations"',
          'id = "us-troops-5000-in-iraq"')
    status = ensure_index(archive, db)
    assert status.stale_kept
    assert any("duplicate fact id 'us-troops-5000-in-iraq'" in p.message
               for p in status.problems)
    assert Engine.open(db).fact("police-at-polling-stations") is not None


def test_a_full_rebuild_and_an_incremental_one_answer_alike(archive, tmp_path):
    incremental, full = tmp_path / "a.db", tmp_path / "b.db"
    ensure_index(archive, incremental)
    _edit(archive / "uk-election" / "facts.toml", "About 3,000 police", "About 4,500 police")
    _edit(archive / "uk-election" / "article.txt", "About 3,000 police", "About 4,500 police")
    ensure_index(archive, incremental)
    rebuild(archive, full, reuse=False)
    a, b = Engine.open(incremental), Engine.open(full)
    for question in ["who is the PM?", "How many US troops are in Iraq?",
                     "how many police officers", "who congratulated Johnson?",
                     "when was Soleimani killed?"]:
        assert a.ask(question) == b.ask(question)
    assert a.reader.fact_hashes() == b.reader.fact_hashes()


def test_a_copied_story_keeps_its_term_counts(archive, tmp_path, analysed):
    incremental, full = tmp_path / "a.db", tmp_path / "b.db"
    ensure_index(archive, incremental)
    _edit(archive / "uk-election" / "facts.toml", "About 3,000 police", "About 4,500 police")
    _edit(archive / "uk-election" / "article.txt", "About 3,000 police", "About 4,500 police")
    analysed.clear()
    ensure_index(archive, incremental)
    assert analysed == ["uk-election"]  # the other story was copied
    rebuild(archive, full, reuse=False)
    a, b = IndexReader(incremental), IndexReader(full)
    for story_id in a.stories:
        assert a.story_terms(story_id) == b.story_terms(story_id)


def test_events_of_one_day_read_back_in_the_curators_order(archive, tmp_path):
    """Written, copied from the previous index, or merged from worker shares, a story's
    events of one day come back as its curator listed them."""
    db = tmp_path / "index.db"
    ensure_index(archive, db)
    _edit(archive / "uk-election" / "facts.toml", "About 3,000 police", "About 4,500 police")
    _edit(archive / "uk-election" / "article.txt", "About 3,000 police", "About 4,500 police")
    ensure_index(archive, db)  # the bundled story copied
    base, _ = load_factbase(archive)
    for events in (IndexReader(db).events, Engine.open(db).timeline()[0],
                   load_index(db).events):
        assert [(e.story_id, e.id) for e in events] == [(e.story_id, e.id)
                                                        for e in base.events]
    friday = [e.id for e in base.events if e.date == dt.date(2020, 1, 10)]
    assert friday[:2] == ["white-house-briefing", "pompeo-rejects-full-withdrawal"]
