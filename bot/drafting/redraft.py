"""Drafting a corrected article over a curated story without losing the curator's work.

`storybot draft --force` on an existing story keeps every curated fact whose quote the
corrected article still holds, flags those whose quote it no longer holds (a comment, and
`draft = true` so the index leaves them out until fixed; `storybot check` names them),
adds draft facts for the article's sentences that no fact quotes, adds the entities those
new facts need, and copies the old folder to a hidden backup beside it first. The
curator's files are edited as text, so their comments and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.drafting.names import name_key
from bot.drafting.story import ARTICLE_FILE, Draft, DraftEntity, DraftError, DraftFact
from bot.drafting.write import TIMELINE_FILE, entity_lines, fact_lines, timeline_toml, write_folder
from bot.factbase.loader import ENTITIES_FILE, FACTS_FILE, STORY_FILE

_FACT_HEADER = re.compile(r"^\[\[fact\]\][ \t]*(?:#.*)?$", re.M)
_DRAFT_KEY = re.compile(r"^draft[ \t]*=[ \t]*(?:true|false)[ \t]*(?:#.*)?$", re.M)


@dataclass(frozen=True)
class Redraft:
    kept: tuple[str, ...]          # curated fact ids whose quote is still in the article
    flagged: tuple[str, ...]       # curated fact ids whose quote no longer is
    added: tuple[DraftFact, ...]   # draft facts for sentences no fact quotes
    added_entities: tuple[DraftEntity, ...]
    backup: Path


def _read(folder: Path, name: str) -> str:
    path = folder / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _records(text: str, table: str, name: str) -> list[dict]:
    try:
        return tomllib.loads(text).get(table, [])
    except tomllib.TOMLDecodeError as exc:
        raise DraftError(f"{name} cannot be read ({exc}); fix it first: nothing was changed"
                         ) from exc


def curated_fact_ids(folder: Path) -> frozenset[str]:
    """The fact ids a story folder holds, read even when the story does not load."""
    records = _records(_read(folder, FACTS_FILE), "fact", FACTS_FILE)
    return frozenset(r["id"] for r in records if isinstance(r.get("id"), str))


def _flag(facts_text: str, records: list[dict], flagged: set[str], when: str) -> str:
    """facts.toml with a note and `draft = true` in each flagged fact's record."""
    headers = list(_FACT_HEADER.finditer(facts_text))
    if len(headers) != len(records):
        raise DraftError(f"{FACTS_FILE} holds facts that are not [[fact]] records at the "
                         "start of a line; cannot mark the changed ones: nothing was changed")
    pieces, position = [], 0
    for index, (header, record) in enumerate(zip(headers, records, strict=True)):
        if record.get("id") not in flagged:
            continue
        end = headers[index + 1].start() if index + 1 < len(headers) else len(facts_text)
        block = facts_text[header.end() : end]
        note = (f"# QUOTE NOT IN THE CORRECTED ARTICLE ({when}): change the quote to the "
                "article's new words, or delete this fact")
        if _DRAFT_KEY.search(block):
            block = _DRAFT_KEY.sub("draft = true", block, count=1)
            insert = f"\n{note}"
        else:
            insert = f"\n{note}\ndraft = true"
        pieces += [facts_text[position : header.end()], insert, block]
        position = end
    pieces.append(facts_text[position:])
    return "".join(pieces)


