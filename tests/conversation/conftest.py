"""An engine over the frozen copy of the stories the labelled conversations ask about."""

from __future__ import annotations

import pytest

from bot.engine.engine import Engine
from bot.index.store import ensure_index
from tests.conftest import DATA_DIR

CONVERSATIONS_DIR = DATA_DIR / "conversations"
CONVERSATION_FACTS = CONVERSATIONS_DIR / "facts"


@pytest.fixture(scope="session")
def conversation_engine(tmp_path_factory) -> Engine:
    db = tmp_path_factory.mktemp("conversation-index") / "storybot.db"
    return Engine.open(ensure_index(CONVERSATION_FACTS, db).db_path)
