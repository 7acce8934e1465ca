"""Questions a reader might ask that a fact answers, made from the fact's own sentence.

Plain shapes only, each from evidence in the sentence: who said it (its speaker), who
did it (the subject before the verb), when (its date), how many (a number before a noun),
who someone is (a name followed by a description). `storybot draft` writes them into a
draft for the curator to keep or delete; they need nothing but the fact's text, its
entities' names and its date wording, so the index could make them for a fact that has
none as well.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUESTIONS = 5
MAX_SUBJECT_WORDS = 7
MAX_REST_WORDS = 12

ASKED_WHO = frozenset({"person", "organisation", "organization", "group"})
_AUXILIARIES = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "could",
                "can", "should", "may", "might", "must")
_PRONOUN_SUBJECTS = {"he": "Who", "she": "Who", "they": "Who", "we": "Who", "i": "Who",
                     "you": "Who", "it": "What"}
# A past verb or an auxiliary right after the subject: "launched", "is". A present verb
# ending in s ("says") is taken only after a name, as "birds" and "cranes" end in s too.
_PRESENT = re.compile(r"^[a-z]+[^s]s$")
_VERB = re.compile(r"^(?:[a-z]+ed|" + "|".join(_AUXILIARIES) + r"|said|told|sent|"
                   r"made|took|gave|won|lost|met|left|led|held|set|paid|sold|bought|began|"
                   r"became|brought|built|chose|fell|found|got|grew|kept|knew|put|ran|saw|"
                   r"spent|spoke|stood|struck|wrote|went|came|cut|hit|let|shut|quit|rose|"
                   r"drew|flew|threw|wore|rang|sank|shot|fought|caught|taught|thought|felt|"
                   r"heard|meant|sought|dealt|hid|froze|broke|woke|drove|rode|ate|forgot|"
                   r"forgave|bore|swore|tore|slid|split|spread|sent|bent|lent|built|dug|hung|"
                   r"struck|stuck|swung|won|withdrew|overtook|undertook|upheld|withheld|"
                   r"say|see|want|need|think|believe|expect|fear|hope|argue|agree|know)$")
# A phrase before the subject: "In a non-binding vote, MPs ordered..." asks about MPs.
_LEADING_PHRASE = re.compile(r"^(?:In|On|At|After|Before|During|Despite|Since|Under|With|"
                             r"Without|For|By|Over|Across|Earlier|Later|Meanwhile|However|"
                             r"Instead|Still|Yet|Now|Then|Also)\b[^,]{0,60},\s+")
_NOT_SUBJECT_END = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "at",
                              "for", "by", "with", "its", "his", "her", "their"})
_ADVERB = re.compile(r"^[a-z]+ly$")
_PEOPLE_NOUN = re.compile(r"(?:ists|ers|ors|ians|people|officials|leaders|lawmakers|residents|"
                          r"voters|workers|police|staff|men|women|mps)$")
_NUMBER = re.compile(r"(?<![\w$£€])(?P<number>\d[\d,.]*(?:\s+(?:million|billion|thousand|"
                     r"hundred))?|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|dozens|hundreds|thousands|millions)\b)\s+(?P<noun>(?:[A-Za-z]"
                     r"[\w-]*\s+){0,2}?[a-z][\w-]*s)\b(?P<of>\s+of\s+[a-z][\w-]*)?")
_MONEY = re.compile(r"[$£€]\s?\d[\d,.]*(?:\s+(?:million|billion|thousand))?")
_APPOSITIVE = "(?P<name>{name}),\\s+(?:the|a|an|who|its|his|her|their)\\b[^,.;]{{3,80}}[,.]"
_CLAUSE_END = re.compile(r"[,;:—–(]|\s[-–]\s|\s(?:and|but|because|after|before|while|"
                         r"which|who|as)\s")


@dataclass(frozen=True)
class Named:
    """An entity the fact is about: its name as readers know it and its kind."""

    name: str
    kind: str
    forms: tuple[str, ...] = ()    # other ways the article writes it

    def written_in(self, text: str) -> bool:
        return any(form and re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)
                   for form in (self.name, *self.forms))


def _question(text: str) -> str:
    text = " ".join(text.split()).rstrip(" ,.;:")
    return text[:1].upper() + text[1:] + "?"


def _clause(words: list[str]) -> list[str]:
    """The words up to the end of the first clause, at most MAX_REST_WORDS."""
    text = " ".join(words)
    end = _CLAUSE_END.search(text)
    if end:
        text = text[: end.start()]
    return text.split()[:MAX_REST_WORDS]


def _without(text: str, phrase: str | None) -> str:
    if not phrase:
        return text
    return re.sub(r"\s*\b(?:on|in|at|since|by|during)?\s*" + re.escape(phrase) + r"\b", "",
                  text, count=1)


def _subject_and_verb(sentence: str, names: frozenset[str] = frozenset()
                      ) -> tuple[list[str], str, list[str]] | None:
    """The sentence's subject, first verb and what follows, when the subject is short and
    starts the sentence: "The conservancy launched a restoration" -> (The conservancy,
    launched, a restoration)."""
    words = re.sub(r"[“”\"]", "", sentence).split()
    for index, word in enumerate(words[: MAX_SUBJECT_WORDS + 1]):
        bare = word.strip(",.;:").lower()
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        # "Pompeo says", "NATO plans": a present verb after a name; the first word's
        # capital is no name ("Rare cranes return").
        is_verb = _VERB.match(bare) or (
            _PRESENT.match(bare) and index and words[index - 1][:1].isupper()
            and (index > 1 or words[0] in names) and following not in _AUXILIARIES)
        if index and is_verb and word == word.lower() and not word.endswith(","):
            subject = words[:index]
            while subject and _ADVERB.match(subject[-1].lower()):
                subject = subject[:-1]
            if not subject or subject[-1].lower() in _NOT_SUBJECT_END:
                return None
            if any(w.endswith(",") for w in subject):
                return None
            return subject, word.strip(",.;:"), words[index + 1 :]
        if word.endswith((",", ";", ":")):
            return None
    return None


def _inside(subject: list[str]) -> str:
    """The subject moved inside a question: "The birds" -> "the birds"."""
    first = subject[0].lower() if subject[0] in ("The", "A", "An") else subject[0]
    return " ".join([first, *subject[1:]])


def _who_or_what(subject: list[str], entities: Sequence[Named]) -> str:
    text = " ".join(subject)
    if text.lower() in _PRONOUN_SUBJECTS:
        return _PRONOUN_SUBJECTS[text.lower()]
    for entity in entities:
        if entity.written_in(text):
            return "Who" if entity.kind in ASKED_WHO else "What"
    # No entity: a name after the first word ("Prime Minister Boris Johnson"), or a noun
    # for people ("Scientists", "farmers"), asks who; the first word's capital says nothing.
    if any(w[:1].isupper() for w in subject[1:]) or any(_PEOPLE_NOUN.search(w.lower())
                                                         for w in subject):
        return "Who"
    return "What"


def _date_phrase(date_text: str, precision: str | None) -> str:
    lowered = date_text.lower()
    if lowered.split()[0] in ("last", "next", "this", "yesterday", "today", "tomorrow",
                              "on", "in", "the"):
        return date_text
    if precision in ("month", "year"):
        return f"in {date_text}"
    return f"on {date_text}"


def suggest_questions(sentence: str, *, entities: Sequence[Named] = (),
                      speaker: Named | None = None, date_text: str | None = None,
                      date_precision: str | None = None,
                      limit: int = MAX_QUESTIONS) -> list[str]:
    """Up to `limit` questions the sentence answers, most specific first, no two alike."""
    sentence = " ".join(sentence.split())
    found: list[str] = []
    undated = _without(sentence, date_text)
    names = frozenset(w for e in entities for form in (e.name, *e.forms) for w in form.split())
    parts = (_subject_and_verb(undated, names)
             or _subject_and_verb(_LEADING_PHRASE.sub("", undated), names))
    if parts:
        subject, verb, rest = parts
        asked = _who_or_what(subject, entities)
        clause = _clause(rest)
        counted = _NUMBER.search(" ".join(subject))
        if counted and clause:
            found.append(_question(f"How many {counted['noun']} {verb} {' '.join(clause)}"))
        elif clause and not (speaker and asked == "Who" and verb in ("said", "says")):
            found.append(_question(f"{asked} {verb} {' '.join(clause)}"))
        if verb in ("was", "were") and clause and clause[0].endswith("ed") and date_text:
            found.append(_question(f"When {verb} {_inside(subject)} {clause[0]}"))
    if speaker is not None:
        others = [e for e in entities if e.name != speaker.name and e.name not in speaker.name]
        about = f" about {others[0].name}" if others else ""
        found.append(_question(f"What did {speaker.name} say{about}"))
    for match in _NUMBER.finditer(sentence):
        noun = match["noun"] + (match["of"] or "")
        if not re.search(r"\b(?:years?|days?|weeks?|months?|decades?|times)\b", noun):
            found.append(_question(f"How many {noun}"))
    if _MONEY.search(sentence) and parts:
        found.append(_question(f"How much {_money_subject(sentence, parts)}"))
    if date_text:
        found.append(_question(f"What happened {_date_phrase(date_text, date_precision)}"))
    for entity in entities:
        if entity.kind == "person" and re.search(_APPOSITIVE.format(name=re.escape(
                entity.name)), sentence):
            found.append(_question(f"Who is {entity.name}"))
    if not found and entities:  # every fact gets at least one: what it says of its subject
        found.append(_question(f"What about {entities[0].name}"))
    unique = list(dict.fromkeys(found))
    return unique[:limit]


def _money_subject(sentence: str, parts: tuple[list[str], str, list[str]]) -> str:
    """ "How much" asks about what the sum pays for: "a $12 million restoration" asks
    "How much is the restoration"; without a noun after the sum, the subject's action."""
    after = re.search(_MONEY.pattern + r"\s+(?P<noun>[a-z][\w-]*)", sentence)
    if after and after["noun"] not in ("in", "to", "for", "of", "and", "from", "a"):
        return f"is the {after['noun']}"
    subject, verb, _ = parts
    return f"money {verb} {' '.join(subject)}".replace(" The ", " the ")
