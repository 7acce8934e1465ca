"""Teaching: a reader's question added to the fact that answers it, or to the questions
its story does not answer, in the curator's own TOML files.

The files stay the curator's: tomlkit edits them in place, so comments, order and layout
survive, and the result is validated before it is kept (an edit that would break the story
is undone at once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from bot.factbase.loader import FACTS_FILE, STORY_FILE, load_factbase, story_folders
from bot.factbase.models import Problem


class TeachError(Exception):
    """The lesson cannot be taught (or undone); the message says why."""


@dataclass(frozen=True)
class Lesson:
    """One question taught: to a fact, or (fact_id None) as one its story does not answer."""

    question: str
    story_id: str
    fact_id: str | None
    file: Path


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _clean(question: str) -> str:
    text = " ".join((question or "").split())
    if not text:
        raise TeachError("the question is empty")
    return text


def story_of_fact(facts_dir: Path, fact_id: str) -> str:
    """The story whose facts.toml holds a fact id (a quick look at each file's text)."""
    pattern = re.compile(rf"""^\s*id\s*=\s*["']{re.escape(fact_id)}["']""", re.M)
    for folder in story_folders(Path(facts_dir)):
        path = folder / FACTS_FILE
        try:
            if pattern.search(path.read_text(encoding="utf-8")):
                return folder.name
        except (OSError, UnicodeDecodeError):
            continue
    raise TeachError(f"no fact {fact_id!r} in {facts_dir}")


def teach_fact(facts_dir: str | Path, question: str, fact_id: str) -> Lesson:
    """Add `question` to the questions of fact `fact_id`."""
    facts_dir, question = Path(facts_dir), _clean(question)
    story = story_of_fact(facts_dir, fact_id)
    path = facts_dir / story / FACTS_FILE

    def add(doc) -> None:
        _append_question(_fact_record(doc, fact_id, path), "questions", question,
                         f"fact {fact_id!r} already has the question {question!r}")

    _edit(facts_dir, story, path, add)
    return Lesson(question, story, fact_id, path)


def teach_not_in_story(facts_dir: str | Path, question: str, story_id: str) -> Lesson:
    """Remember that story `story_id` does not answer `question`, so that it (and questions
    like it) are declined with confidence."""
    facts_dir, question = Path(facts_dir), _clean(question)
    path = facts_dir / story_id / STORY_FILE
    if not path.exists():
        raise TeachError(f"no story {story_id!r} in {facts_dir}")

    def add(doc) -> None:
        record = doc.get("story")
        if record is None:
            raise TeachError(f"{path} has no [story] table")
        _append_question(record, "unanswerable", question,
                         f"{story_id!r} already lists {question!r} as unanswerable")

    _edit(facts_dir, story_id, path, add)
    return Lesson(question, story_id, None, path)


def _append_question(record, key: str, question: str, duplicate: str) -> None:
    """Add `question` to the list `record[key]` (made if absent); a question already there,
    in other case or spacing, is the TeachError `duplicate`."""
    known = record.get(key)
    if known is None:
        record[key] = [question]
    elif any(_same(question, q) for q in known):
        raise TeachError(duplicate)
    else:
        known.append(question)


def unteach(facts_dir: str | Path, lesson: Lesson) -> None:
    """Take a taught question out again."""
    facts_dir = Path(facts_dir)
    path = facts_dir / lesson.story_id / (FACTS_FILE if lesson.fact_id else STORY_FILE)

    def remove(doc) -> None:
        if lesson.fact_id:
            record, key = _fact_record(doc, lesson.fact_id, path), "questions"
        else:
            record, key = doc.get("story") or {}, "unanswerable"
        values = record.get(key) or []
        for index, value in enumerate(values):
            if _same(value, lesson.question):
                del values[index]
                break
        else:
            raise TeachError(f"{lesson.question!r} is no longer in {path}")
        if not values:
            del record[key]

    _edit(facts_dir, lesson.story_id, path, remove)


def _fact_record(doc, fact_id: str, path: Path):
    for record in doc.get("fact", []):
        if record.get("id") == fact_id:
            return record
    raise TeachError(f"no fact {fact_id!r} in {path}")


def _story_errors(facts_dir: Path, story_id: str) -> list[Problem]:
    _, problems = load_factbase(facts_dir, only=[story_id])
    return [p for p in problems if p.level == "error"]


def _edit(facts_dir: Path, story_id: str, path: Path, change) -> None:
    """Apply `change` to the parsed file, write it, and keep it only if the story has no
    error it did not have before."""
    try:
        original = path.read_text(encoding="utf-8")
        doc = tomlkit.parse(original)
    except (OSError, UnicodeDecodeError, TOMLKitError) as exc:
        raise TeachError(f"cannot read {path}: {exc}") from exc
    change(doc)
    before = {str(p) for p in _story_errors(facts_dir, story_id)}
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    new = [p for p in _story_errors(facts_dir, story_id) if str(p) not in before]
    if new:
        path.write_text(original, encoding="utf-8")
        raise TeachError("the change would break the story, so it was undone: "
                         + "; ".join(str(p) for p in new))
