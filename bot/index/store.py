"""Reads the index back into a FactBase, rebuilding it first when the facts changed.

Reading uses the standard library's sqlite3 only: answering a question must not pay for
importing the tools that build the index.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from bot.factbase.models import FactBase, Problem
from bot.index.schema import (
    ENTITIES,
    EVENT_ORDER,
    EVENTS,
    FACTS,
    SCHEMA_VERSION,
    STORIES,
    analysis_version,
)


class IndexError_(Exception):
    """The index cannot be read and cannot be rebuilt; the message says why."""


@dataclass
class IndexStatus:
    db_path: Path
    rebuilt: bool = False
    problems: list[Problem] = field(default_factory=list)
    stale_kept: bool = False  # the facts changed but are broken, so the last good index serves
    broken: dict[str, str] = field(default_factory=dict)  # story id -> KEPT or LEFT_OUT
    _base: FactBase | None = None

    @property
    def base(self) -> FactBase:
        """Everything in the index as plain objects (the engine reads it lazily instead)."""
        if self._base is None:
            self._base = load_index(self.db_path)
        return self._base


@dataclass(frozen=True)
class Fingerprints:
    """What the index was built from: each file's path, size and modification time, digested
    per story folder and for the shared files (synonyms.toml) apart.

    Comparing fingerprints, not "is any file newer than the index", also catches files
    copied with their old times (cp -p, rsync -a, unpacked archives) and deleted files.
    """

    shared: str
    stories: dict[str, str]

    @property
    def whole(self) -> str:
        digest = hashlib.sha256(self.shared.encode())
        for story_id, value in sorted(self.stories.items()):
            digest.update(f"{story_id}\0{value}\n".encode())
        return digest.hexdigest()


def fingerprints(facts_dir: Path) -> Fingerprints:
    """Checked before every `storybot ask`: one scandir per folder, no path objects (an
    archive has tens of thousands of files)."""
    shared = hashlib.sha256()
    stories: dict[str, str] = {}
    for name, is_dir, size, mtime in _entries(str(facts_dir)):
        if is_dir:
            digest = hashlib.sha256()
            for rel, size_, mtime_ in _files_under(os.path.join(str(facts_dir), name), ""):
                digest.update(f"{name}/{rel}\0{size_}\0{mtime_}\n".encode())
            stories[name] = digest.hexdigest()
        else:
            shared.update(f"{name}\0{size}\0{mtime}\n".encode())
    return Fingerprints(shared.hexdigest(), stories)


def _entries(folder: str) -> list[tuple[str, bool, int, int]]:
    """(name, is a folder, size, mtime_ns) of a folder's entries, by name; files that
    vanish while we look are skipped."""
    found = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                try:
                    is_dir = entry.is_dir()
                    info = entry.stat() if not is_dir else None
                except OSError:
                    continue
                if is_dir or entry.is_file():
                    found.append((entry.name, is_dir, info.st_size if info else 0,
                                  info.st_mtime_ns if info else 0))
    except OSError:
        return []
    return sorted(found)


def _files_under(folder: str, prefix: str) -> list[tuple[str, int, int]]:
    files = []
    for name, is_dir, size, mtime in _entries(folder):
        rel = f"{prefix}{name}"
        if is_dir:
            files.extend(_files_under(os.path.join(folder, name), rel + "/"))
        else:
            files.append((rel, size, mtime))
    return files


def source_fingerprint(facts_dir: Path) -> str:
    return fingerprints(facts_dir).whole


def _meta(db_path: Path) -> dict[str, str]:
    try:
        conn = _connect(db_path)
        try:
            return {row[0]: row[1] for row in conn.execute("SELECT key, value FROM meta")}
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def _current(meta: dict[str, str]) -> bool:
    return (meta.get("schema_version") == str(SCHEMA_VERSION)
            and meta.get("analysis_version") == analysis_version())


def needs_rebuild(facts_dir: Path, db_path: Path) -> bool:
    if not db_path.exists():
        return True
    meta = _meta(db_path)
    return not _current(meta) or meta.get("source_fingerprint") != source_fingerprint(facts_dir)


def _connect(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


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
        base.stories[row["id"]] = STORIES.decode(row)
    for row in conn.execute("SELECT * FROM entities ORDER BY story_id, rowid"):
        base.entities[(row["story_id"], row["id"])] = ENTITIES.decode(row)
    for row in conn.execute("SELECT * FROM facts WHERE from_record = 0 ORDER BY row"):
        base.facts[row["id"]] = FACTS.decode(row)
    for row in conn.execute(f"SELECT * FROM events ORDER BY {EVENT_ORDER}"):
        base.events.append(EVENTS.decode(row))
    return base


def rebuild(facts_dir: str | Path, db_path: str | Path, *, reuse: bool = True
            ) -> tuple[FactBase | None, list[Problem]]:
    """rebuild_index, as (the stories read, or None when nothing was written; problems)."""
    result = rebuild_index(facts_dir, db_path, reuse=reuse)
    return result.base, result.problems


@dataclass
class Rebuilt:
    """What a rebuild wrote: the stories read again (None when the index was left as it
    was), every problem found, and the stories whose errors kept them out."""

    base: FactBase | None
    problems: list[Problem]
    broken: dict[str, str] = field(default_factory=dict)  # story id -> KEPT or LEFT_OUT


KEPT = "kept"  # a broken story served as it was when it last validated
LEFT_OUT = "left out"  # a broken story the index never held in a good version


def rebuild_index(facts_dir: str | Path, db_path: str | Path, *, reuse: bool = True,
                  progress: Callable[[str], None] | None = None) -> Rebuilt:
    """Validate facts_dir and write a new index of every story that validates.

    Stories whose files did not change since the current index was built are copied from
    it, analysis and all, rather than read and analysed again (unless reuse is False). A
    story with errors does not hold up the others: its last good version is copied from
    the current index (or, never having validated, it is left out), and the rebuild reports
    it. Errors no story can be blamed for (synonyms.toml) write nothing; so does a rebuild
    whose only changed stories are broken, leaving the current index to serve.
    """
    from bot.index.build import BuildInput, build_index
    from bot.index.prepare import read_stories

    facts_dir, db_path = Path(facts_dir), Path(db_path)
    prints = fingerprints(facts_dir)  # before reading: edits during a build make the next
    previous = _previous_stories(db_path, prints) if reuse else {}  # ask rebuild again
    unchanged = frozenset(s for s, fp in previous.items() if prints.stories.get(s) == fp)
    say = progress or (lambda message: None)
    say(f"{len(prints.stories)} stories: {len(unchanged)} unchanged (copied from the index), "
        f"{len(prints.stories) - len(unchanged)} to read and analyse")
    stories_read = (lambda done, total: say(f"read and analysed {done}/{total} stories")
                    ) if progress else None
    base, problems, prepared = read_stories(facts_dir, unchanged, stories_read)
    broken: set[str] = set()
    while True:  # a story kept as it was may hold a fact id another story now uses
        copied = unchanged | (broken & set(previous))
        problems += [p for p in _duplicates_of_unchanged(_without(base, broken), db_path, copied)
                     if p not in problems]
        blamed = _stories_with_errors(problems, set(prints.stories) | set(previous))
        if blamed is None:
            return Rebuilt(None, problems)
        if blamed <= broken:
            break
        broken |= blamed
    report = {s: KEPT if s in previous else LEFT_OUT for s in sorted(broken)}
    if broken:
        base = _without(base, broken)
        removed = set(previous) - set(prints.stories)
        if not base.stories and not removed and previous:
            return Rebuilt(None, problems, report)  # nothing new to serve: keep the index
        if not base.stories and not copied:
            return Rebuilt(None, problems, report)  # nothing valid to index at all
        # The analysis was skipped when errors were found: analyse the valid stories now.
        base, _, prepared = read_stories(facts_dir, unchanged | broken, stories_read)
    say("writing the index")
    try:
        build_index(BuildInput(base, prints.whole, prints.shared, prints.stories, db_path,
                               tuple(copied), prepared, broken=_broken_meta(report, problems)),
                    db_path)
    except sqlite3.DatabaseError:
        if not copied:
            raise
        # Damage the check before copying did not see: read every story instead.
        return rebuild_index(facts_dir, db_path, reuse=False, progress=progress)
    return Rebuilt(base, problems, report)


def _without(base: FactBase, stories: set[str]) -> FactBase:
    if not stories:
        return base
    return FactBase(
        stories={k: v for k, v in base.stories.items() if k not in stories},
        entities={k: v for k, v in base.entities.items() if k[0] not in stories},
        facts={k: v for k, v in base.facts.items() if v.story_id not in stories},
        events=[e for e in base.events if e.story_id not in stories],
        synonyms=base.synonyms,
    )


def _stories_with_errors(problems: list[Problem], stories: set[str]) -> set[str] | None:
    """The story folders the errors are in; None when an error is in no story's folder
    (the shared files, or the facts folder itself)."""
    blamed = set()
    for problem in problems:
        if problem.level != "error":
            continue
        story = next((part for part in Path(problem.file).parts[:-1] if part in stories), None)
        if story is None:
            return None
        blamed.add(story)
    return blamed


def _broken_meta(report: dict[str, str], problems: list[Problem]) -> str:
    """The broken stories and their errors, kept in the index so that every command using
    it can say which stories are served from an older version."""
    if not report:
        return ""
    return json.dumps({"stories": report, "errors": [
        [p.file, p.where, p.message] for p in problems if p.level == "error"]})


def describe_broken(broken: dict[str, str]) -> str:
    """'2 stories have errors: a (served as it last validated), b (left out)'."""
    listed = ", ".join(f"{story} ({'served as it last validated' if how == KEPT else how})"
                       for story, how in broken.items())
    return f"{len(broken)} {'story has' if len(broken) == 1 else 'stories have'} errors: {listed}"


def broken_stories(db_path: str | Path) -> tuple[dict[str, str], list[Problem]]:
    """The stories the index holds in an older version or not at all because their files
    have errors, and those errors, as the last rebuild found them."""
    value = _meta(Path(db_path)).get("broken_stories")
    if not value:
        return {}, []
    found = json.loads(value)
    return found["stories"], [Problem(*error) for error in found["errors"]]


def _previous_stories(db_path: Path, prints: Fingerprints) -> dict[str, str]:
    """The fingerprints of the stories in the current index, if its analysis can be reused."""
    if not db_path.exists():
        return {}
    meta = _meta(db_path)
    if not _current(meta) or meta.get("shared_fingerprint") != prints.shared:
        return {}
    try:
        conn = _connect(db_path)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return {}  # a damaged index is never copied from
            return dict(conn.execute("SELECT id, fingerprint FROM stories").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


def _duplicates_of_unchanged(base: FactBase, db_path: Path, unchanged: frozenset[str]
                             ) -> list[Problem]:
    """Fact ids are shared by all stories: a story read again must not reuse the id of a
    fact in a story copied unchanged."""
    if not unchanged or not base.facts:
        return []
    conn = _connect(db_path)
    try:
        owners = dict(conn.execute("SELECT id, story_id FROM facts"))
    finally:
        conn.close()
    return [
        Problem(f"{fact.story_id}/facts.toml", fact.id,
                f"duplicate fact id {fact.id!r} (also in {owners[fact.id]}/facts.toml); fact "
                "ids are shared by all stories, give each fact its own id")
        for fact in base.facts.values()
        if owners.get(fact.id) in unchanged
    ]


def ensure_index(facts_dir: str | Path, db_path: str | Path) -> IndexStatus:
    """An up-to-date index, rebuilt when missing, unreadable or stale.

    Stories with errors are served as they last validated (see rebuild_index), and named
    in `broken`. When the facts changed but nothing new validates, the last good index
    keeps serving and the problems are returned; with no index at all that is an
    IndexError_.
    """
    facts_dir, db_path = Path(facts_dir), Path(db_path)
    if not needs_rebuild(facts_dir, db_path):
        broken, errors = broken_stories(db_path)
        return IndexStatus(db_path, problems=errors, broken=broken)
    result = rebuild_index(facts_dir, db_path)
    if result.base is None:
        if db_path.exists() and _current(_meta(db_path)):
            return IndexStatus(db_path, problems=result.problems, stale_kept=True,
                               broken=result.broken)
        raise IndexError_(
            "the facts have errors and there is no earlier index to serve:\n"
            + "\n".join(str(p) for p in result.problems if p.level == "error")
        )
    return IndexStatus(db_path, rebuilt=True, problems=result.problems, broken=result.broken)
