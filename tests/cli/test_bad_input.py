"""What a new user meets on the command line: a damaged index, a mistyped folder or file,
a story named by words of its title, a one-line config; each is one clear line or just
works."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, load_config
from tests.conftest import FACTS_DIR, ROOT, SECOND_STORY


def storybot(*args: str, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)}
    env.pop("STORYBOT_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=120, text=True)


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def _damage(db: Path) -> None:
    """The issue's repro: `dd if=/dev/urandom of=DB bs=4096 seek=10 count=40 conv=notrunc`."""
    noise = random.Random(11).randbytes(4096 * 40)
    with open(db, "r+b") as file:
        file.seek(4096 * 10)
        file.write(noise)


def test_a_damaged_index_is_rebuilt_not_copied_from(tmp_path, cache):
    db = tmp_path / "g.db"
    built = storybot("index", "--facts", str(FACTS_DIR), "--db", str(db), cache=cache)
    assert built.returncode == 0, built.stderr
    assert db.stat().st_size > 4096 * 50
    _damage(db)
    asked = storybot("ask", "--facts", str(FACTS_DIR), "--db", str(db), "who opposed the "
                     "resolution?", cache=cache)
    assert asked.returncode == 2 and "storybot index" in asked.stderr
    rebuilt = storybot("index", "--facts", str(FACTS_DIR), "--db", str(db), cache=cache)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    asked = storybot("ask", "--facts", str(FACTS_DIR), "--db", str(db), "who opposed the "
                     "resolution?", cache=cache)
    assert asked.returncode == 0 and "Sunni" in asked.stdout


def test_index_full_reads_every_story_again(tmp_path, cache):
    db = tmp_path / "x.db"
    storybot("index", "--facts", str(FACTS_DIR), "--db", str(db), cache=cache)
    again = storybot("index", "--facts", str(FACTS_DIR), "--db", str(db), cache=cache)
    full = storybot("index", "--full", "--facts", str(FACTS_DIR), "--db", str(db), cache=cache)
    assert again.returncode == 0 and full.returncode == 0, full.stderr
    # The totals whatever was read again, and what was read again.
    assert "1 stories" in again.stdout and "64 facts" in again.stdout
    assert "read again: none" in again.stdout
    assert "1 stories" in full.stdout and "read again: 1 of 1 stories" in full.stdout


def test_a_missing_facts_folder_is_an_error_not_the_last_index(cache):
    result = storybot("ask", "--facts", "/nonexistent", "who is pompeo", cache=cache)
    assert result.returncode == 2
    assert "/nonexistent" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_another_facts_folder_gets_its_own_index(tmp_path, cache):
    other = tmp_path / "other"
    shutil.copytree(SECOND_STORY, other / SECOND_STORY.name)
    shutil.copy2(FACTS_DIR / "synonyms.toml", other / "synonyms.toml")
    default = ROOT / "storybot.db"
    before = default.stat().st_mtime_ns if default.exists() else None
    uk = storybot("ask", "--json", "--facts", str(other), "who is the PM?", cache=cache)
    assert uk.returncode == 0, uk.stderr
    assert json.loads(uk.stdout)["story"]["id"] == "uk-election"
    bundled = storybot("ask", "--json", "--facts", str(FACTS_DIR), "who opposed the "
                       "resolution?", cache=cache)
    assert json.loads(bundled.stdout)["story"]["id"] == "us-iraq-withdrawal"
    assert len(list((cache / "storybot").glob("*.db"))) == 2  # one index per folder
    assert (default.stat().st_mtime_ns if default.exists() else None) == before


@pytest.mark.parametrize("step", ["0", "-2.5", "nan", "200"])
def test_calibrate_refuses_a_step_that_would_never_end(step, cache):
    result = storybot("calibrate", str(ROOT / "tests/data/dev_questions.jsonl"),
                      f"--step={step}", "--facts", str(FACTS_DIR), cache=cache)
    assert result.returncode == 2
    assert "--step" in result.stderr and "Traceback" not in result.stderr


def test_calibrate_says_which_file_is_missing_or_bad(tmp_path, cache):
    missing = storybot("calibrate", str(tmp_path / "nope.jsonl"), "--facts", str(FACTS_DIR),
                       cache=cache)
    assert missing.returncode == 2
    assert "nope.jsonl" in missing.stderr and "Errno" not in missing.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "who opposed the resolution?", "expect": [["sunni("]]}\n',
                   encoding="utf-8")
    result = storybot("calibrate", str(bad), "--facts", str(FACTS_DIR), cache=cache)
    assert result.returncode == 2
    assert "bad.jsonl:1" in result.stderr and "sunni(" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def two_facts(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("two") / "facts"
    shutil.copytree(FACTS_DIR, target)
    shutil.copytree(SECOND_STORY, target / SECOND_STORY.name)
    return target


@pytest.mark.parametrize("typed, story", [
    ("iraq", "us-iraq-withdrawal"),
    ("Iraqi demands", "us-iraq-withdrawal"),
    ("election", "uk-election"),
    ("johnson", "uk-election"),
    ("UK ELECTION", "uk-election"),
])
def test_story_takes_words_of_a_title(two_facts, tmp_path, cache, typed, story):
    result = storybot("ask", "--json", "--story", typed, "who is the PM?", "--facts",
                      str(two_facts), "--db", str(tmp_path / "two.db"), cache=cache)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["story"]["id"] == story


def test_a_config_without_facts_uses_the_bundled_story(tmp_path):
    config = tmp_path / "elsewhere.toml"
    config.write_text('[storybot]\nquery_log = "q.db"\n', encoding="utf-8")
    loaded = load_config(config)
    assert loaded.facts_dir == PROJECT_ROOT / "facts"  # left out: the fresh clone's
    assert loaded.database == PROJECT_ROOT / "storybot.db"
    assert loaded.query_log == tmp_path / "q.db"  # named: beside the config file


def test_a_bad_config_is_said_once_by_has_token(tmp_path, cache):
    config = tmp_path / "config.toml"
    config.write_text("[engine]\nanswer_treshold = 50\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "bot.config", "--has-token"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and result.stderr == ""  # `storybot chat` says it next


def test_version(cache):
    result = storybot("--version", cache=cache)
    assert result.returncode == 0
    assert result.stdout.startswith("storybot ") and result.stdout.strip()[-1].isdigit()
