"""Writes the SQLite index with sqlite-utils, atomically.

The new database is written beside the old one and renamed into place, so a reader
(another process, or the Discord bot mid-question) never opens half an index.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

import sqlite_utils

from bot.factbase.models import FactBase
from bot.index.store import SCHEMA_VERSION


def build_index(base: FactBase, db_path: str | Path, source_fingerprint: str = "") -> Path:
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=db_path.name + ".", suffix=".tmp",
                                        dir=db_path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        _write(base, tmp, source_fingerprint)
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    return db_path


def _create_tables(db: sqlite_utils.Database) -> None:
    """Every table exists even when empty, so readers need no special cases."""
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["stories"].create(
        {"id": str, "title": str, "outlet": str, "author": str, "published": str,
         "contributors": str, "article_path": str, "article_text": str},
    )
    db["entities"].create(
        {"id": str, "story_id": str, "name": str, "kind": str, "description": str,
         "profile": str},
        pk="id", foreign_keys=[("story_id", "stories", "id")],
    )
    db["aliases"].create({"entity_id": str, "alias": str},
                         foreign_keys=[("entity_id", "entities", "id")])
    db["facts"].create(
        {"id": str, "story_id": str, "answer": str, "quote": str, "speaker": str, "date": str,
         "date_text": str, "date_precision": str, "entities": str, "questions": str},
        pk="id", foreign_keys=[("story_id", "stories", "id")],
    )
    db["fact_entities"].create({"fact_id": str, "entity_id": str},
                               foreign_keys=[("fact_id", "facts", "id"),
                                             ("entity_id", "entities", "id")])
    db["events"].create(
        {"id": str, "story_id": str, "position": int, "date": str, "date_text": str,
         "date_precision": str, "title": str, "facts": str},
        pk="id", foreign_keys=[("story_id", "stories", "id")],
    )


def _write(base: FactBase, path: Path, source_fingerprint: str) -> None:
    db = sqlite_utils.Database(path, recreate=True)
    db.conn.execute("PRAGMA journal_mode = DELETE")
    _create_tables(db)
    with db.conn:
        db["meta"].insert_all(
            [
                {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                {"key": "built_at", "value": str(time.time())},
                {"key": "source_fingerprint", "value": source_fingerprint},
                {"key": "synonyms", "value": json.dumps(base.synonyms)},
            ],
        )
        db["stories"].insert_all(
            (
                {
                    "id": s.id,
                    "title": s.title,
                    "outlet": s.outlet,
                    "author": s.author,
                    "published": s.published.isoformat(),
                    "contributors": list(s.contributors),
                    "article_path": s.article_path,
                    "article_text": s.article_text,
                }
                for s in base.stories.values()
            ),
        )
        db["entities"].insert_all(
            (
                {
                    "id": e.id,
                    "story_id": e.story_id,
                    "name": e.name,
                    "kind": e.kind,
                    "description": e.description,
                    "profile": e.profile,
                }
                for e in base.entities.values()
            ),
        )
        db["aliases"].insert_all(
            (
                {"entity_id": e.id, "alias": alias}
                for e in base.entities.values()
                for alias in e.aliases
            ),
        )
        db["facts"].insert_all(
            (
                {
                    "id": f.id,
                    "story_id": f.story_id,
                    "answer": f.answer,
                    "quote": f.quote,
                    "speaker": f.speaker,
                    "date": f.date.isoformat() if f.date else None,
                    "date_text": f.date_text,
                    "date_precision": f.date_precision,
                    "entities": list(f.entities),
                    "questions": list(f.questions),
                }
                for f in base.facts.values()
                if not f.draft  # drafts wait for a curator before anyone can be told them
            ),
        )
        db["fact_entities"].insert_all(
            (
                {"fact_id": f.id, "entity_id": e}
                for f in base.facts.values()
                if not f.draft
                for e in f.entities
            ),
        )
        db["events"].insert_all(
            (
                {
                    "id": e.id,
                    "story_id": e.story_id,
                    "position": position,
                    "date": e.date.isoformat(),
                    "date_text": e.date_text,
                    "date_precision": e.date_precision,
                    "title": e.title,
                    "facts": list(e.facts),
                }
                for position, e in enumerate(base.events)
            ),
        )
        db["fact_entities"].create_index(["entity_id"], if_not_exists=True)
    db["facts"].enable_fts(["answer", "quote", "questions"], tokenize="porter")
    db.conn.execute("VACUUM")
    db.close()