def _covered(article: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for quote in quotes:
        start = article.find(quote)
        while start >= 0:
            spans.append((start, start + len(quote)))
            start = article.find(quote, start + 1)
    return spans


def _entity_keys(entities: list[dict]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for entity in entities:
        for name in (entity.get("name", ""), *entity.get("aliases", [])):
            if isinstance(name, str) and name:
                keys.setdefault(name_key(name), entity["id"])
    return keys


def _curated_id(entity: DraftEntity, keys: dict[str, str], ids: set[str]) -> str | None:
    if entity.id in ids:
        return entity.id
    for name in (entity.name, *entity.aliases, *entity.forms):
        if name_key(name) in keys:
            return keys[name_key(name)]
    return None


def _new_facts(draft: Draft, article: str, old_article: str, kept_quotes: list[str],
               curated: list[dict]) -> tuple[list[DraftFact], list[DraftEntity]]:
    """Draft facts for the new sentences that no kept fact quotes (a sentence of the old
    article that the curator left unquoted stays so), naming curated entities by their
    curated ids, and the drafted entities they need that the curator does not have."""
    spans = _covered(article, kept_quotes)
    uncovered = [f for f in draft.facts if f.quote not in old_article
                 and not any(s < f.start + len(f.quote) and f.start < e for s, e in spans)]
    keys, ids = _entity_keys(curated), {e["id"] for e in curated}
    renamed = {e.id: _curated_id(e, keys, ids) or e.id for e in draft.entities}
    facts = [replace(f, entities=tuple(dict.fromkeys(renamed[e] for e in f.entities)),
                     speaker=renamed[f.speaker] if f.speaker else None) for f in uncovered]
    needed = {e for f in facts for e in f.entities} - ids
    entities = [replace(e, aliases=tuple(a for a in e.aliases if name_key(a) not in keys))
                for e in draft.entities if e.id in needed and renamed[e.id] == e.id]
    return facts, entities


def _old_article(folder: Path) -> str:
    path = folder / ARTICLE_FILE
    if not path.is_file():
        return ""
    return path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")


def _backup(folder: Path, now: dt.datetime) -> Path:
    backup = folder.parent / f".{folder.name}.backup-{now:%Y%m%d-%H%M%S}"
    number = 2
    while backup.exists():
        backup = folder.parent / f".{folder.name}.backup-{now:%Y%m%d-%H%M%S}-{number}"
        number += 1
    shutil.copytree(folder, backup)
    return backup


def redraft(folder: Path, draft: Draft, article: str, article_bytes: bytes, *,
            now: dt.datetime | None = None) -> Redraft:
    """Bring the curated story in `folder` up to the corrected article (see the module)."""
    now = now or dt.datetime.now()
    when = f"storybot draft --force, {now:%Y-%m-%d %H:%M}"
    facts_text, entities_text = _read(folder, FACTS_FILE), _read(folder, ENTITIES_FILE)
    records = _records(facts_text, "fact", FACTS_FILE)
    curated_entities = _records(entities_text, "entity", ENTITIES_FILE)
    quotes = {r["id"]: r.get("quote", "") for r in records if isinstance(r.get("id"), str)}
    kept = [i for i, q in quotes.items() if isinstance(q, str) and q and q in article]
    flagged = [i for i in quotes if i not in set(kept)]
    old_article = _old_article(folder)
    added, added_entities = _new_facts(draft, article, old_article,
                                       [quotes[i] for i in kept], curated_entities)

    files: dict[str, str | bytes] = {}
    story_text = _read(folder, STORY_FILE)
    if story_text:
        files[STORY_FILE] = story_text
    facts_out = _flag(facts_text, records, set(flagged), now.strftime("%Y-%m-%d"))
    if added:
        facts_out = facts_out.rstrip("\n") + (
            f"\n\n# DRAFT facts added by {when}: sentences of the corrected article that no "
            "fact quotes.\n# Review each one as the header of a new draft says.\n\n")
        for number, fact in enumerate(added, 1):
            facts_out += "\n".join(fact_lines(number, fact)) + "\n"
    files[FACTS_FILE] = facts_out
    entities_out = entities_text
    if added_entities:
        entities_out = entities_text.rstrip("\n") + (
            f"\n\n# DRAFT entities added by {when} for the new draft facts.\n\n")
        for entity in added_entities:
            entities_out += "\n".join(entity_lines(entity)) + "\n"
    files[ENTITIES_FILE] = entities_out
    timeline = _read(folder, TIMELINE_FILE)
    if timeline:
        files[TIMELINE_FILE] = timeline
    else:
        added_ids = {f.id for f in added}
        events = [replace(e, facts=tuple(i for i in e.facts if i in added_ids))
                  for e in draft.timeline]
        events = [e for e in events if e.facts]
        if events:
            files[TIMELINE_FILE] = timeline_toml(replace(draft, timeline=events))

    backup = _backup(folder, now)
    for extra in folder.iterdir():  # other files the curator keeps there stay too
        if extra.is_file() and extra.name not in files and extra.name != ARTICLE_FILE:
            files[extra.name] = extra.read_bytes()
    write_folder(folder, files, article_bytes)
    return Redraft(tuple(kept), tuple(flagged), tuple(added), tuple(added_entities), backup)
