"""Turns an article into a draft story folder that a curator edits instead of starting empty.

The draft holds one fact per sentence, or per fact a sentence clearly states (see
splits.py), its quote an exact span of the article (so
`storybot check` accepts it), the names the article keeps using as candidate entities,
who is quoted, and the dates the text mentions pinned to the calendar. Every fact is
marked `draft = true`: the index leaves it out until a curator has reviewed it.

Fact ids are shared by all stories, so a draft avoids the ones other stories use; an
entity id names the same person or body in every story, so a name another story already
has keeps that story's id (see ExistingNames).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.drafting.dates import FoundDate, find_dates
from bot.drafting.lexicon import COURTESY_TITLES, ID_STOPWORDS, OCCUPATION_TITLES, TITLE_WORDS
from bot.drafting.names import Candidate, Mention, find_candidates, name_key
from bot.drafting.sentences import (
    Sentence,
    by_sentence,
    join_quotations,
    split_clauses,
    split_sentences,
)
from bot.drafting.speakers import Attribution, find_speakers
from bot.drafting.splits import Part, split_facts
from bot.factbase.loader import (
    ID_PATTERN,
)
from bot.factbase.models import FactBase
from bot.language.suggested_questions import Named, suggest_questions

ARTICLE_FILE = "article.txt"
# Leaves room in a fact id for "-s123" and a few words within MAX_FACT_ID.
MAX_STORY_ID = 60
FACT_ID_WORDS = 4
ID_TAG_CHARS = 12          # the story id's first word, in each of its fact ids
MAX_DRAFT_FACT_ID = 40     # a curator reads and types them
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
# Titles that describe a job rather than an office: "Journalist" alone names nobody.
_OCCUPATIONS = frozenset(OCCUPATION_TITLES)
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
    kind_because: str = ""             # the article's words that show the kind


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
    questions: tuple[str, ...] = ()    # suggested, for the curator to keep or delete
    start: int = -1                    # where the quote starts in the article

    def dates(self) -> tuple[FoundDate, ...]:
        return (self.date, *self.other_dates) if self.date else ()


@dataclass(frozen=True)
class DraftEvent:
    id: str
    date: FoundDate          # the first wording of the date, for date_text
    title: str
    facts: tuple[str, ...]


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
    timeline: list[DraftEvent] = field(default_factory=list)
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
        text = raw.decode("utf-8-sig")  # a byte-order mark is no part of the title
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


def _unique(base: str, taken: set[str] | frozenset[str], also: set[str],
            tried: dict[str, int] | None = None) -> str:
    """base, or base-2, base-3...: the first in neither set. `tried` remembers the last
    number per base, so that a thousand alike stay linear."""
    number = tried.get(base, 1) if tried is not None else 1
    candidate = base if number == 1 else f"{base}-{number}"
    while candidate in taken or candidate in also:
        number += 1
        candidate = f"{base}-{number}"
    if tried is not None:
        tried[base] = number
    return candidate


def _fact_id(story_id: str, answer: str, used: set[str], existing: ExistingNames,
             tried: dict[str, int]) -> str:
    """A short id: the story's first word and the answer's first content words
    ("iraq-pompeo-rejects-withdrawal"); a number only when two would be the same."""
    head = story_id.split("-")[0][:ID_TAG_CHARS]
    words = [w for w in slug(answer).split("-") if w and w not in ID_STOPWORDS]
    words = words[:FACT_ID_WORDS]
    while words and len(f"{head}-{'-'.join(words)}") > MAX_DRAFT_FACT_ID:
        words.pop()
    fact_id = f"{head}-{'-'.join(words)}" if words else f"{head}-fact"
    return _unique(fact_id, existing.fact_ids, used, tried)


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
    # An office of several words names its one holder ("Secretary of State"); a bare
    # "President" or "Rep" is no name a reader would type for one person.
    options += [title for title in offices if title in unique_titles and " " in title]
    return options


def _description(candidate: Candidate, author: str) -> str:
    """The article's own description ("the conservancy's president and CEO"), else the
    titles it gives, written out ("Rep" is "Representative"); never a bare courtesy."""
    if candidate.name == author:
        return "author of the story"
    if candidate.descriptions:
        return candidate.descriptions[0]
    titles = {TITLE_WORDS.get(t.rstrip("."), t.rstrip(".")) for t in candidate.titles}
    return "; ".join(sorted(t for t in titles if t not in COURTESY_TITLES
                            and t not in _OCCUPATIONS))


def _kind_because(candidate: Candidate) -> str:
    if candidate.evidence:
        return candidate.evidence[0]
    titled = sorted(t for t in candidate.titles if t not in _OCCUPATIONS)
    return f"titled {titled[0]}" if titled and candidate.kind == "person" else ""


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
                    tuple(c.written_forms()), also_in, _kind_because(c))
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


def _questions(sentence: Sentence, answer: str, named: tuple[str, ...],
               entities: Mapping[str, DraftEntity], speaker: str | None,
               date: FoundDate | None) -> tuple[str, ...]:
    def as_named(entity_id: str) -> Named:
        entity = entities[entity_id]
        return Named(entity.name, entity.kind, entity.forms)

    return tuple(suggest_questions(
        answer, entities=[as_named(e) for e in named],
        speaker=as_named(speaker) if speaker else None,
        date_text=date.text if date else None, date_precision=date.precision if date else None))


def _facts(story_id: str, sentences: list[Sentence], mentions: list[Mention],
           entities: list[DraftEntity], speakers: list[Attribution | None],
           dates: list[FoundDate], existing: ExistingNames) -> list[DraftFact]:
    facts: list[DraftFact] = []
    used: set[str] = set()
    tried: dict[str, int] = {}
    ids = [entity.id for entity in entities]
    by_id = {entity.id: entity for entity in entities}
    mentions_in = by_sentence(sentences, mentions, lambda m: m.start)
    dates_in = by_sentence(sentences, dates, lambda d: d.start)
    names = frozenset(entity.name for entity in entities)
    for sentence, attribution, named, inside in zip(sentences, speakers, mentions_in, dates_in,
                                                    strict=True):
        if _is_trivial(sentence):
            continue
        speaker = ids[attribution.speaker] if attribution else None
        # A quoted speaker's sentence stays whole: each part would need the attribution.
        parts = ([Part(0, len(sentence.text), "")] if attribution
                 else split_facts(sentence, named, names))
        for part in parts:
            start, end = sentence.start + part.start, sentence.start + part.end
            answer = part.answer or _answer(sentence)
            fact_id = _fact_id(story_id, answer, used, existing, tried)
            used.add(fact_id)
            fact_entities = _fact_entities([m for m in named if start <= m.start < end],
                                           ids, speaker)
            dated = [d for d in inside if start <= d.start < end]
            date = dated[0] if dated else None
            facts.append(DraftFact(
                id=fact_id,
                answer=answer,
                quote=sentence.text[part.start : part.end],
                entities=fact_entities,
                speaker=speaker,
                speaker_words=attribution.how if attribution else None,
                date=date,
                other_dates=tuple(dated[1:]),
                questions=_questions(sentence, answer, fact_entities, by_id, speaker, date),
                start=start,
            ))
    return facts


def _timeline(story_id: str, facts: list[DraftFact]) -> list[DraftEvent]:
    """One event per date the facts give, earliest first, tied to every fact giving it."""
    on: dict[tuple[dt.date, str], list[tuple[DraftFact, FoundDate]]] = {}
    for fact in facts:
        for found in fact.dates():
            on.setdefault((found.date, found.precision), []).append((fact, found))
    events = []
    used: set[str] = set()
    for (day, precision), dated in sorted(on.items(), key=lambda item: item[0][0]):
        first_fact, wording = dated[0]
        event_id = _unique(f"{story_id.split('-')[0][:ID_TAG_CHARS]}-{day.isoformat()}"
                           + ("" if precision == "day" else f"-{precision}"), frozenset(), used)
        used.add(event_id)
        events.append(DraftEvent(event_id, wording, first_fact.answer,
                                 tuple(dict.fromkeys(f.id for f, _ in dated))))
    return events


def draft_story(article: str, story_id: str, published: dt.date, *, title: str | None = None,
                outlet: str | None = None, author: str | None = None,
                existing: ExistingNames | None = None) -> Draft:
    """Read the article into a Draft. `article` is the text as article_text() returns it."""
    check_story_id(story_id)
    if not article.strip():
        raise DraftError("the article is empty")
    existing = existing or ExistingNames()
    sentences = split_clauses(article, join_quotations(article, split_sentences(article)))
    author = (author or "").strip() or _byline(article) or UNKNOWN_AUTHOR
    known_author = author if author != UNKNOWN_AUTHOR else None
    candidates, mentions = find_candidates(article, sentences, known_author)
    entities = _entities(candidates, existing, author)
    speakers = find_speakers(sentences, mentions, candidates)
    dates = find_dates(article, published)
    facts = _facts(story_id, sentences, mentions, entities, speakers, dates, existing)
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
        timeline=_timeline(story_id, facts),
        skipped=[" ".join(s.text.split()) for s in sentences if _is_trivial(s)],
    )
