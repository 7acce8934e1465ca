"""Fixtures shared by the whole suite: the bundled facts, a private index, an engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine.engine import Engine
from bot.index.store import ensure_index
from tests.loopback.harness import discord_errors, server, world  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent
FACTS_DIR = ROOT / "facts"
DATA_DIR = Path(__file__).resolve().parent / "data"


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
