"""Fixtures shared by the whole suite: the bundled story, a private index, an engine.

The suite tests the bundled story, not whatever facts/ holds: a curator adding a story to
facts/ must not change what the tests see. FACTS_DIR is a copy of the shared files and the
bundled story alone, made once per run (the live folder can be replaced, for the test that
guards this, with STORYBOT_TEST_LIVE_FACTS).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.index.store import ensure_index
from tests.loopback.harness import discord_errors, server, world  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
LIVE_FACTS = Path(os.environ.get("STORYBOT_TEST_LIVE_FACTS") or ROOT / "facts")
BUNDLED_STORY = "us-iraq-withdrawal"
DATA_DIR = Path(__file__).resolve().parent / "data"


def copy_bundled_story(target: Path) -> Path:
    """A facts folder holding the shared files and the bundled story only."""
    target.mkdir(parents=True)
    for entry in LIVE_FACTS.iterdir():
        if entry.is_file():
            shutil.copy2(entry, target / entry.name)
    shutil.copytree(LIVE_FACTS / BUNDLED_STORY, target / BUNDLED_STORY)
    return target


_COPIES = Path(tempfile.mkdtemp(prefix="storybot-tests-"))
atexit.register(shutil.rmtree, _COPIES, ignore_errors=True)
FACTS_DIR = copy_bundled_story(_COPIES / "facts")


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory) -> Path:
    """An index of the bundled facts, built once, in a folder of the test run's own."""
    db = tmp_path_factory.mktemp("index") / "storybot.db"
    ensure_index(FACTS_DIR, db)
    return db


@pytest.fixture(scope="session")
def engine(bundled_index) -> Engine:
    return Engine.open(ensure_index(FACTS_DIR, bundled_index).db_path)


SECOND_STORY = DATA_DIR / "stories" / "uk-election"


@pytest.fixture(scope="session")
def two_stories(tmp_path_factory) -> Path:
    """The bundled story beside a second one that shares Mike Pompeo and says "PM" of
    another man (read-only: copy it again to change it)."""
    target = tmp_path_factory.mktemp("two") / "facts"
    shutil.copytree(FACTS_DIR, target)
    shutil.copytree(SECOND_STORY, target / SECOND_STORY.name)
    return target


@pytest.fixture(scope="session")
def two_story_engine(two_stories, tmp_path_factory) -> Engine:
    db = tmp_path_factory.mktemp("two-index") / "storybot.db"
    return Engine.open(ensure_index(two_stories, db).db_path)


@pytest.fixture
def facts_copy(tmp_path) -> Path:
    """A private copy of facts/ that a test may break."""
    target = tmp_path / "facts"
    shutil.copytree(FACTS_DIR, target)
    return target
