"""Reads facts/ into a FactBase, collecting every problem instead of stopping at the first.

A curator fixing files wants the whole list at once, each problem naming the file, the
record (id or line) and what to change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import tomli as tomllib  # the standard library's parser, compiled: 4x faster on an archive

from bot.factbase.check import cross_check
from bot.factbase.models import (
    DATE_PRECISIONS,
    ENTITY_KINDS,
    PLACEHOLDER_AUTHORS,
    Entity,
    Event,
    Fact,
    FactBase,
    Problem,
    Story,
    file_fields,
    timeline_order,
)
from bot.factbase.problems import ProblemCollector

MAX_FACT_ID = 86  # a Discord custom id holds 100 characters, 14 of them our prefix
# Entity kinds are open: the common ones (ENTITY_KINDS) and any other word a story's
# subject needs ("species", "topic", "ship").
KIND_PATTERN = re.compile(r"^[a-z]+(?:[ -][a-z]+){0,3}$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STORY_FILE = "story.toml"
ENTITIES_FILE = "entities.toml"
FACTS_FILE = "facts.toml"
TIMELINE_FILE = "timeline.toml"
SYNONYMS_FILE = "synonyms.toml"

# field name -> (expected python type, required)
STORY_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "id": (str, True),
    "title": (str, True),
    "outlet": (str, True),
    "author": (str, True),
    "published": (dt.date, True),
    "article": (str, True),
    "contributors": (list, False),
    "unanswerable": (list, False),
}
# The other records' fields are their models' (bot/factbase/models.py): one declaration.
ENTITY_FIELDS = file_fields(Entity)
FACT_FIELDS = file_fields(Fact)
EVENT_FIELDS = file_fields(Event)


def _read_toml(path: Path, out: ProblemCollector) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.error(path, "", f"cannot read the file: {exc.strerror}")
        out.unparsable_folders.add(path.parent.name)
        return None
    try:
        text = raw.decode("utf-8-sig")  # an editor's byte-order mark is no content
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.error(path, f"line {line}", "not valid UTF-8; save the file as UTF-8")
        out.unparsable_folders.add(path.parent.name)
        return None
    out.remember(path, text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        where = f"line {match.group(1)}" if match else ""
        out.error(path, where, f"not valid TOML: {exc}")
        out.unparsable_folders.add(path.parent.name)
        return None


def _check_fields(
    record: Any,
    spec: dict[str, tuple[type | tuple[type, ...], bool]],
    path: Path,
    where: str,
    out: ProblemCollector,
) -> bool:
    if not isinstance(record, dict):
        out.error(path, where, "expected a table of fields")
        return False
    ok = True
    for key in record:
        if key not in spec:
            known = ", ".join(spec)
            out.error(path, where, f"unknown field {key!r}; known fields: {known}")
            ok = False
    for key, (kind, required) in spec.items():
        if key not in record:
            if required:
                out.error(path, where, f"missing required field {key!r}")
                ok = False
            continue
        value = record[key]
        if kind is dt.date and isinstance(value, dt.datetime | dt.time):
            out.error(path, where, f"{key!r} must be a plain date like 2020-01-03, not a time")
            ok = False
        elif kind is dt.date and isinstance(value, str):
            out.error(path, where, f"{key!r} must be a TOML date written without quotes, "
                      f"like {key} = 2020-01-03 (got the string {value!r})")
            ok = False
        elif not isinstance(value, kind):
            out.error(path, where, f"{key!r} must be a {_type_name(kind)}, got {value!r}")
            ok = False
        elif kind is list and not all(isinstance(item, str) for item in value):
            out.error(path, where, f"{key!r} must be a list of strings")
            ok = False
        elif kind is str and not value.strip():
            out.error(path, where, f"{key!r} is empty")
            ok = False
    return ok


def _type_name(kind: Any) -> str:
    return {str: "string", list: "list", bool: "true or false", dt.date: "date"}.get(
        kind, getattr(kind, "__name__", str(kind))
    )


def _check_id(value: str, path: Path, where: str, out: ProblemCollector) -> bool:
    if not ID_PATTERN.match(value):
        out.error(path, where, f"id {value!r} must be lower-case words joined by hyphens, "
                  "like 'pompeo-secretary-of-state'")
        return False
    return True


def _check_date_fields(record: dict[str, Any], path: Path, where: str,
                       out: ProblemCollector) -> bool:
    has_date = "date" in record
    ok = True
    for key in ("date_text", "date_precision"):
        if key in record and not has_date:
            out.error(path, where, f"{key!r} is given without 'date'; add the date or remove it")
            ok = False
        if has_date and key not in record:
            out.error(path, where, f"'date' needs {key!r} beside it")
            ok = False
    precision = record.get("date_precision")
    if precision is not None and precision not in DATE_PRECISIONS:
        out.error(path, where, f"date_precision {precision!r} must be one of "
                  f"{', '.join(DATE_PRECISIONS)}")
        ok = False
    return ok


def _load_synonyms(root: Path, out: ProblemCollector) -> list[tuple[str, ...]]:
    path = root / SYNONYMS_FILE
    if not path.exists():
        return []
    data = _read_toml(path, out)
    if data is None:
        return []
    groups = data.get("groups", [])
    unknown = set(data) - {"groups"}
    if unknown:
        out.error(path, "", f"unknown keys {sorted(unknown)}; the file holds only 'groups'")
    if not isinstance(groups, list):
        out.error(path, "", "'groups' must be a list of lists of words")
        return []
    result = []
    for index, group in enumerate(groups):
        if not isinstance(group, list) or len(group) < 2 or not all(
            isinstance(word, str) and word.strip() for word in group
        ):
            out.error(path, f"group {index + 1}", "each group must list two or more words")
            continue
        result.append(tuple(word.strip() for word in group))
    return result


def _load_story(folder: Path, out: ProblemCollector) -> Story | None:
    path = folder / STORY_FILE
    data = _read_toml(path, out)
    if data is None:
        return None
    record = data.get("story")
    if record is None:
        out.error(path, "", "missing the [story] table")
        return None
    if not _check_fields(record, STORY_FIELDS, path, "[story]", out):
        return None
    if not _check_id(record["id"], path, "[story]", out):
        return None
    for field, advice in (("author", "the byline's name, or the outlet's name for an "
                                     "unsigned story"), ("outlet", "the publication's name")):
        if record[field].strip().casefold() in PLACEHOLDER_AUTHORS:
            out.error(path, "[story]", f"{field} {record[field]!r} is a placeholder readers "
                      f"would see ('written by Unknown'); write {advice}")
    if record["id"] != folder.name:
        out.error(path, "[story]", f"id {record['id']!r} must equal the folder name "
                  f"{folder.name!r}")
        return None
    article_path = folder / record["article"]
    try:
        # utf-8-sig: a byte-order mark is no part of the article or its first quote.
        article_text = article_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        out.error(path, "[story]", f"cannot read the article {record['article']!r}: {exc}")
        return None
    return Story(
        id=record["id"],
        title=record["title"].strip(),
        outlet=record["outlet"].strip(),
        author=record["author"].strip(),
        published=record["published"],
        article_path=str(article_path),
        contributors=tuple(record.get("contributors", ())),
        article_text=article_text,
        unanswerable=tuple(q.strip() for q in record.get("unanswerable", ()) if q.strip()),
    )


def _records(data: dict[str, Any] | None, table: str, path: Path,
             out: ProblemCollector) -> list[Any]:
    if data is None:
        return []
    unknown = set(data) - {table}
    if unknown:
        out.error(path, "", f"unknown tables {sorted(unknown)}; this file holds [[{table}]] only")
    records = data.get(table, [])
    if not isinstance(records, list):
        out.error(path, "", f"write each record as [[{table}]]")
        return []
    return records


def _load_entities(folder: Path, story: Story, out: ProblemCollector) -> list[Entity]:
    path = folder / ENTITIES_FILE
    if not path.exists():
        return []
    entities = []
    for index, record in enumerate(_records(_read_toml(path, out), "entity", path, out)):
        where = out.where(path, record.get("id") if isinstance(record, dict) else None, index)
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            out.rejected_ids.add((story.id, record["id"]))  # until it proves valid
        if not _check_fields(record, ENTITY_FIELDS, path, where, out):
            continue
        if not _check_id(record["id"], path, where, out):
            continue
        if not KIND_PATTERN.match(record["kind"]):
            out.error(path, where, f"kind {record['kind']!r} must be a lower-case word or "
                      f"words that say what the entity is, such as {', '.join(ENTITY_KINDS)}, "
                      "species or topic")
            continue
        out.rejected_ids.discard((story.id, record["id"]))
        entities.append(_from_record(
            Entity, record, story,
            name=record["name"].strip(),
            aliases=tuple(alias.strip() for alias in record.get("aliases", ()) if alias.strip()),
            description=record.get("description", "").strip(),
        ))
    return entities


def _load_facts(folder: Path, story: Story, out: ProblemCollector) -> list[Fact]:
    path = folder / FACTS_FILE
    if not path.exists():
        out.error(path, "", "the story has no facts.toml")
        return []
    facts = []
    for index, record in enumerate(_records(_read_toml(path, out), "fact", path, out)):
        where = out.where(path, record.get("id") if isinstance(record, dict) else None, index)
        if not _check_fields(record, FACT_FIELDS, path, where, out):
            continue
        if not _check_id(record["id"], path, where, out):
            continue
        if not _check_date_fields(record, path, where, out):
            continue
        if len(record["id"]) > MAX_FACT_ID:
            out.warning(path, where, f"ids longer than {MAX_FACT_ID} characters cannot be "
                        "offered as Discord 'did you mean' buttons; shorten it")
        facts.append(_from_record(
            Fact, record, story,
            answer=" ".join(record["answer"].split()),
            questions=tuple(q.strip() for q in record.get("questions", ()) if q.strip()),
        ))
    return facts


def _load_events(folder: Path, story: Story, out: ProblemCollector) -> list[Event]:
    path = folder / TIMELINE_FILE
    if not path.exists():
        return []
    events = []
    for index, record in enumerate(_records(_read_toml(path, out), "event", path, out)):
        where = out.where(path, record.get("id") if isinstance(record, dict) else None, index)
        if not _check_fields(record, EVENT_FIELDS, path, where, out):
            continue
        if not (_check_id(record["id"], path, where, out)
                and _check_date_fields(record, path, where, out)):
            continue
        events.append(_from_record(Event, record, story, title=record["title"].strip()))
    return events


def _from_record(model: type, record: dict[str, Any], story: Story, **cleaned: Any) -> Any:
    """A checked record as its model: every field the file gave (arrays as tuples), the
    story it belongs to, and the fields the caller cleaned up."""
    values = {name: tuple(record[name]) if kind is list else record[name]
              for name, (kind, _) in file_fields(model).items() if name in record}
    return model(story_id=story.id, **{**values, **cleaned})


def story_folders(root: Path) -> list[Path]:
    # Hidden folders are editors' and tools' work in progress (a draft being written).
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / STORY_FILE).exists())


def load_factbase(
    root: str | Path, skip: Collection[str] = (), only: Collection[str] | None = None
) -> tuple[FactBase, list[Problem]]:
    """Load every story under root, but those named in skip (stories known unchanged), or
    only those named in `only`. Returns what could be loaded and every problem found."""

    root = Path(root)
    out = ProblemCollector(root)
    base = FactBase()
    if not root.is_dir():
        out.error(root, "", "the facts folder does not exist")
        return base, out.problems
    base.synonyms = _load_synonyms(root, out)
    folders = story_folders(root)
    if not folders:
        out.error(root, "", f"no story folders (a folder holding {STORY_FILE}) found")
    entity_files: dict[tuple[str, str], Path] = {}
    fact_files: dict[str, Path] = {}
    event_files: dict[tuple[str, str], Path] = {}
    for folder in folders:
        if folder.name in skip or (only is not None and folder.name not in only):
            continue
        story = _load_story(folder, out)
        if story is None:
            continue
        base.stories[story.id] = story
        for entity in _load_entities(folder, story, out):
            path = folder / ENTITIES_FILE
            key = (story.id, entity.id)
            if key in base.entities:
                out.error(path, out.where(path, entity.id, 0),
                          f"duplicate entity id {entity.id!r}; give each entity its own id")
                continue
            base.entities[key] = entity
            entity_files[key] = path
        for fact in _load_facts(folder, story, out):
            path = folder / FACTS_FILE
            if fact.id in base.facts:
                out.error(path, out.where(path, fact.id, 0),
                          f"duplicate fact id {fact.id!r} (also in "
                          f"{out.rel(fact_files[fact.id])}); fact ids are shared by all "
                          "stories, give each fact its own id")
                continue
            base.facts[fact.id] = fact
            fact_files[fact.id] = path
        for event in _load_events(folder, story, out):
            path = folder / TIMELINE_FILE
            key = (story.id, event.id)
            if key in event_files:
                out.error(path, out.where(path, event.id, 0),
                          f"duplicate event id {event.id!r}")
                continue
            base.events.append(event)
            event_files[key] = path
    base.events.sort(key=timeline_order)  # stable: each story's own order within a day
    cross_check(base, out, entity_files, fact_files, event_files)
    return base, out.problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)
