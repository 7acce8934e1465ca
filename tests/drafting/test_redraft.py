"""Drafting a corrected article over a curated story keeps the curator's work."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import pytest

from bot.drafting.redraft import redraft
from bot.drafting.story import DraftError, ExistingNames, article_text, draft_story
from bot.factbase.loader import load_factbase
from tests.conftest import DATA_DIR

STORY = DATA_DIR / "stories" / "uk-election"
PUBLISHED = dt.date(2019, 12, 13)
NOW = dt.datetime(2026, 1, 2, 3, 4, 5)
NEW_SENTENCE = "Turnout was 67 percent, the Electoral Commission said on Friday."


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "facts" / STORY.name
    shutil.copytree(STORY, target)
    return target


def _redraft(folder: Path, article: str):
    base, _ = load_factbase(folder.parent)
    existing = ExistingNames.from_factbase(base)
    draft = draft_story(article, folder.name, PUBLISHED, existing=existing)
    return redraft(folder, draft, article, article.encode("utf-8"), now=NOW)


def _article(folder: Path) -> str:
    return article_text((folder / "article.txt").read_bytes())


def _facts(folder: Path) -> dict[str, dict]:
    records = tomllib.loads((folder / "facts.toml").read_text(encoding="utf-8"))["fact"]
    return {r["id"]: r for r in records}


def _errors(folder: Path) -> list[str]:
    _, problems = load_factbase(folder.parent)
    return [str(p) for p in problems if p.level == "error"]


def test_the_same_article_changes_nothing_but_keeps_a_backup(folder):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = _redraft(folder, _article(folder))
    assert (done.flagged, done.added) == ((), ())
    assert set(done.kept) == set(_facts(folder))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert done.backup.name == ".uk-election.backup-20260102-030405"
    assert {p.name: p.read_bytes() for p in done.backup.iterdir()} == before
    assert _errors(folder) == []


def test_a_corrected_sentence_flags_its_fact_and_keeps_the_others_word_for_word(folder):
    curated = (folder / "facts.toml").read_text(encoding="utf-8")
    article = _article(folder).replace("About 3,000 police officers", "About 3,500 police "
                                       "officers")
    done = _redraft(folder, article)
    assert done.flagged == ("police-at-polling-stations",)
    facts = _facts(folder)
    assert facts["police-at-polling-stations"]["draft"] is True
    text = (folder / "facts.toml").read_text(encoding="utf-8")
    assert "# QUOTE NOT IN THE CORRECTED ARTICLE (2026-01-02)" in text
    # every other record is exactly as the curator wrote it
    untouched = curated.split("[[fact]]")
    assert all(part in text for part in untouched if "police-at-polling" not in part)
    # the corrected sentence comes back as a draft for the curator to take words from
    assert [f.quote for f in done.added] == [
        "About 3,500 police officers were deployed to polling stations across London."]
    assert any("police-at-polling-stations" in e and "quote does not appear verbatim" in e
               for e in _errors(folder))


def test_a_new_sentence_becomes_a_draft_fact_naming_curated_entities(folder):
    article = _article(folder).rstrip("\n") + "\n\n" + NEW_SENTENCE + " Johnson thanked voters.\n"
    done = _redraft(folder, article)
    assert done.flagged == ()
    assert [f.quote for f in done.added] == [NEW_SENTENCE, "Johnson thanked voters."]
    thanked = _facts(folder)[done.added[1].id]
    assert thanked["draft"] is True and thanked["entities"] == ["johnson"]
    assert thanked["id"] not in {f for f in done.kept}
    assert _errors(folder) == []
    assert (folder / "article.txt").read_text(encoding="utf-8") == article


def test_a_curated_draft_false_is_turned_into_draft_true_when_flagged(folder):
    path = folder / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'id = "police-at-polling-stations"', 'id = "police-at-polling-stations"\ndraft = false'),
        encoding="utf-8")
    _redraft(folder, _article(folder).replace("3,000", "4,000"))
    assert _facts(folder)["police-at-polling-stations"]["draft"] is True


def test_an_unreadable_fact_file_stops_the_redraft_and_changes_nothing(folder):
    path = folder / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]\nbroken", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    draft = draft_story(_article(folder), folder.name, PUBLISHED)
    with pytest.raises(DraftError, match="facts.toml cannot be read"):
        redraft(folder, draft, _article(folder), b"new", now=NOW)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert not list(folder.parent.glob(".uk-election.backup-*"))


def test_two_redrafts_in_one_second_keep_two_backups(folder):
    first = _redraft(folder, _article(folder))
    second = _redraft(folder, _article(folder))
    assert first.backup != second.backup and second.backup.is_dir()
