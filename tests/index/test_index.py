"""The SQLite index: built atomically, rebuilt when stale, never replaced by broken facts."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from bot.engine.engine import Engine
from bot.factbase.loader import load_factbase
from bot.index.build import build_index
from bot.index.reader import IndexReader
from bot.index.store import IndexError_, ensure_index, load_index, needs_rebuild, rebuild
from tests.conftest import FACTS_DIR


def _tables(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_index_holds_every_table_and_record(bundled_index):
    base, _ = load_factbase(FACTS_DIR)
    assert {"stories", "facts", "entities", "events", "fact_entities", "postings",
            "vocabulary"} <= _tables(bundled_index)
    loaded = load_index(bundled_index)
    assert loaded.counts() == base.counts()
    assert loaded.facts == base.facts
    assert [e.id for e in loaded.events] == [e.id for e in base.events]
    assert loaded.entities == {k: v for k, v in base.entities.items()}


def test_postings_find_facts_by_their_terms(bundled_index):
    reader = IndexReader(bundled_index)
    postings = reader.postings("@nato")  # the entity, however the fact names it
    ids = {reader.fact_at(value >> 1).fact.id for value in postings}
    assert "nato-increase-could-decrease-us-personnel" in ids
    assert list(postings) == sorted(postings)
    assert len(reader.postings("no-such-term")) == 0


def test_missing_index_is_rebuilt_and_deleting_it_loses_nothing(tmp_path):
    db = tmp_path / "index.db"
    first = ensure_index(FACTS_DIR, db)
    assert first.rebuilt
    db.unlink()
    second = ensure_index(FACTS_DIR, db)
    assert second.rebuilt
    assert second.base.facts == first.base.facts


def test_fresh_index_is_reused(tmp_path):
    db = tmp_path / "index.db"
    ensure_index(FACTS_DIR, db)
    assert not needs_rebuild(FACTS_DIR, db)
    assert not ensure_index(FACTS_DIR, db).rebuilt


def test_index_older_than_the_facts_is_rebuilt(facts_copy, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(facts_copy, db)
    facts_file = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    text = facts_file.read_text(encoding="utf-8")
    facts_file.write_text(text.replace("About 5,000 US troops", "About 5,001 US troops", 1),
                          encoding="utf-8")
    future = time.time() + 5
    os.utime(facts_file, (future, future))
    status = ensure_index(facts_copy, db)
    assert status.rebuilt
    assert any("5,001" in f.answer for f in status.base.facts.values())


def test_broken_facts_leave_the_index_untouched(facts_copy, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(facts_copy, db)
    before = db.read_bytes()
    facts_file = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    facts_file.write_text(facts_file.read_text(encoding="utf-8") + "\n[[fact]\n",
                          encoding="utf-8")
    future = time.time() + 5
    os.utime(facts_file, (future, future))
    base, problems = rebuild(facts_copy, db)
    assert base is None and problems
    assert db.read_bytes() == before
    status = ensure_index(facts_copy, db)
    assert status.stale_kept and not status.rebuilt
    assert db.read_bytes() == before


def test_broken_facts_and_no_index_is_a_clear_error(facts_copy, tmp_path):
    (facts_copy / "us-iraq-withdrawal" / "facts.toml").write_text("[[fact]\n", encoding="utf-8")
    with pytest.raises(IndexError_, match="facts.toml:line 1"):
        ensure_index(facts_copy, tmp_path / "index.db")


def test_corrupt_index_is_rebuilt(tmp_path):
    db = tmp_path / "index.db"
    db.write_bytes(b"this is not a database" * 100)
    status = ensure_index(FACTS_DIR, db)
    assert status.rebuilt and status.base.facts


def test_build_writes_a_new_file_and_renames_it(tmp_path, monkeypatch):
    """A reader holding the old file keeps a complete index while a new one is written."""
    db = tmp_path / "index.db"
    base, _ = load_factbase(FACTS_DIR)
    build_index(base, db)
    old_inode = db.stat().st_ino
    reader = sqlite3.connect(db)
    build_index(base, db)
    assert db.stat().st_ino != old_inode  # replaced, not rewritten in place
    curated = "SELECT count(*) FROM facts WHERE from_record = 0"
    assert reader.execute(curated).fetchone()[0] == len(base.facts)
    reader.close()
    assert [p.name for p in tmp_path.iterdir()] == ["index.db"]  # no temporary left behind


def test_failed_build_leaves_no_partial_file(tmp_path, monkeypatch):
    db = tmp_path / "index.db"
    base, _ = load_factbase(FACTS_DIR)
    build_index(base, db)
    before = db.read_bytes()

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("bot.index.build._write", explode)
    with pytest.raises(RuntimeError):
        build_index(base, db)
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["index.db"]


def test_drafts_stay_out_of_the_index(facts_copy, tmp_path):
    with (facts_copy / "us-iraq-withdrawal" / "facts.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[fact]]\nid = "drafty"\nanswer = "A."\nquote = "Comments are closed."\n'
                'draft = true\n')
    status = ensure_index(facts_copy, tmp_path / "index.db")
    assert "drafty" not in status.base.facts


def test_a_story_of_drafts_only_waits_for_its_curator(facts_copy, tmp_path):
    """A freshly drafted story must not answer "who wrote it?" with "Unknown"."""
    from bot.cli.main import main

    article = facts_copy / "us-iraq-withdrawal" / "article.txt"
    assert main(["draft", str(article), "--story", "drafted", "--published", "2020-01-10",
                 "--facts", str(facts_copy)]) == 0
    hidden = facts_copy / ".drafted.partial"  # a tool's work in progress is no story
    hidden.mkdir()
    (hidden / "story.toml").write_text("[story]\nid = 'half'\n", encoding="utf-8")
    status = ensure_index(facts_copy, tmp_path / "index.db")
    assert not status.stale_kept, [str(p) for p in status.problems if p.level == "error"]
    engine = Engine.open(status.db_path)
    assert list(engine.stories) == ["us-iraq-withdrawal"]
    assert engine.ask("who wrote this story?").story["id"] == "us-iraq-withdrawal"


def test_facts_copied_with_their_old_times_are_noticed(facts_copy, tmp_path):
    """cp -p, rsync -a and unpacked archives keep old times: the index must notice anyway."""
    db = tmp_path / "index.db"
    ensure_index(facts_copy, db)
    facts_file = facts_copy / "us-iraq-withdrawal" / "facts.toml"
    old = facts_file.stat()
    text = facts_file.read_text(encoding="utf-8")
    facts_file.write_text(text.replace("About 5,000 US troops", "About 5,500 US troops", 1),
                          encoding="utf-8")
    os.utime(facts_file, ns=(old.st_atime_ns, old.st_mtime_ns - 10**12))  # older than the db
    status = ensure_index(facts_copy, db)
    assert status.rebuilt
    assert any("5,500" in f.answer for f in status.base.facts.values())


def test_a_deleted_story_file_is_noticed(facts_copy, tmp_path):
    db = tmp_path / "index.db"
    ensure_index(facts_copy, db)
    (facts_copy / "us-iraq-withdrawal" / "timeline.toml").unlink()
    status = ensure_index(facts_copy, db)
    assert status.rebuilt and status.base.events == []


def _counted_from_postings(reader, story_id):
    """How many of one story's facts hold each term, from the postings."""
    first, last = reader.story_rows[story_id]
    counts = {}
    for term in reader.document_frequency:
        held = sum(first <= value >> 1 <= last for value in reader.postings(term))
        if held:
            counts[term] = held
    return counts


def test_each_story_keeps_how_many_of_its_facts_hold_each_term(two_stories, tmp_path):
    reader = IndexReader(ensure_index(two_stories, tmp_path / "index.db").db_path)
    total = {}
    for story_id, (first, last) in reader.story_rows.items():
        terms = reader.story_terms(story_id)
        assert terms.fact_count == last - first + 1
        assert terms.document_frequency == _counted_from_postings(reader, story_id)
        assert "pompeo" in terms.words  # what a reader may type, for typo correction
        for term, count in terms.document_frequency.items():
            total[term] = total.get(term, 0) + count
    # Summed over the stories, they are the archive's.
    assert total == reader.document_frequency
    assert sum(reader.story_terms(s).fact_count for s in reader.stories) == reader.fact_count
    assert reader.story_terms("no-such-story").fact_count == 0
