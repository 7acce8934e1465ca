"""Turns an article into a draft story folder that a curator edits instead of starting empty.

The draft holds one fact per sentence (its quote an exact span of the article, so
`storybot check` accepts it), the names the article keeps using as candidate entities,
who is quoted, and the dates the text mentions pinned to the calendar. Every fact is
marked `draft = true`: the index leaves it out until a curator has reviewed it.

Fact ids are shared by all stories, so a draft avoids the ones other stories use; an
entity id names the same person or body in every story, so a name another story already
has keeps that story's id (see ExistingNames).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.drafting.dates import FoundDate, find_dates
from bot.drafting.names import Candidate, Mention, find_candidates, name_key
from bot.drafting.sentences import Sentence, by_sentence, split_sentences
from bot.drafting.speakers import Attribution, find_speakers
from bot.factbase.loader import (
    ENTITIES_FILE,
    FACTS_FILE,
    ID_PATTERN,
    MAX_FACT_ID,
    STORY_FILE,
)
from bot.factbase.models import FactBase
from bot.factbase.toml_write import toml_list, toml_string

ARTICLE_FILE = "article.txt"
# Leaves room in a fact id for "-s123" and a few words within MAX_FACT_ID.
MAX_STORY_ID = 60
FACT_ID_WORDS = 4
MAX_TITLE_CHARS = 200
MIN_FACT_WORDS = 2  # "Berg disagreed." is a fact; "Share" is not
UNKNOWN_OUTLET = "Unknown outlet"
UNKNOWN_AUTHOR = "Unknown"

_BOILERPLATE = re.compile(
    r"^(?:comments are closed|more (?:in|from|on|stories)\b|read more|related\b|see also|"
    r"share (?:this|on)|advertisement|subscribe|sign up|click here|follow us|copyright|©|"
    r"all rights reserved|photo:|image:|caption:|credit:)", re.I)
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&)){0,6})\s*$")
_CONTRIBUTORS = re.compile(r"^(?:(?:Journalists?|Reporters?|Correspondents?|Staff writers?)\s+)?"
                           r"(?P<names>[A-Z][^.]{1,200}?)\s+contributed to this "
                           r"(?:story|report|article)\.?$")
_ID_STOPWORDS = frozenset("""
    a an the of to in on at for and or but that this with by from as is are was were be been
    has have had it its he she they we i his her their our will would could may also not
""".split())
# Titles that describe a job rather than an office: "Journalist" alone names nobody.
_OCCUPATIONS = frozenset({"Journalist", "Reporter", "Correspondent", "Spokesman", "Spokeswoman",
                          "Spokesperson", "Lawmaker", "Mr", "Mrs", "Ms", "Dr", "Professor",
                          "Prof"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class DraftError(ValueError):
    """The article or the options cannot make a draft; the message says what to change."""


@dataclass(frozen=True)
class ExistingNames:
    """What the other stories hold: their fact ids, which must be unique across all stories,
    and their entity names and aliases (by name_key), so that a person another story knows
    keeps that story's entity id (the same id in two stories is the same entity)."""

    fact_ids: frozenset[str] = frozenset()
    entities: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # -> (id, story)

    @classmethod
    def from_factbase(cls, base: FactBase, except_story: str | None = None) -> ExistingNames:
        others = sorted((e for e in base.entities.values() if e.story_id != except_story),
                        key=lambda e: (e.story_id, e.id))
        entities: dict[str, tuple[str, str]] = {}
        for entity in others:  # a name beats an alias: "Trump" the name, not the nickname
            entities.setdefault(name_key(entity.name), (entity.id, entity.story_id))
        for entity in others:
            for alias in entity.aliases:
                entities.setdefault(name_key(alias), (entity.id, entity.story_id))
        return cls(
            fact_ids=frozenset(f.id for f in base.facts.values() if f.story_id != except_story),
            entities=entities,
        )

    def known_as(self, candidate: Candidate) -> tuple[str, str] | None:
        """Another story's entity for this name. A lone surname is not enough: "Smith"
        in another story may be someone else, "Mike Smith" is not."""
        forms = [candidate.name, *(f for f in candidate.written_forms() if " " in f)]
        for form in forms:
            found = self.entities.get(name_key(form))
            if found:
                return found
        return None


@dataclass(frozen=True)
class DraftEntity:
    id: str
    name: str
    kind: str
    mentions: int
    aliases: tuple[str, ...] = ()
    description: str = ""
    forms: tuple[str, ...] = ()        # how the article writes it
    also_in: str | None = None         # another story with an entity of the same id


