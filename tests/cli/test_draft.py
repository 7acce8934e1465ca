"""`storybot draft`: a draft story folder from an article, and the clear refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.conftest import FACTS_DIR, ROOT

ARTICLE = FACTS_DIR / "us-iraq-withdrawal" / "article.txt"


@pytest.fixture(autouse=True)
def _no_config_file(monkeypatch):
    monkeypatch.delenv("STORYBOT_CONFIG", raising=False)


def draft(facts: Path, *args: str, article: Path | str = ARTICLE, story: str = "iraq-draft",
          published: str = "2020-01-10") -> int:
    byline = [*(() if "--author" in args else ("--author", "Ann Writer")),
              *(() if "--outlet" in args else ("--outlet", "Test Wire"))]
    return main(["draft", str(article), "--story", story, "--published", published,
                 "--facts", str(facts), *byline, *args])


def _refusal(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("storybot: ")
    return lines[0]


def test_draft_writes_the_folder_and_summarises_it(tmp_path, capsys):
    facts = tmp_path / "facts"
    assert draft(facts, "--outlet", "Military Times", "--author", "Leo Shane III") == 0
    out = capsys.readouterr().out
    assert f"to {facts / 'iraq-draft'}/" in out
    assert "30 draft facts" in out  # one sentence of two clauses is two
    assert "15 with a speaker" in out
    assert "Mike Pompeo (4)" in out
    assert "people: Mike Pompeo, Adel Abdul-Mahdi, Donald Trump" in out
    assert "2019-12-30 (week): “last week”" in out and "2020-01-03 (day): “the 3rd January”" in out
    assert out.rstrip().endswith("then run storybot check")
    folder = facts / "iraq-draft"
    assert sorted(p.name for p in folder.iterdir()) == [
        "article.txt", "entities.toml", "facts.toml", "story.toml", "timeline.toml"]
    assert (folder / "article.txt").read_bytes() == ARTICLE.read_bytes()
    story = (folder / "story.toml").read_text(encoding="utf-8")
    assert 'outlet = "Military Times"' in story and "published = 2020-01-10" in story
    assert main(["check", "--facts", str(facts)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_draft_beside_the_bundled_story_passes_check_and_indexes(facts_copy, tmp_path, capsys):
    assert draft(facts_copy) == 0
    capsys.readouterr()
    assert main(["check", "--facts", str(facts_copy)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    assert main(["index", "--facts", str(facts_copy), "--db", str(tmp_path / "x.db")]) == 0


def test_existing_folder_is_refused_unless_forced(tmp_path, capsys):
    facts = tmp_path / "facts"
    assert draft(facts) == 0
    (facts / "iraq-draft" / "facts.toml").write_text("# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert draft(facts) == 2
    assert "already exists" in _refusal(capsys)
    assert (facts / "iraq-draft" / "facts.toml").read_text(encoding="utf-8") == "# edited\n"
    assert draft(facts, "--force") == 0
    # the same article again: the curator's file stays, a backup is kept beside it
    assert (facts / "iraq-draft" / "facts.toml").read_text(encoding="utf-8") == "# edited\n"
    assert "0 draft facts added" in capsys.readouterr().out
    (backup,) = facts.glob(".iraq-draft.backup-*")
    assert (backup / "facts.toml").read_text(encoding="utf-8") == "# edited\n"


def test_force_drafts_a_corrected_article_over_the_curated_story(tmp_path, capsys):
    facts = tmp_path / "facts"
    assert draft(facts) == 0
    capsys.readouterr()
    corrected = tmp_path / "corrected.txt"
    text = ARTICLE.read_text(encoding="utf-8")
    corrected.write_text(text.replace("Comments are closed.",
                                      "The Pentagon declined to comment on Friday."),
                         encoding="utf-8")
    assert draft(facts, "--force", article=corrected) == 0
    out = capsys.readouterr().out
    assert "facts kept" in out and "1 draft facts added" in out
    written = (facts / "iraq-draft" / "facts.toml").read_text(encoding="utf-8")
    assert 'quote = "The Pentagon declined to comment on Friday."' in written
    assert main(["check", "--facts", str(facts), "--db", str(tmp_path / "db")]) == 0


def test_existing_folder_message_names_the_way_out(tmp_path, capsys):
    facts = tmp_path / "facts"
    (facts / "iraq-draft").mkdir(parents=True)
    assert draft(facts) == 2
    line = _refusal(capsys)
    assert "already exists" in line and "--force" in line


@pytest.mark.parametrize("published", ["10/01/2020", "2020-02-30", "2020-1-5", "yesterday", ""])
def test_bad_publication_date_is_refused(tmp_path, capsys, published):
    assert draft(tmp_path, published=published) == 2
    assert "--published must be a date written YYYY-MM-DD" in _refusal(capsys)
    assert not (tmp_path / "iraq-draft").exists()


@pytest.mark.parametrize("story", ["Iraq", "iraq_draft", "iraq draft", "a" * 61])
def test_bad_story_id_is_refused(tmp_path, capsys, story):
    assert draft(tmp_path, story=story) == 2
    assert "story id" in _refusal(capsys)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the article is empty"),
    (b"\n \n", "the article is empty"),
    (b"caf\xe9 au lait", "not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"... !!!", "no sentences"),
])
def test_unusable_articles_are_refused(tmp_path, capsys, content, message):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    assert draft(tmp_path / "facts", article=article) == 2
    assert message in _refusal(capsys)
    assert not (tmp_path / "facts" / "iraq-draft").exists()


def test_missing_article_or_a_folder_is_refused(tmp_path, capsys):
    assert draft(tmp_path, article=tmp_path / "nope.txt") == 2
    assert "cannot read the article" in _refusal(capsys)
    assert draft(tmp_path, article=tmp_path) == 2
    assert "is a folder" in _refusal(capsys)


def test_draft_runs_as_a_command(tmp_path):
    facts = tmp_path / "facts"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("STORYBOT_CONFIG", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "draft", str(ARTICLE), "--story", "iraq-draft",
         "--published", "2020-01-10", "--facts", str(facts)],
        capture_output=True, cwd=ROOT, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "draft facts" in result.stdout.decode()
    assert (facts / "iraq-draft" / "story.toml").exists()
    refused = subprocess.run(
        [sys.executable, "-m", "bot", "draft", str(ARTICLE), "--story", "iraq-draft",
         "--published", "2020-01-10", "--facts", str(facts)],
        capture_output=True, cwd=ROOT, env=env, timeout=60)
    assert refused.returncode == 2
    assert refused.stderr.decode().count("\n") == 1
