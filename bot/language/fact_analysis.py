"""What the scorer needs to know about one fact, worked out once when the index is built.

A fact is analysed with its own story's analyzer, so the result depends only on that story
and the shared synonyms: a story that did not change keeps its analysis across rebuilds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.factbase.models import Fact
from bot.language.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from bot.language.lexicon import (
    AGE_DECADES,
    COUNT_WORDS,
    DURATION_UNITS,
    LEADER,
    LEADERSHIP_WORDS,
    LENGTH_UNITS,
    MONTHS,
    TIME_WORDS,
    TIMES_OF_DAY,
    WEEKDAYS,
)
from bot.language.question_kinds import (
    ENTITY_KIND_OF_NOUN,
    HAS_DATE,
    HAS_NUMBER,
    SPEAKS_OF_FUTURE,
    STATES_AGE,
    STATES_DATE,
    STATES_DURATION,
    STATES_TIME_OF_DAY,
    Trait,
)
from bot.language.tense import speaks_of_future
from bot.language.text import YEAR_DIGITS

ACTORS = frozenset({"person", "group", "organisation"})

# "one" is as often a pronoun ("rather than forcing one") as a count.
_NUMBER = re.compile(rf"\d|\b(?:{'|'.join(w for w in COUNT_WORDS if w != 'one')})\b", re.I)
_MONTHS = "|".join(MONTHS)
# Dates are not counts: "10 January 2020" must not answer "how many ...?".
_DATE_EXPRESSION = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|\b{YEAR_DIGITS}\b", re.I)
_TIME_EXPRESSION = re.compile(
    rf"\b(?:{_MONTHS}|{'|'.join(WEEKDAYS)}|{'|'.join(TIME_WORDS)}|{YEAR_DIGITS})\b", re.I)
_YEAR = re.compile(rf"^{YEAR_DIGITS}$")
# Where a sentence breaks into clauses a question may ask about alone.
_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s(?:and|but|because|after|before|while|which|who|"
                           r"as|when|where|whose|although|though|since|until)\s", re.I)
# "a 52-year-old man", "aged 70", "in their seventies", "Marta Fennick, 58, said".
_AGE = re.compile(rf"\b[\w-]+[- ]years?[- ]olds?\b|\baged? \d{{1,3}}\b|"
                  rf"\bin (?:his|her|their) (?:early |mid-|late )?(?:{'|'.join(AGE_DECADES)})\b|"
                  r"\b[A-Z][\w'-]+, \d{1,3},")
# "nine days", "a three-week search", "for 18 months", "57 kilometres", "2 centimetres long".
_UNITS = "|".join((*DURATION_UNITS, *LENGTH_UNITS))
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|{'|'.join(COUNT_WORDS)}|half an?)[- ](?:{_UNITS})s?\b", re.I)
_TIME_OF_DAY = re.compile(rf"\b(?:{'|'.join(TIMES_OF_DAY)}|"
                          r"\d{1,2}(?::\d\d)?\s*(?:a\.?m|p\.?m)\b|o'clock)", re.I)


@dataclass(frozen=True)
class FactTerms:
    terms: tuple[str, ...]  # everything the fact can be found by
    text_terms: tuple[str, ...]  # from the answer and quote alone: what the fact itself says
    # Each curated question's terms, "?who" included; then the answer's; then the last
    # `generated` are question forms the index wrote itself (generated_phrasings).
    phrasings: tuple[tuple[str, ...], ...]
    question_words: tuple[str, ...]
    flags: int  # the stored traits it has (question_kinds.STORED_TRAITS), one bit each
    entity_kinds: tuple[str, ...]
    actors: tuple[tuple[str, str], ...]  # (entity id, kind) its answer names
    words: frozenset[str] = frozenset()  # what a reader may type that it knows, for typos
    generated: int = 0  # how many of the phrasings, at the end, the index wrote itself

    def has(self, trait: Trait) -> bool:
        """Whether it has a stored trait."""
        return bool(self.flags & trait.flag)


def analyze_fact(
    fact: Fact, analyzer: Analyzer, entity_kind: Callable[[str], str | None],
    roles: Sequence[tuple[str, str]] = (),
) -> FactTerms:
    """The terms and traits of a fact, read with its story's analyzer. `roles`: (entity id,
    description) of the people whose profile the fact is: "who is the chief executive of
    Veldrail?" asks for the profile of the person the curator describes so."""
    def analyze(text: str) -> Analysis:
        return analyzer.analyze(text, correct_typos=False)

    answer = analyze(fact.answer)
    quote = analyze(fact.quote)
    words = {*answer.tokens, *quote.tokens}
    text_terms = {*answer.expanded_terms, *quote.expanded_terms}
    if fact.date_text:
        text_terms.update(analyze(fact.date_text).expanded_terms)
    terms = set(text_terms)
    involved = [*fact.entities, *([fact.speaker] if fact.speaker else [])]
    terms.update(ENTITY_PREFIX + e for e in involved)
    phrasings = []
    question_words = []
    for question in fact.questions:
        analysis = analyze(question)
        words.update(analysis.tokens)
        terms.update(analysis.expanded_terms)
        phrase_terms = set(analysis.terms)
        if analysis.question_word:
            question_words.append(analysis.question_word)
            phrase_terms.add("?" + analysis.question_word)
        phrasings.append(tuple(sorted(phrase_terms)))
    # The answer itself is one more way of saying what the fact is about.
    phrasings.append(tuple(sorted(set(answer.expanded_terms))))
    role_phrasings = []
    for entity_id, description in roles:
        role = analyze(description)
        role_terms = set(role.expanded_terms)
        if LEADERSHIP_WORDS & set(role.words):  # "president of X" heads X
            role_terms.update(analyze(LEADER).expanded_terms)
        terms.update(role_terms)
        terms.add(ENTITY_PREFIX + entity_id)
        role_phrasings.append(tuple(sorted({*role_terms, "?who"})))
    kinds = {e: entity_kind(e) for e in involved}
    named_kinds = {*kinds.values(), *(entity_kind(e) for e in (*answer.entities,
                                                               *quote.entities))}
    for noun, kind in ENTITY_KIND_OF_NOUN.items():
        if kind in named_kinds:
            terms.update(analyze(noun).expanded_terms)
    actors = sorted({(e, kinds.get(e) or entity_kind(e) or "") for e in answer.entities})
    dated = analyze(fact.date_text).terms if fact.date_text else []
    generated = [p for p in generated_phrasings(
        answer.terms, quote.terms, frozenset(terms), dated=dated,
        kinds={e: kinds.get(e) or entity_kind(e) or "" for e in answer.entities},
        speaker=fact.speaker, traits=stored_traits(fact),
        clauses=[analyze(c).terms for c in _CLAUSE_BREAK.split(fact.answer) if c.strip()])
        if p not in phrasings]
    generated = list(dict.fromkeys(
        [*(p for p in role_phrasings if p not in phrasings), *generated]))
    phrasings.extend(generated)
    return FactTerms(
        terms=tuple(sorted(terms)),
        text_terms=tuple(sorted(text_terms)),
        phrasings=tuple(phrasings),
        question_words=tuple(sorted(set(question_words))),
        flags=_flags(fact),
        entity_kinds=tuple(sorted({k for k in kinds.values() if k})),
        actors=tuple((e, kind) for e, kind in actors if kind in ACTORS),
        words=frozenset(words),
        generated=len(generated),
    )