@dataclass(frozen=True)
class DraftFact:
    id: str
    answer: str
    quote: str
    entities: tuple[str, ...] = ()
    speaker: str | None = None
    speaker_words: str | None = None   # the words that name the speaker
    date: FoundDate | None = None
    other_dates: tuple[FoundDate, ...] = ()


@dataclass
class Draft:
    story_id: str
    title: str
    outlet: str
    author: str
    published: dt.date
    contributors: tuple[str, ...] = ()
    entities: list[DraftEntity] = field(default_factory=list)
    facts: list[DraftFact] = field(default_factory=list)
    dates: list[FoundDate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)            # lines left out as trivial

    def people(self) -> list[DraftEntity]:
        return [e for e in self.entities if e.kind == "person"]

    def quotations(self) -> list[DraftFact]:
        return [f for f in self.facts if f.speaker is not None]


# ---------------------------------------------------------------- reading the input

def article_text(raw: bytes) -> str:
    """The article as `storybot check` will read it: UTF-8 with universal newlines."""
    if b"\x00" in raw:  # no text file holds NUL bytes; images and PDFs do
        raise DraftError("the article looks like a binary file (it holds NUL bytes), "
                         "not plain text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError(f"the article is not UTF-8 text (line {line}); save it as UTF-8") \
            from exc
    if not text.strip():
        raise DraftError("the article is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_story_id(story_id: str) -> None:
    if not ID_PATTERN.match(story_id):
        raise DraftError(f"story id {story_id!r} must be lower-case words joined by hyphens, "
                         "like 'iraq-troops-2020'")
    if len(story_id) > MAX_STORY_ID:
        raise DraftError(f"story id {story_id!r} is {len(story_id)} characters; use at most "
                         f"{MAX_STORY_ID} so that fact ids stay short enough for Discord")


def _first_line(text: str) -> str:
    line = next((line for line in text.splitlines() if line.strip()), "")
    line = " ".join(line.split())
    if len(line) > MAX_TITLE_CHARS:
        line = line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return line


def _byline(text: str) -> str | None:
    for line in text.splitlines()[:15]:
        match = _BYLINE.match(line.strip())
        if match:
            return match["name"]
    return None


def _contributors(sentences: list[Sentence]) -> tuple[str, ...]:
    for sentence in sentences:
        match = _CONTRIBUTORS.match(" ".join(sentence.text.split()))
        if match:
            names = re.split(r",\s*(?:and\s+)?|\s+and\s+", match["names"])
            return tuple(n.strip() for n in names if n.strip())
    return ()


def _is_trivial(sentence: Sentence) -> bool:
    text = " ".join(sentence.text.split())
    words = re.findall(r"\w+", text)
    return (len(words) < MIN_FACT_WORDS or bool(_BOILERPLATE.match(text))
            or bool(_BYLINE.match(text)))


# ---------------------------------------------------------------- ids and names

def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _unique(base: str, taken: set[str] | frozenset[str], also: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken or candidate in also:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _fact_id(story_id: str, number: int, answer: str, used: set[str],
             existing: ExistingNames) -> str:
    words = [w for w in slug(answer).split("-") if w and w not in _ID_STOPWORDS]
    words = words[:FACT_ID_WORDS]
    head = f"{story_id}-s{number:03d}"
    while words and len(f"{head}-{'-'.join(words)}") > MAX_FACT_ID:
        words.pop()
    fact_id = f"{head}-{'-'.join(words)}" if words else head
    return _unique(fact_id, existing.fact_ids, used)


def _unique_titles(candidates: list[Candidate]) -> set[str]:
    holders: dict[str, int] = {}
    for candidate in candidates:
        for title in candidate.titles:
            holders[title] = holders.get(title, 0) + 1
    return {t for t, n in holders.items() if n == 1 and t not in _OCCUPATIONS}


def _alias_options(candidate: Candidate, unique_titles: set[str]) -> list[str]:
    options = [form for form in candidate.written_forms() if form != candidate.name]
    surname = candidate.surname()
    offices = sorted(t for t in candidate.titles if t not in _OCCUPATIONS)
    if surname:
        options += [surname, *(f"{title} {surname}" for title in offices)]
    options += [title for title in offices if title in unique_titles]
    return options


def _description(candidate: Candidate, author: str) -> str:
    if candidate.name == author:
        return "author of the story"
    return "; ".join(sorted(candidate.titles))


def _entity_ids(candidates: list[Candidate], existing: ExistingNames
                ) -> list[tuple[str, str | None]]:
    """Each candidate's id, and the other story that already uses it for the same name."""
    ids: list[tuple[str, str | None]] = []
    used: set[str] = set()
    for candidate in candidates:
        known = existing.known_as(candidate)
        if known and known[0] not in used:
            entity_id, story = known
        else:  # two names of ours for one entity elsewhere: the curator merges them
            entity_id, story = _unique(slug(candidate.name) or "entity", frozenset(), used), None
        used.add(entity_id)
        ids.append((entity_id, story))
    return ids


def _aliases(candidates: list[Candidate], ids: list[str]) -> list[tuple[str, ...]]:
    """Aliases per candidate, none of them another entity's name or alias in this story."""
    owners = {name_key(c.name): entity_id for c, entity_id in zip(candidates, ids, strict=True)}
    unique_titles = _unique_titles(candidates)
    result = []
    for candidate, entity_id in zip(candidates, ids, strict=True):
        kept: list[str] = []
        for alias in _alias_options(candidate, unique_titles):
            key = name_key(alias)
            if key != name_key(candidate.name) and owners.setdefault(key, entity_id) == entity_id \
                    and all(name_key(k) != key for k in kept):
                kept.append(alias)
        result.append(tuple(kept))
    return result


def _entities(candidates: list[Candidate], existing: ExistingNames, author: str
              ) -> list[DraftEntity]:
    ids = _entity_ids(candidates, existing)
    aliases = _aliases(candidates, [entity_id for entity_id, _ in ids])
    return [
        DraftEntity(entity_id, c.name, c.kind, c.mentions, names, _description(c, author),
                    tuple(c.written_forms()), also_in)
        for c, (entity_id, also_in), names in zip(candidates, ids, aliases, strict=True)
    ]


# ---------------------------------------------------------------- facts

def _answer(sentence: Sentence) -> str:
    answer = " ".join(sentence.text.split())
    if answer.endswith((" “", ' "')):  # a quotation mark opened at the very end, left dangling
        answer = answer[:-2]
    return answer


def _fact_entities(mentions: list[Mention], ids: list[str], speaker: str | None
                   ) -> tuple[str, ...]:
    named = [ids[m.candidate] for m in mentions]
    return tuple(dict.fromkeys([*named, *([speaker] if speaker else [])]))


def _facts(story_id: str, sentences: list[Sentence], mentions: list[Mention], ids: list[str],
           speakers: list[Attribution | None], dates: list[FoundDate],
           existing: ExistingNames) -> list[DraftFact]:
    facts: list[DraftFact] = []
    used: set[str] = set()
    mentions_in = by_sentence(sentences, mentions, lambda m: m.start)
    dates_in = by_sentence(sentences, dates, lambda d: d.start)
    for sentence, attribution, named, inside in zip(sentences, speakers, mentions_in, dates_in,
                                                    strict=True):
        if _is_trivial(sentence):
            continue
        answer = _answer(sentence)
        fact_id = _fact_id(story_id, len(facts) + 1, answer, used, existing)
        used.add(fact_id)
        speaker = ids[attribution.speaker] if attribution else None
        facts.append(DraftFact(
            id=fact_id,
            answer=answer,
            quote=sentence.text,
            entities=_fact_entities(named, ids, speaker),
            speaker=speaker,
            speaker_words=attribution.how if attribution else None,
            date=inside[0] if inside else None,
            other_dates=tuple(inside[1:]),
        ))
    return facts


def draft_story(article: str, story_id: str, published: dt.date, *, title: str | None = None,
                outlet: str | None = None, author: str | None = None,
                existing: ExistingNames | None = None) -> Draft:
    """Read the article into a Draft. `article` is the text as article_text() returns it."""
    check_story_id(story_id)
    if not article.strip():
        raise DraftError("the article is empty")
    existing = existing or ExistingNames()
    sentences = split_sentences(article)
    author = (author or "").strip() or _byline(article) or UNKNOWN_AUTHOR
    known_author = author if author != UNKNOWN_AUTHOR else None
    candidates, mentions = find_candidates(article, sentences, known_author)
    entities = _entities(candidates, existing, author)
    ids = [entity.id for entity in entities]
    speakers = find_speakers(sentences, mentions, candidates)
    dates = find_dates(article, published)
    facts = _facts(story_id, sentences, mentions, ids, speakers, dates, existing)
    if not facts:
        raise DraftError("found no sentences in the article to draft facts from")
    return Draft(
        story_id=story_id,
        title=" ".join((title or "").split()) or _first_line(article),
        outlet=" ".join((outlet or "").split()) or UNKNOWN_OUTLET,
        author=author,
        published=published,
        contributors=_contributors(sentences),
        entities=entities,
        facts=facts,
        dates=dates,
        skipped=[" ".join(s.text.split()) for s in sentences if _is_trivial(s)],
    )


# ---------------------------------------------------------------- writing TOML

def _comment(text: str) -> str:
    return "# " + _CONTROL.sub(" ", text)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


STORY_HEADER = """\
# DRAFT story record written by `storybot draft`. Check the title, outlet, author and
# publication date against the article, and list anyone else credited in `contributors`.
"""
ENTITIES_HEADER = """\
# DRAFT entities written by `storybot draft`: the names article.txt keeps using, people
# first, most mentioned first. For each one: check its kind (person | group | organisation
# | place | event | document) and name, write a short description, add the aliases readers
# type (no alias may belong to two entities in any story), and set profile = "<fact id>" to
# the fact that answers "who is X?". Delete what is not worth an entity, and its id from
# the facts that list it.
"""
FACTS_HEADER = """\
# DRAFT facts written by `storybot draft`: one per sentence of article.txt, in order.
# Review each fact: rewrite its answer as one plain sentence that names the people involved
# (no bare "he"), trim the quote to the words that support it (it must stay verbatim, curly
# quotes and all), check entities, speaker and date, split a sentence that holds two
# facts, delete what is not worth a fact, add two to five questions in readers' words, and
# remove draft = true. Draft facts stay out of the index until then; `storybot check` lists
# the ones left to do.
"""


def story_toml(draft: Draft) -> str:
    lines = [STORY_HEADER, "[story]",
             f"id = {toml_string(draft.story_id)}",
             f"title = {toml_string(draft.title)}",
             f"outlet = {toml_string(draft.outlet)}",
             f"author = {toml_string(draft.author)}"]
    if draft.contributors:
        lines.append(f"contributors = {toml_list(draft.contributors)}")
    lines += [f"published = {draft.published.isoformat()}",
              f"article = {toml_string(ARTICLE_FILE)}"]
    return "\n".join(lines) + "\n"


def entities_toml(draft: Draft) -> str:
    lines = [ENTITIES_HEADER]
    for entity in draft.entities:
        written = ", ".join(json.dumps(f, ensure_ascii=False) for f in entity.forms)
        lines.append(_comment(f"mentioned {_times(entity.mentions)}; written {written}"))
        if entity.also_in:
            lines.append(_comment(f"same id as in story {entity.also_in}: keep it if this is "
                                  "the same entity, rename it if not"))
        lines += ["[[entity]]",
                  f"id = {toml_string(entity.id)}",
                  f"name = {toml_string(entity.name)}",
                  f"kind = {toml_string(entity.kind)}"]
        if entity.description:
            lines.append(f"description = {toml_string(entity.description)}")
        if entity.aliases:
            lines.append(f"aliases = {toml_list(entity.aliases)}")
        lines.append("")
    return "\n".join(lines)


def _fact_note(number: int, fact: DraftFact) -> str:
    notes = [f"sentence {number}"]
    if fact.speaker_words:
        notes.append(f"speaker from: {fact.speaker_words}")
    if fact.other_dates:
        notes.append("also dated: " + ", ".join(
            f"{d.text!r} = {d.date.isoformat()} ({d.precision})" for d in fact.other_dates))
    return _comment(" · ".join(notes))


def facts_toml(draft: Draft) -> str:
    lines = [FACTS_HEADER]
    for number, fact in enumerate(draft.facts, 1):
        lines += [_fact_note(number, fact), "[[fact]]",
                  f"id = {toml_string(fact.id)}",
                  "draft = true",
                  f"answer = {toml_string(fact.answer)}",
                  f"quote = {toml_string(fact.quote)}",
                  f"entities = {toml_list(fact.entities)}"]
        if fact.speaker:
            lines.append(f"speaker = {toml_string(fact.speaker)}")
        if fact.date:
            lines += [f"date = {fact.date.date.isoformat()}",
                      f"date_text = {toml_string(fact.date.text)}",
                      f"date_precision = {toml_string(fact.date.precision)}"]
        lines += ["questions = []", ""]
    return "\n".join(lines)


def write_draft(draft: Draft, folder: str | Path, article_bytes: bytes, *,
                replace: bool = False) -> Path:
    """Write the story folder; with replace, an existing folder is swapped for the draft.

    The files are written beside the folder first and moved into place at the end, so a
    failure never leaves a half-written story for `storybot check` to trip over.
    """
    folder = Path(folder)
    if folder.name != draft.story_id:
        raise DraftError(f"the folder {folder.name!r} must be named after the story id "
                         f"{draft.story_id!r}")
    if folder.exists() and not replace:
        raise FileExistsError(f"{folder} already exists")
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkdtemp: its folders are private (0700), a story folder is not.
    staging = folder.parent / f".{folder.name}.draft-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        (staging / ARTICLE_FILE).write_bytes(article_bytes)
        for name, text in ((ENTITIES_FILE, entities_toml(draft)),
                           (FACTS_FILE, facts_toml(draft)), (STORY_FILE, story_toml(draft))):
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
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
    return folder
