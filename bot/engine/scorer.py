"""Scores every candidate fact for a question.

A fact wins when it covers the question's distinctive words: each question term is
weighted by how rare it is among the facts (IDF), so "NATO" or "sanctions" count for far
more than "Iraq" or "US". Words the fact base has never seen weigh heavily too: a question
about "GDP" or "birthdays" is one the story does not answer, however many other words it
shares with a fact. The curated phrasings of each fact add paraphrase evidence, compared
with rapidfuzz over the analysed terms.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.engine.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from bot.factbase.models import Entity, Fact

_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|"
                     r"hundred|thousand|million|billion|several|numerous)\b", re.I)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
# Dates are not counts: "10 January 2020" must not answer "how many ...?".
_DATE_EXPRESSION = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?|\b(?:19|20)\d\d\b", re.I)
_TIME_EXPRESSION = re.compile(
    rf"\b(?:{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|"
    r"yesterday|tomorrow|week|weeks|month|months|year|years|days|since|ago|"
    r"(?:19|20)\d\d)\b", re.I)
QUESTION_WORD_WEIGHT = 1.0


@dataclass(frozen=True)
class ScoringWeights:
    """How evidence adds up. Calibrated on labelled questions (`storybot calibrate`)."""

    unknown_term_weight: float = 0.9  # a never-seen word, as a share of the rarest term's weight
    phrasing_share: float = 0.5  # how much the best curated phrasing counts beside coverage
    missing_type_penalty: float = 0.55  # multiplier when the fact cannot give the asked kind
    profile_bonus: float = 1.06  # multiplier for the profile fact of an entity the question names


@dataclass
class Phrasing:
    terms: frozenset[str]  # with "?who"-style question-word terms
    text: str  # the terms sorted and joined, for rapidfuzz
    total: float = 0.0  # the terms' summed weight, known once every fact is indexed


@dataclass
class IndexedFact:
    fact: Fact
    terms: frozenset[str]
    text_terms: frozenset[str]  # from the answer and quote alone: what the fact itself says
    phrasings: tuple[Phrasing, ...]
    question_words: frozenset[str]
    has_date: bool
    has_number: bool
    entity_kinds: frozenset[str]


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    coverage: float
    phrasing: float


class FactScorer:
    def __init__(
        self,
        facts: Iterable[Fact],
        entities: dict[str, Entity],
        analyzer: Analyzer,
        weights: ScoringWeights | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.weights = weights or ScoringWeights()
        self.entries: list[IndexedFact] = []
        self.postings: dict[str, list[int]] = {}
        for fact in facts:
            entry = self._index_fact(fact, entities)
            for term in entry.terms:
                self.postings.setdefault(term, []).append(len(self.entries))
            self.entries.append(entry)
        total = max(len(self.entries), 1)
        self.idf = {t: math.log(1 + total / len(ids)) for t, ids in self.postings.items()}
        self.unknown_weight = math.log(1 + total / 0.5) * self.weights.unknown_term_weight
        for entry in self.entries:
            for phrasing in entry.phrasings:
                phrasing.total = sum(self.weight(t) for t in phrasing.terms)

    def _index_fact(self, fact: Fact, entities: dict[str, Entity]) -> IndexedFact:
        analyze = self.analyzer.analyze
        text_terms: set[str] = set()
        for text in (fact.answer, fact.quote, fact.date_text or ""):
            text_terms.update(analyze(text, correct_typos=False, expand_entities=True).terms)
        terms = set(text_terms)
        for text in fact.questions:
            terms.update(analyze(text, correct_typos=False, expand_entities=True).terms)
        involved = [*fact.entities, *([fact.speaker] if fact.speaker else [])]
        terms.update(ENTITY_PREFIX + e for e in involved)
        phrasings = []
        question_words = set()
        for question in fact.questions:
            analysis = analyze(question, correct_typos=False)
            phrase_terms = set(analysis.terms)
            if analysis.question_word:
                question_words.add(analysis.question_word)
                phrase_terms.add("?" + analysis.question_word)
            phrasings.append(Phrasing(frozenset(phrase_terms), " ".join(sorted(phrase_terms))))
        return IndexedFact(
            fact=fact,
            terms=frozenset(terms),
            text_terms=frozenset(text_terms),
            phrasings=tuple(phrasings),
            question_words=frozenset(question_words),
            has_date=fact.date is not None or bool(_TIME_EXPRESSION.search(fact.answer)),
            has_number=bool(_NUMBER.search(_DATE_EXPRESSION.sub(" ", fact.answer))),
            entity_kinds=frozenset(entities[e].kind for e in involved if e in entities),
        )

    def weight(self, term: str) -> float:
        if term.startswith("?"):
            return QUESTION_WORD_WEIGHT
        return self.idf.get(term, self.unknown_weight)

    def _type_factor(self, analysis: Analysis, entry: IndexedFact) -> float:
        """Penalise a fact that cannot give the kind of answer the question asks for."""
        asked = analysis.question_word
        penalty = self.weights.missing_type_penalty
        if asked == "when" and not entry.has_date:
            return penalty
        if asked == "how many" and not entry.has_number:
            return penalty
        if asked is None or asked in entry.question_words:
            return 1.0
        if asked == "where" and "place" not in entry.entity_kinds:
            return penalty
        if asked == "who" and not entry.entity_kinds & {"person", "group", "organisation"}:
            return penalty
        if asked == "why":
            return 0.85
        return 1.0

    def score(
        self, analysis: Analysis, limit: int = 4, preferred: frozenset[str] = frozenset()
    ) -> list[Scored]:
        """The best `limit` facts for an analysed question, best first."""
        terms = list(dict.fromkeys(analysis.terms))
        if not terms:
            return []
        weights = {t: self.weight(t) for t in terms}
        total = sum(weights.values())
        candidates: set[int] = set()
        for term in terms:
            candidates.update(self.postings.get(term, ()))
        if not candidates:
            return []
        question_set = frozenset(terms)
        asked = frozenset({"?" + analysis.question_word} if analysis.question_word else ())
        for term in asked:
            weights[term] = QUESTION_WORD_WEIGHT
        phrase_question = question_set | asked
        phrase_question_total = total + len(asked) * QUESTION_WORD_WEIGHT
        question_string = " ".join(sorted(phrase_question))
        share = self.weights.phrasing_share

        by_coverage = []
        for index in candidates:
            entry = self.entries[index]
            matched = sum(weights[t] for t in question_set & entry.terms)
            said = sum(weights[t] for t in question_set & entry.text_terms)
            by_coverage.append(((matched + said) / (2 * total), index))
        by_coverage.sort(reverse=True)

        results: list[Scored] = []
        floor = -1.0  # the limit-th best score so far
        for coverage, index in by_coverage:
            entry = self.entries[index]
            bonus = self.weights.profile_bonus if entry.fact.id in preferred else 1.0
            # Coverage only falls from here on: stop once even a perfect phrasing can't
            # lift a fact into the results.
            if len(results) >= limit and 100 * ((1 - share) * coverage + share) * max(
                bonus, self.weights.profile_bonus
            ) < floor:
                break
            phrasing = 0.0
            for phrase in entry.phrasings:
                shared_terms = phrase_question & phrase.terms
                if not shared_terms - asked:
                    continue
                shared = sum(weights[t] for t in shared_terms)
                dice = 2 * shared / (phrase_question_total + phrase.total)
                fuzzy = fuzz.token_sort_ratio(question_string, phrase.text) / 100
                phrasing = max(phrasing, 0.75 * dice + 0.25 * fuzzy)
            score = 100 * ((1 - share) * coverage + share * phrasing)
            score *= self._type_factor(analysis, entry) * bonus
            results.append(Scored(entry.fact, round(score, 1), coverage, phrasing))
            if len(results) >= limit:
                results.sort(key=lambda s: (-s.score, -s.phrasing, s.fact.id))
                del results[limit:]
                floor = results[-1].score
        results.sort(key=lambda s: (-s.score, -s.phrasing, s.fact.id))
        return results[:limit]