def generated_phrasings(answer: list[str], quote: list[str], held: frozenset[str], *,
                        dated: list[str], kinds: dict[str, str], speaker: str | None,
                        traits: dict[Trait, bool], clauses: list[list[str]] = ()
                        ) -> list[tuple[str, ...]]:
    """Question forms a fact answers, written from what it says: the answer's terms less
    what a question of each kind asks for, with that kind's question word ("?when" and the
    answer without its date; "?who" without the people it names; "?where" without its
    places; "?how many" without its numbers), and its quote as its speaker's words. In an
    answer of several clauses (`clauses`, each one's terms), also the clause that holds
    what is asked, less it: "how many" of "the roughly 5,000 US troops in Iraq", not of the
    whole sentence. Only terms the fact holds, so they add wording, never evidence the
    fact lacks."""
    content = [t for t in dict.fromkeys(answer) if t in held]
    actors = {ENTITY_PREFIX + e for e, kind in kinds.items() if kind in ACTORS}
    places = {ENTITY_PREFIX + e for e, kind in kinds.items() if kind == "place"}
    numbers = {t for t in content if any(c.isdigit() for c in t)}
    forms: list[tuple[str, set[str]]] = [("what", set())]
    if actors:
        forms.append(("who", actors))
    if traits[HAS_DATE]:
        forms.append(("when", set(dated) | {t for t in numbers if _YEAR.match(t)}))
    if places:
        forms.append(("where", places))
    if traits[HAS_NUMBER]:
        forms.append(("how many", {t for t in numbers if not _YEAR.match(t)}))
    found = []
    for kind, asked in forms:
        rest = [t for t in content if t not in asked]
        if rest:
            found.append(tuple(sorted({*rest, "?" + kind})))
        for clause in clauses if len(clauses) > 1 and asked else ():
            if asked.isdisjoint(clause):
                continue
            rest = [t for t in clause if t in held and t not in asked]
            if rest:
                found.append(tuple(sorted({*rest, "?" + kind})))
    said = [t for t in dict.fromkeys(quote) if t in held]
    if speaker and said:
        who = ENTITY_PREFIX + speaker
        found.append(tuple(sorted({*said, "?what", *([who] if who in held else [])})))
    return found


def stored_traits(fact: Fact) -> dict[Trait, bool]:
    """Whether a fact's wording shows each trait the index stores."""
    # An age or a duration ("a 52-year-old", "for nine days") says how long, not when.
    undated = _DURATION.sub(" ", _AGE.sub(" ", fact.answer))
    states_date = bool(_TIME_EXPRESSION.search(undated))
    return {
        HAS_DATE: fact.date is not None or states_date,
        STATES_DATE: states_date,
        STATES_TIME_OF_DAY: bool(_TIME_OF_DAY.search(fact.answer)),
        SPEAKS_OF_FUTURE: speaks_of_future(f"{fact.answer} {fact.quote}"),
        # a date or an age is no count, size or sum
        HAS_NUMBER: bool(_NUMBER.search(_AGE.sub(" ", _DATE_EXPRESSION.sub(" ", fact.answer)))),
        STATES_AGE: bool(_AGE.search(fact.answer)),
        STATES_DURATION: bool(_DURATION.search(_AGE.sub(" ", fact.answer))),
    }


def _flags(fact: Fact) -> int:
    flags = 0
    for trait, shown in stored_traits(fact).items():
        if shown:
            flags |= trait.flag
    return flags
