"""Writing a Draft as a story folder: the TOML files a curator edits, with notes for them.

Every file starts with what to check; every record carries, as a comment, where the
draft found it, so that the curator judges each guess from the article's own words.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
from pathlib import Path

from bot.drafting.story import ARTICLE_FILE, Draft, DraftEntity, DraftError, DraftFact
from bot.factbase.loader import ENTITIES_FILE, FACTS_FILE, STORY_FILE
from bot.factbase.toml_write import toml_record

TIMELINE_FILE = "timeline.toml"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

STORY_HEADER = """\
# DRAFT story record written by `storybot draft`. Check the title, outlet, author and
# publication date against the article, and list anyone else credited in `contributors`.
"""
ENTITIES_HEADER = """\
# DRAFT entities written by `storybot draft`: the names article.txt keeps using, people
# first, most mentioned first. For each one: check its kind (person, organisation, group,
# place, event, document, or any word that says what it is: species, topic...) and name,
# write a short description, add the aliases readers type (no alias may belong to two
# entities in any story), and set profile = "<fact id>" to the fact that answers "who is
# X?". Delete what is not worth an entity, and its id from the facts that list it.
"""
FACTS_HEADER = """\
# DRAFT facts written by `storybot draft`: one per fact a sentence of article.txt states, in order.
# Review each fact: rewrite its answer as one plain sentence that names the people involved
# (no bare "he"), trim the quote to the words that support it (it must stay verbatim, curly
# quotes and all), check entities, speaker and date, split a sentence that still holds two
# facts, delete what is not worth a fact, keep the suggested questions that a reader would
# ask and add others in readers' words, and remove draft = true. Draft facts stay out of
# the index until then; `storybot check` lists the ones left to do.
"""
TIMELINE_HEADER = """\
# DRAFT timeline written by `storybot draft`: one event for each date the article gives,
# in date order, tied to the facts that mention it. Keep the events a reader would ask
# "when" about, give each a title, and delete dates that are no event (an age, a
# comparison with the past, the end of a promise).
"""


def _comment(text: str) -> str:
    return "# " + _CONTROL.sub(" ", text)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def story_toml(draft: Draft) -> str:
    return "\n".join([STORY_HEADER, *toml_record("story", [
        ("id", draft.story_id), ("title", draft.title), ("outlet", draft.outlet),
        ("author", draft.author), ("contributors", draft.contributors or None),
        ("published", draft.published), ("article", ARTICLE_FILE),
    ], array=False)]) + "\n"


def entity_lines(entity: DraftEntity) -> list[str]:
    """One drafted entity's record, with notes on how the article writes it."""
    written = ", ".join(json.dumps(f, ensure_ascii=False) for f in entity.forms)
    lines = [_comment(f"mentioned {_times(entity.mentions)}; written {written}")]
    if entity.kind_because:
        lines.append(_comment(f"{entity.kind} because: {entity.kind_because}"))
    if entity.also_in:
        lines.append(_comment(f"same id as in story {entity.also_in}: keep it if this is "
                              "the same entity, rename it if not"))
    return [*lines, *toml_record("entity", [
        ("id", entity.id), ("name", entity.name), ("kind", entity.kind),
        ("description", entity.description or None), ("aliases", entity.aliases or None),
    ]), ""]


def entities_toml(draft: Draft) -> str:
    lines = [ENTITIES_HEADER]
    for entity in draft.entities:
        lines += entity_lines(entity)
    return "\n".join(lines)


def _fact_note(number: int, fact: DraftFact) -> str:
    notes = [f"sentence {number}"]
    if fact.speaker_words:
        notes.append(f"speaker from: {fact.speaker_words}")
    if fact.other_dates:
        notes.append("also dated: " + ", ".join(
            f"{d.text!r} = {d.date.isoformat()} ({d.precision})" for d in fact.other_dates))
    return _comment(" · ".join(notes))


def fact_lines(number: int, fact: DraftFact) -> list[str]:
    """One draft fact's record, with its note and its suggested questions."""
    date = fact.date
    return [_fact_note(number, fact), *toml_record("fact", [
        ("id", fact.id), ("draft", True), ("answer", fact.answer), ("quote", fact.quote),
        ("entities", fact.entities), ("speaker", fact.speaker),
        ("date", date.date if date else None), ("date_text", date.text if date else None),
        ("date_precision", date.precision if date else None),
        ("questions", fact.questions),
    ], one_per_line=["questions"]), ""]


def facts_toml(draft: Draft) -> str:
    lines = [FACTS_HEADER]
    for number, fact in enumerate(draft.facts, 1):
        lines += fact_lines(number, fact)
    return "\n".join(lines)


def timeline_toml(draft: Draft) -> str:
    lines = [TIMELINE_HEADER]
    for event in draft.timeline:
        lines += [_comment(f"the article says {event.date.text!r}"), *toml_record("event", [
            ("id", event.id), ("date", event.date.date), ("date_text", event.date.text),
            ("date_precision", event.date.precision), ("title", event.title),
            ("facts", event.facts),
        ]), ""]
    return "\n".join(lines)


def draft_files(draft: Draft) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {ENTITIES_FILE: entities_toml(draft),
                                     FACTS_FILE: facts_toml(draft),
                                     STORY_FILE: story_toml(draft)}
    if draft.timeline:
        files[TIMELINE_FILE] = timeline_toml(draft)
    return files


def write_folder(folder: Path, files: dict[str, str | bytes], article_bytes: bytes) -> None:
    """Write the story folder whole: the files go beside it first and are moved into
    place at the end, so a failure never leaves a half-written story for `storybot
    check` to trip over. An existing folder is replaced."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkdtemp: its folders are private (0700), a story folder is not.
    staging = folder.parent / f".{folder.name}.draft-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        (staging / ARTICLE_FILE).write_bytes(article_bytes)
        for name, content in files.items():
            if isinstance(content, bytes):
                (staging / name).write_bytes(content)
            else:
                (staging / name).write_text(content, encoding="utf-8", newline="\n")
        if folder.exists():
            retired = staging.with_name(staging.name + "-old")
            folder.rename(retired)
            staging.rename(folder)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_draft(draft: Draft, folder: str | Path, article_bytes: bytes, *,
                replace: bool = False) -> Path:
    """Write the story folder; with replace, an existing folder is swapped for the draft
    (see redraft.py for keeping a curator's work instead)."""
    folder = Path(folder)
    if folder.name != draft.story_id:
        raise DraftError(f"the folder {folder.name!r} must be named after the story id "
                         f"{draft.story_id!r}")
    if folder.exists() and not replace:
        raise FileExistsError(f"{folder} already exists")
    write_folder(folder, draft_files(draft), article_bytes)
    return folder
