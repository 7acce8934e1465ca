"""Reads the index back into a FactBase, rebuilding it first when the facts changed.

Reading uses the standard library's sqlite3 only: answering a question must not pay for
importing the tools that build the index.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bot.factbase.models import Entity, Event, Fact, FactBase, Problem, Story

SCHEMA_VERSION = 2  # bump when the tables change: older indexes are then rebuilt


class IndexError_(Exception):
    """The index cannot be read and cannot be rebuilt; the message says why."""


@dataclass
class IndexStatus:
    base: FactBase
    rebuilt: bool = False
    problems: list[Problem] = field(default_factory=list)
    stale_kept: bool = False  # the facts changed but are broken, so the last good index serves


def source_fingerprint(facts_dir: Path) -> str:
    """What the index was built from: every file's path, size and modification time.

    Comparing fingerprints, not "is any file newer than the index", also catches files
    copied with their old times (cp -p, rsync -a, unpacked archives) and deleted files.
    """
    digest = hashlib.sha256()
    if facts_dir.exists():
        for path in sorted(facts_dir.rglob("*")):
            try:
                info = path.stat()
            except OSError:  # removed while we looked
                continue
            if path.is_file():
                rel = path.relative_to(facts_dir).as_posix()
                digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _meta(db_path: Path) -> dict[str, str]:
    try:
        conn = _connect(db_path)
        try:
            return {row[0]: row[1] for row in conn.execute("SELECT key, value FROM meta")}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def needs_rebuild(facts_dir: Path, db_path: Path) -> bool:
    if not db_path.exists():
        return True
    meta = _meta(db_path)
    return (meta.get("schema_version") != str(SCHEMA_VERSION)
            or meta.get("source_fingerprint") != source_fingerprint(facts_dir))


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_index(db_path: str | Path) -> FactBase:
    db_path = Path(db_path)
    if not db_path.exists():
        raise IndexError_(f"the index {db_path} does not exist; run 'storybot index'")
    try:
        conn = _connect(db_path)
        try:
            return _read(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise IndexError_(f"the index {db_path} cannot be read ({exc}); "
                          "run 'storybot index' to rebuild it") from exc


def _read(conn: sqlite3.Connection) -> FactBase:
    base = FactBase()
    meta = {row["key"]: row["value"] for row in conn.execute("SELECT key, value FROM meta")}
    base.synonyms = [tuple(group) for group in json.loads(meta.get("synonyms", "[]"))]
    for row in conn.execute("SELECT * FROM stories ORDER BY id"):
        base.stories[row["id"]] = Story(
            id=row["id"],
            title=row["title"],
            outlet=row["outlet"],
            author=row["author"],
            published=dt.date.fromisoformat(row["published"]),
            article_path=row["article_path"],
            contributors=tuple(json.loads(row["contributors"] or "[]")),
            article_text=row["article_text"] or "",
        )
    aliases: dict[str, list[str]] = {}
    for row in conn.execute("SELECT entity_id, alias FROM aliases ORDER BY rowid"):
        aliases.setdefault(row["entity_id"], []).append(row["alias"])
    for row in conn.execute("SELECT * FROM entities ORDER BY rowid"):
        base.entities[row["id"]] = Entity(
            id=row["id"],
            story_id=row["story_id"],
            name=row["name"],
            kind=row["kind"],
            aliases=tuple(aliases.get(row["id"], ())),
            description=row["description"] or "",
            profile=row["profile"],
        )
    for row in conn.execute("SELECT * FROM facts ORDER BY rowid"):
        base.facts[row["id"]] = Fact(
            id=row["id"],
            story_id=row["story_id"],
            answer=row["answer"],
            quote=row["quote"],
            entities=tuple(json.loads(row["entities"] or "[]")),
            questions=tuple(json.loads(row["questions"] or "[]")),
            speaker=row["speaker"],
            date=_date(row["date"]),
            date_text=row["date_text"],
            date_precision=row["date_precision"],
        )
    for row in conn.execute("SELECT * FROM events ORDER BY position"):
        base.events.append(Event(
            id=row["id"],
            story_id=row["story_id"],
            date=dt.date.fromisoformat(row["date"]),
            date_text=row["date_text"],
            date_precision=row["date_precision"],
            title=row["title"],
            facts=tuple(json.loads(row["facts"] or "[]")),
        ))
    return base


def rebuild(facts_dir: str | Path, db_path: str | Path) -> tuple[FactBase | None, list[Problem]]:
    """Validate facts_dir and, only if it has no errors, write a new index from it."""
    from bot.factbase.loader import has_errors, load_factbase
    from bot.index.build import build_index

    fingerprint = source_fingerprint(Path(facts_dir))  # before reading: edits during a
    base, problems = load_factbase(facts_dir)          # build make the next ask rebuild
    if has_errors(problems):
        return None, problems
    build_index(base, db_path, source_fingerprint=fingerprint)
    return base, problems


def ensure_index(facts_dir: str | Path, db_path: str | Path) -> IndexStatus:
    """The fact base from an up-to-date index, rebuilding it when missing or stale.

    When the facts changed but no longer validate, the last good index keeps serving and
    the problems are returned; with no index at all that is an IndexError_.
    """
    facts_dir, db_path = Path(facts_dir), Path(db_path)
    if not needs_rebuild(facts_dir, db_path):
        try:
            return IndexStatus(load_index(db_path))
        except IndexError_:
            pass  # unreadable: rebuild it below
    _, problems = rebuild(facts_dir, db_path)
    from bot.factbase.loader import has_errors

    if has_errors(problems):
        if db_path.exists():
            try:
                return IndexStatus(load_index(db_path), problems=problems, stale_kept=True)
            except IndexError_:
                pass
        raise IndexError_(
            "the facts have errors and there is no earlier index to serve:\n"
            + "\n".join(str(p) for p in problems if p.level == "error")
        )
    return IndexStatus(load_index(db_path), rebuilt=True, problems=problems)
