"""Scores every candidate fact for a question.

A fact wins when it covers the question's distinctive words: each question term is
weighted by how rare it is among the facts (IDF), so "NATO" or "sanctions" count for far
more than "Iraq" or "US". Words the fact base has never seen weigh heavily too: a question
about "GDP" or "birthdays" is one the story does not answer, however many other words it
shares with a fact. The curated phrasings of each fact add paraphrase evidence, compared
with rapidfuzz over the analysed terms.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.engine.analyzer import ENTITY_PREFIX, Analysis, Analyzer
from bot.engine.text import GENERIC_WORDS, stem
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
ACTORS = frozenset({"person", "group", "organisation"})
# Verbs that make the question about what someone said or did in reply: the fact must be
# that someone's ("What did Trump say...?" is not answered by Pompeo's words).
SPEECH_WORDS = frozenset(
    "say said says saying tell told claim claimed state stated respond responded response "
    "react reacted reaction reply replied".split()
)
# Questions about what will happen: only a fact that speaks of the future can answer.
FUTURE_WORDS = frozenset("will shall going gonna".split())
_FUTURE_EXPRESSION = re.compile(
    r"\b(?:will|would|may|might|could|plan|plans|planned|coming|next|future|continue|"
    r"going to|expected)\b", re.I)
_TIME_OF_DAY = re.compile(r"\b(?:morning|afternoon|evening|night|noon|midnight|dawn|"
                          r"\d{1,2}(?::\d\d)?\s*(?:a\.?m|p\.?m)\b|o'clock)", re.I)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)


@dataclass(frozen=True)
class ScoringWeights:
    """How evidence adds up. Calibrated on labelled questions (`storybot calibrate`)."""

    unknown_term_weight: float = 0.9  # a never-seen word, as a share of the rarest term's weight
    phrasing_share: float = 0.6  # how much the best curated phrasing counts beside coverage
    missing_type_penalty: float = 0.55  # multiplier when the fact cannot give the asked kind
    date_elsewhere_factor: float = 0.9  # "when?" answered by a fact whose answer omits the date
    profile_bonus: float = 1.06  # multiplier for the profile fact of an entity the question names
    said_share: float = 0.25  # how much of coverage must come from the answer and quote
    conflict_penalty: float = 0.6  # multiplier when the fact contradicts the question's frame
    generic_word_weight: float = 0.2  # share of its weight a generic modifier ("new") keeps
    missing_term_cost: float = 3.0  # how much more a question term the fact lacks counts


@dataclass
class Phrasing:
    terms: frozenset[str]  # with "?who"-style question-word terms
    text: str  # the terms sorted and joined, for rapidfuzz
    total: float = 0.0  # the terms' summed weight, known once every fact is indexed
    fact_index: int = -1


@dataclass
class IndexedFact:
    fact: Fact
    terms: frozenset[str]
    text_terms: frozenset[str]  # from the answer and quote alone: what the fact itself says
    phrasings: tuple[Phrasing, ...]
    question_words: frozenset[str]
    has_date: bool
    states_date: bool  # the answer itself says when, not just the fact's date field
    states_time_of_day: bool
    speaks_of_future: bool
    has_number: bool
    entity_kinds: frozenset[str]
    actors: frozenset[str]  # the people, groups and organisations its answer names


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
        self.entity_kinds = {e.id: e.kind for e in entities.values()}
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
        # Phrasings get an inverted index of their own: a question touches only the
        # phrasings that share a word with it.
        self.phrasings: list[Phrasing] = []
        self.phrase_postings: dict[str, list[int]] = {}
        for index, entry in enumerate(self.entries):
            for phrasing in entry.phrasings:
                phrasing.total = sum(self.weight(t) for t in phrasing.terms)
                phrasing.fact_index = index
                for term in phrasing.terms:
                    if not term.startswith("?"):
                        self.phrase_postings.setdefault(term, []).append(len(self.phrasings))
                self.phrasings.append(phrasing)

    def _index_fact(self, fact: Fact, entities: dict[str, Entity]) -> IndexedFact:
        def analyze(text: str) -> Analysis:
            return self.analyzer.analyze(text, correct_typos=False)

        answer = analyze(fact.answer)
        text_terms = set(answer.expanded_terms)
        for text in (fact.quote, fact.date_text or ""):
            text_terms.update(analyze(text).expanded_terms)
        terms = set(text_terms)
        involved = [*fact.entities, *([fact.speaker] if fact.speaker else [])]
        terms.update(ENTITY_PREFIX + e for e in involved)
        phrasings = []
        question_words = set()
        for question in fact.questions:
            analysis = analyze(question)
            terms.update(analysis.expanded_terms)
            phrase_terms = set(analysis.terms)
            if analysis.question_word:
                question_words.add(analysis.question_word)
                phrase_terms.add("?" + analysis.question_word)
            phrasings.append(Phrasing(frozenset(phrase_terms), " ".join(sorted(phrase_terms))))
        # The answer itself is one more way of saying what the fact is about.
        answer_terms = frozenset(answer.expanded_terms)
        phrasings.append(Phrasing(answer_terms, " ".join(sorted(answer_terms))))
        named_in_answer = answer.entities
        return IndexedFact(
            fact=fact,
            terms=frozenset(terms),
            text_terms=frozenset(text_terms),
            phrasings=tuple(phrasings),
            question_words=frozenset(question_words),
            has_date=fact.date is not None or bool(_TIME_EXPRESSION.search(fact.answer)),
            states_date=bool(_TIME_EXPRESSION.search(fact.answer)),
            states_time_of_day=bool(_TIME_OF_DAY.search(fact.answer)),
            speaks_of_future=bool(_FUTURE_EXPRESSION.search(f"{fact.answer} {fact.quote}")),
            has_number=bool(_NUMBER.search(_DATE_EXPRESSION.sub(" ", fact.answer))),
            entity_kinds=frozenset(entities[e].kind for e in involved if e in entities),
            actors=frozenset(e for e in named_in_answer
                             if e in entities and entities[e].kind in ACTORS),
        )

    def weight(self, term: str) -> float:
        if term.startswith("?"):
            return QUESTION_WORD_WEIGHT
        weight = self.idf.get(term, self.unknown_weight)
        if term in GENERIC_STEMS:
            weight *= self.weights.generic_word_weight
        return weight

    def _frame(self, analysis: Analysis) -> _Frame:
        terms = tuple(dict.fromkeys(analysis.terms))
        weights = {t: self.weight(t) for t in terms}
        asked = frozenset({"?" + analysis.question_word} if analysis.question_word else ())
        for term in asked:
            weights[term] = QUESTION_WORD_WEIGHT
        named = frozenset(analysis.entities)
        speech = bool(SPEECH_WORDS & set(analysis.words))
        total = sum(weights[t] for t in terms)
        phrase_terms = frozenset(terms) | asked
        return _Frame(
            terms=frozenset(terms),
            weights=weights,
            total=total,
            asked=asked,
            phrase_terms=phrase_terms,
            phrase_total=total + len(asked) * QUESTION_WORD_WEIGHT,
            phrase_text=" ".join(sorted(phrase_terms)),
            question_word=analysis.question_word,
            named=named,
            asked_about=frozenset(e for e in named if self.entity_kinds.get(e) in ACTORS)
            if speech else frozenset(),
            future=bool(FUTURE_WORDS & set(analysis.words[:4])),
            clock_time="time" in analysis.words[:4] and analysis.question_word == "when",
            years=frozenset(t for t in terms if _YEAR.match(t)),
            numbers=frozenset(t for t in terms if t.isdigit() and not _YEAR.match(t)),
        )

    def _coverage(self, matched: float, total: float) -> float:
        """Share of the question's weight the fact matches, missing terms counting extra."""
        missing = total - matched
        return matched / (matched + self.weights.missing_term_cost * missing) if matched else 0.0

    def _fact_coverage(self, frame: _Frame, entry: IndexedFact) -> tuple[float, float]:
        """The fact's coverage of the question, and the question weight it matches."""
        weights = frame.weights
        matched = sum(weights[t] for t in frame.terms & entry.terms)
        said = sum(weights[t] for t in frame.terms & entry.text_terms)
        if frame.numbers and entry.has_number:
            # A number the fact does not state ("more than 10,000 troops?") is answered by a
            # fact that states another one: "about 5,000" settles it.
            other_numbers = sum(weights[t] for t in frame.numbers - entry.text_terms)
            matched += other_numbers
            said += other_numbers
        said_share = self.weights.said_share
        coverage = ((1 - said_share) * self._coverage(matched, frame.total)
                    + said_share * self._coverage(said, frame.total))
        return coverage, matched

    def _phrase_dice(self, frame: _Frame) -> dict[int, list[tuple[float, Phrasing]]]:
        """Weighted Dice similarity of the question with every phrasing sharing a topic word
        with it (a shared question word alone does not count), grouped by fact."""
        shared: dict[int, float] = {}
        for term in frame.terms:
            weight = frame.weights[term]
            for phrase_id in self.phrase_postings.get(term, ()):
                shared[phrase_id] = shared.get(phrase_id, 0.0) + weight
        by_fact: dict[int, list[tuple[float, Phrasing]]] = {}
        for phrase_id, weight in shared.items():
            phrase = self.phrasings[phrase_id]
            if frame.asked & phrase.terms:
                weight += QUESTION_WORD_WEIGHT
            dice = 2 * weight / (frame.phrase_total + phrase.total)
            by_fact.setdefault(phrase.fact_index, []).append((dice, phrase))
        return by_fact

    @staticmethod
    def _phrasing_similarity(frame: _Frame, dices: list[tuple[float, Phrasing]]) -> float:
        """How close the question is to the fact's nearest phrasing: Dice over terms, and
        rapidfuzz over their spelling for the few phrasings that could still win."""
        best = 0.0
        for dice, phrase in sorted(dices, key=lambda pair: -pair[0]):
            if 0.75 * dice + 0.25 <= best:  # even identical wording could not beat the best
                break
            fuzzy = fuzz.token_sort_ratio(frame.phrase_text, phrase.text) / 100
            best = max(best, 0.75 * dice + 0.25 * fuzzy)
        return best

    def _type_factor(self, frame: _Frame, entry: IndexedFact) -> float:
        """Penalise a fact that cannot give the kind of answer the question asks for."""
        asked = frame.question_word
        penalty = self.weights.missing_type_penalty
        if asked == "when" and not entry.has_date:
            return penalty
        if asked == "name" and not any(self.entity_kinds.get(e) == "person"
                                       for e in entry.actors - frame.named):
            return penalty  # a name question wants a person the question does not name
        if asked == "when" and not entry.states_date:
            return self.weights.date_elsewhere_factor
        if asked == "how many" and not entry.has_number:
            return penalty
        if asked is None or asked in entry.question_words:
            return 1.0
        if asked == "where" and "place" not in entry.entity_kinds:
            return penalty
        if asked == "who" and not entry.actors - frame.named:
            return penalty  # a "who" question wants someone it does not already name
        if asked == "why":
            return 0.85
        return 1.0

    def _conflict_factor(self, frame: _Frame, entry: IndexedFact) -> float:
        """Penalise a fact that speaks of another year; that tells of the past when asked what
        will happen; that has no time of day for "what time...?"; or that gives the words of
        another than the one the question asks about ("What did Trump say ...?")."""
        penalty = self.weights.conflict_penalty
        if frame.years - entry.terms:
            return penalty
        if frame.future and not entry.speaks_of_future:
            return penalty
        if frame.clock_time and not entry.states_time_of_day:
            return penalty
        if frame.asked_about:
            speakers = {entry.fact.speaker} if entry.fact.speaker else set(entry.actors)
            if speakers and not frame.asked_about & speakers:
                return penalty
        return 1.0

    def score(
        self, analysis: Analysis, limit: int = 4, preferred: frozenset[str] = frozenset()
    ) -> list[Scored]:
        """The best `limit` facts for an analysed question, best first."""
        frame = self._frame(analysis)
        if not frame.terms:
            return []
        candidates: set[int] = set()
        for term in frame.terms:
            candidates.update(self.postings.get(term, ()))
        share = self.weights.phrasing_share
        dices_by_fact = self._phrase_dice(frame)
        bounded = []
        for index in candidates:
            entry = self.entries[index]
            coverage, _ = self._fact_coverage(frame, entry)
            bonus = self.weights.profile_bonus if entry.fact.id in preferred else 1.0
            dices = dices_by_fact.get(index, [])
            # The best Dice bounds the phrasing similarity: facts that cannot reach the
            # results skip the costlier rapidfuzz comparison.
            most_similar = 0.75 * max((d for d, _ in dices), default=0.0) + 0.25 * bool(dices)
            bound = 100 * ((1 - share) * coverage + share * most_similar) * bonus
            bounded.append((bound, coverage, bonus, index))
        bounded.sort(reverse=True)
        best: list[tuple[float, float, int, Scored]] = []  # a min-heap of the top `limit`
        for bound, coverage, bonus, index in bounded:
            if len(best) >= limit and bound < best[0][0]:
                break
            entry = self.entries[index]
            phrasing = self._phrasing_similarity(frame, dices_by_fact.get(index, []))
            score = 100 * ((1 - share) * coverage + share * phrasing)
            score *= self._type_factor(frame, entry) * self._conflict_factor(frame, entry) * bonus
            scored = Scored(entry.fact, round(min(score, 100.0), 1), coverage, phrasing)
            # Ties go to the closer phrasing, then to the earlier fact, so answers are stable.
            key = (scored.score, phrasing, -index, scored)
            if len(best) < limit:
                heapq.heappush(best, key)
            elif key[:3] > best[0][:3]:
                heapq.heapreplace(best, key)
        return [item[3] for item in sorted(best, key=lambda k: k[:3], reverse=True)]


@dataclass(frozen=True)
class _Frame:
    """What scoring needs to know about one question, worked out once."""

    terms: frozenset[str]
    weights: dict[str, float]
    total: float
    asked: frozenset[str]  # the question word as a term, "?who"
    phrase_terms: frozenset[str]  # terms and question word, compared with phrasings
    phrase_total: float
    phrase_text: str  # for rapidfuzz
    question_word: str | None
    named: frozenset[str]  # entities the question names
    asked_about: frozenset[str]  # people whose words the question asks for
    years: frozenset[str]
    numbers: frozenset[str]
    future: bool  # "who will lead...?", "will the US...?"
    clock_time: bool  # "what time...?" wants a time of day, not a date
