"""Scores the candidate facts for a question.

A fact wins when it covers the question's distinctive words: each question term is
weighted by how rare it is among the facts (IDF), so "NATO" or "sanctions" count for far
more than "Iraq" or "US". Words the fact base has never seen weigh heavily too: a question
about "GDP" or "birthdays" is one the story does not answer, however many other words it
shares with a fact. The curated phrasings of each fact add paraphrase evidence, compared
with rapidfuzz over the analysed terms.

Candidates come from the index's postings, rarest term first. A fact first met at a common
term cannot match the rarer terms already seen, which bounds its score; once that bound is
below the results so far, the commoner terms' long postings are never walked. So a question
costs about the same over one story as over an archive of thousands.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from bot.engine.formulas import (
    ScoringWeights,
    combined,
    dice,
    generic_term_weight,
    mixed_coverage,
    most_combined,
    similarity,
    term_weight,
    with_factors,
)
from bot.factbase.models import Fact
from bot.language.analyzer import ALTERNATIVE_SEPARATOR, Analysis, Analyzer, alternatives
from bot.language.fact_analysis import ACTORS
from bot.language.lexicon import GENERIC_WORDS, REPORTING_WORDS, SPEECH_WORDS
from bot.language.question_kinds import (
    CURATED_FOR_KIND,
    HAS_NUMBER,
    SCORED_ASPECTS,
    Aspect,
    Need,
    QuestionKind,
    kind_named,
)
from bot.language.text import YEAR_DIGITS, stem
from bot.language.wordnet import noun_synonyms

if TYPE_CHECKING:
    from bot.index.reader import IndexedFact, IndexReader

SCORING_BATCH = 4  # candidates read from the index per query
SORTED_HEAD = 256  # candidates sorted by bound before the rest
MAX_TOTALS_CACHED = 100_000
MAX_SCOPES_CACHED = 64  # stories whose term weights are kept ready, every story's included
MAX_ROWS_CACHED = 2048  # terms whose fact rows are kept ready
SUGGESTION_BUDGET = 16  # facts scored for suggestions below the answer threshold
# The least question weight a candidate must hold is found by halving the range this many
# times (to 1/16384 of the question's weight: the bounds then drop the few facts in that
# sliver that cannot reach the bar), then lowered by a margin so rounding never drops a
# fact that can; and it is never zero: a candidate holds something.
LEAST_WEIGHT_HALVINGS = 14
LEAST_WEIGHT_MARGIN = 0.999
LEAST_WEIGHT = 1e-9
_YEAR = re.compile(rf"^{YEAR_DIGITS}$")
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float
    coverage: float
    phrasing: float
    row: int = 0


@dataclass(frozen=True)
class ScoreParts:
    """A fact's score and what made it: `combined` (coverage and phrasing together, 0-100)
    times the profile bonus and the kind and conflict factors, rounded and capped at 100;
    the question's terms the fact holds and those it lacks."""

    scored: Scored
    combined: float
    type_factor: float
    conflict_factor: float
    profile_bonus: float
    held: tuple[str, ...] = ()  # filled in by explain only: ranking does not need them
    missing: tuple[str, ...] = ()


class FactScorer:
    def __init__(
        self,
        reader: IndexReader,
        analyzer: Analyzer,
        entity_kinds: dict[str, str],
        weights: ScoringWeights | None = None,
    ) -> None:
        self.reader = reader
        self.analyzer = analyzer
        self.weights = weights or ScoringWeights()
        self.entity_kinds = entity_kinds
        self._scopes: dict[str | None, _Scope] = {}
        # Generic words, and reporting words also as the synonym groups they fold into
        # ("remarks": "~comment").
        reporting = {stem(w) for w in REPORTING_WORDS}
        self.generic_terms = GENERIC_STEMS | reporting | {
            analyzer.canonical[s] for s in reporting if s in analyzer.canonical}
        self._rows_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # -- weights and postings --------------------------------------------------------------

    def scope(self, story: str | None = None) -> _Scope:
        """The facts a question is weighed against: every story's, or one story's alone
        (whose answers then stay the same whatever stories are added beside it)."""
        found = self._scopes.get(story)
        if found is not None:
            return found
        if story is None:
            fact_count, frequency = self.reader.fact_count, self.reader.document_frequency
            rows, kinds = None, self.entity_kinds
        else:
            terms = self.reader.story_terms(story)
            fact_count, frequency = terms.fact_count, terms.document_frequency
            rows = self.reader.story_rows.get(story, (0, -1))
            kinds = {entity_id: entity.kind for (story_id, entity_id), entity
                     in self.reader.entities.items() if story_id == story}
        fact_count = max(fact_count, 1)
        found = _Scope(fact_count, frequency, rows, kinds, unknown_weight=(
            term_weight(fact_count, self.weights.unknown_term_frequency)
            * self.weights.unknown_term_weight))
        if len(self._scopes) >= MAX_SCOPES_CACHED:
            self._scopes.clear()
        self._scopes[story] = found
        return found

    @property
    def document_frequency(self) -> dict[str, int]:
        return self.scope().document_frequency

    def frequency(self, term: str, story: str | None = None) -> int:
        """How many facts (of the story, or of every story) hold a term."""
        scope = self.scope(story)
        if ALTERNATIVE_SEPARATOR not in term:
            return scope.document_frequency.get(term, 0)
        held = self._held_rows(term)[0]  # an ambiguous name: the facts of any it may mean
        if scope.rows is None:
            return len(held)
        low, high = scope.rows
        return int(np.searchsorted(held, high, "right") - np.searchsorted(held, low, "left"))

    def weight(self, term: str, story: str | None = None) -> float:
        if term.startswith("?"):
            return self.weights.question_word_weight
        scope = self.scope(story)
        if term in self.generic_terms:
            return generic_term_weight(self.weights, scope.fact_count)
        frequency = self.frequency(term, story)
        return term_weight(scope.fact_count, frequency) if frequency else scope.unknown_weight

    def rows_holding(self, term: str) -> np.ndarray:
        """The rows of the facts that hold a term, in order."""
        return self._held_rows(term)[0]

    def _held_rows(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The rows of the facts holding a term, and of those whose text holds it."""
        found = self._rows_cache.get(term)
        if found is None:
            postings = np.asarray(self._postings(term), dtype=np.int64)
            held = postings >> 1
            found = (held, held[(postings & 1) == 1])
            if len(self._rows_cache) >= MAX_ROWS_CACHED:
                self._rows_cache.clear()
            self._rows_cache[term] = found
        return found

    def _postings(self, term: str) -> Sequence[int]:
        if ALTERNATIVE_SEPARATOR not in term:
            return self.reader.postings(term)
        # An ambiguous name: the facts of any entity it may mean, each fact once.
        merged: dict[int, int] = {}
        for part in alternatives(term):
            for value in self.reader.postings(part):
                merged[value >> 1] = max(merged.get(value >> 1, 0), value)
        return sorted(merged.values())

    # -- the question ----------------------------------------------------------------------

    def _frame(self, analysis: Analysis, story: str | None = None) -> _Frame:
        terms = tuple(dict.fromkeys(self._as_the_story_says(analysis.terms, story)))
        scope = self.scope(story)
        weights = {t: self.weight(t, story) for t in terms}
        asked = frozenset({"?" + analysis.question_word} if analysis.question_word else ())
        for term in asked:
            weights[term] = self.weights.question_word_weight
        named = frozenset(analysis.entities)
        kind = kind_named(analysis.question_word)
        # "What did Trump say...?" asks for Trump's words; "Who said the party would...?"
        # asks for the speaker, and the party named is what was said about.
        speech = bool(SPEECH_WORDS & set(analysis.words)) and not kind.asks_for_speaker
        total = sum(weights[t] for t in terms)
        phrase_terms = frozenset(terms) | asked
        return _Frame(
            scope=scope,
            story=story,
            terms=frozenset(terms),
            weights=weights,
            total=total,
            asked=asked,
            phrase_terms=phrase_terms,
            asked_weight=len(asked) * self.weights.question_word_weight,
            phrase_total=total + len(asked) * self.weights.question_word_weight,
            phrase_text=" ".join(sorted(phrase_terms)),
            question_word=analysis.question_word,
            kind=kind,
            named=named,
            asked_about=frozenset(e for e in named if scope.entity_kinds.get(e) in ACTORS)
            if speech else frozenset(),
            aspects=tuple(a for a in SCORED_ASPECTS
                          if a.asked(analysis.words, analysis.question_word)),
            years=frozenset(t for t in terms if _YEAR.match(t)),
            # "More than 10,000 troops?" is settled by a fact stating another number; a
            # question asking who or where about "600 jobs" is not.
            numbers=frozenset(t for t in terms if t.isdigit() and not _YEAR.match(t))
            if kind.settled_by_other_number else frozenset(),
            ambiguous={t: frozenset(alternatives(t)) for t in terms
                       if ALTERNATIVE_SEPARATOR in t},
        )

    def _as_the_story_says(self, terms: Iterable[str], story: str | None) -> list[str]:
        """The question's terms, each word no fact holds read as the first synonym of its
        commonest sense, a noun, that some fact holds ("who confirmed the discovery?" of a
        story saying "the find"). Names, numbers, synonym groups and generic words stay as
        they are; a word no fact holds and no synonym helps weighs as unseen."""
        found = []
        for term in terms:
            if (term[0].isalpha() and term not in self.generic_terms
                    and not self.frequency(term, story)):
                for synonym in noun_synonyms(term):
                    # as a word or its synonym group, never a name: names are the story's
                    # own, and a story's answers must not change beside another's
                    meant = self.analyzer.canonical.get(synonym, synonym)
                    if meant not in terms and self.frequency(meant, story):
                        term = meant
                        break
            found.append(term)
        return found

    # -- evidence --------------------------------------------------------------------------

    @staticmethod
    def _held(frame: _Frame, terms: frozenset[str] | tuple[str, ...]) -> set[str] | frozenset[str]:
        """The question's terms among these; an ambiguous name is held by any entity it
        may mean."""
        held = frame.terms.intersection(terms)
        if not frame.ambiguous:
            return held
        held = set(held)
        for term, parts in frame.ambiguous.items():
            if term not in held and not parts.isdisjoint(terms):
                held.add(term)
        return held

    def _fact_coverage(self, frame: _Frame, entry: IndexedFact) -> float:
        weights = frame.weights
        matched = sum(weights[t] for t in self._held(frame, entry.terms))
        said = sum(weights[t] for t in self._held(frame, entry.text_terms))
        if frame.numbers and matched and entry.analysis.has(HAS_NUMBER):
            # A number the fact does not state ("more than 10,000 troops?") is answered by a
            # fact that states another one: "about 5,000" settles it. Only in a fact the
            # question finds by its terms (the search looks at no other), and each number
            # counted once.
            matched += sum(weights[t] for t in frame.numbers - entry.terms)
            said += sum(weights[t] for t in frame.numbers - entry.text_terms)
        return mixed_coverage(self.weights, matched, said, frame.total)

    def _phrasing_totals(self, frame: _Frame, entry: IndexedFact) -> tuple[float, ...]:
        """Each phrasing's summed term weight; weights are fixed while an index is open."""
        cache = frame.scope.totals
        totals = cache.get(entry.row)
        if totals is None:
            if len(cache) >= MAX_TOTALS_CACHED:
                cache.clear()
            totals = tuple(sum(self.weight(t, frame.story) for t in phrasing)
                           for phrasing in entry.analysis.phrasings)
            cache[entry.row] = totals
        return totals

    def _phrasing_similarity(self, frame: _Frame, entry: IndexedFact) -> float:
        """How close the question is to the fact's nearest phrasing: weighted Dice over
        terms for the phrasings sharing a topic word with it (a shared question word alone
        does not count), and rapidfuzz over their spelling for the few that could still win."""
        weights = frame.weights
        shared: dict[int, float] = {}  # phrasing position -> question weight it holds
        where = entry.phrasings_holding
        for term in frame.terms:
            parts = frame.ambiguous.get(term)
            positions = (where.get(term, ()) if parts is None
                         else {p for part in parts for p in where.get(part, ())})
            for position in positions:
                shared[position] = shared.get(position, 0.0) + weights[term]
        totals = self._phrasing_totals(frame, entry)
        # The index's own question forms count below the curator's (generated_factor).
        first_generated = len(entry.phrasing_sets) - entry.analysis.generated
        dices = []
        for position, held in shared.items():
            phrasing, text = entry.phrasing_sets[position]
            if not frame.asked.isdisjoint(phrasing):
                held += frame.asked_weight
            factor = self.weights.generated_factor if position >= first_generated else 1.0
            dices.append((dice(held, frame.phrase_total, totals[position]), factor, text))
        best = 0.0
        for shared_dice, factor, text in sorted(dices, reverse=True):
            if similarity(self.weights, shared_dice) <= best:
                break  # even identical spelling could not beat the best
            spelling = fuzz.token_sort_ratio(frame.phrase_text, text) / 100
            best = max(best, factor * similarity(self.weights, shared_dice, spelling))
        return best

    def _type_factor(self, frame: _Frame, entry: IndexedFact) -> float:
        """Penalise a fact that cannot give the kind of answer the question asks for: the
        penalty of the first need of the question's kind (question_kinds) the fact lacks."""
        kind = frame.kind
        for need in kind.strict_needs:
            if not self._meets(need, frame, entry):
                return getattr(self.weights, need.penalty)
        if kind.waivable_needs and not CURATED_FOR_KIND.held(entry.analysis, frame.named,
                                                              kind.name):
            for need in kind.waivable_needs:
                if not self._meets(need, frame, entry):
                    return getattr(self.weights, need.penalty)
        return 1.0

    @staticmethod
    def _meets(need: Need, frame: _Frame, entry: IndexedFact) -> bool:
        return need.trait.held(entry.analysis, frame.named, frame.question_word)

    def _conflict_factor(self, frame: _Frame, entry: IndexedFact) -> float:
        """Penalise a fact that speaks of another year; that lacks what an aspect of the
        question needs (question_kinds: it tells of the past when asked what will happen, or
        has no time of day for "what time...?"); or that gives the words of another than
        the one the question asks about ("What did Trump say ...?")."""
        penalty = self.weights.conflict_penalty
        traits = entry.analysis
        if frame.years - entry.terms:
            return penalty
        for aspect in frame.aspects:
            assert aspect.need is not None
            if not self._meets(aspect.need, frame, entry):
                return getattr(self.weights, aspect.need.penalty)
        if frame.asked_about:
            speaker = entry.fact.speaker
            speakers = {speaker} if speaker else {e for e, _ in traits.actors}
            if speakers and not frame.asked_about & speakers:
                return penalty
        return 1.0

    # -- ranking ---------------------------------------------------------------------------

    def score(
        self,
        analysis: Analysis,
        limit: int = 4,
        preferred: Iterable[int] = (),
        rows: tuple[int, int] | None = None,
        min_score: float = 0.0,
        exact_from: float = 0.0,
        story: str | None = None,
    ) -> list[Scored]:
        """The best `limit` facts scoring at least min_score, best first. `preferred` rows
        (profiles of the entities named) get a bonus; `story` limits the search to one
        story's facts, its terms weighed by that story alone; `rows`, to a range of rows.

        Facts scoring at least exact_from (the answer threshold) are always found; below
        it, results are suggestions, and the search for them stops after SUGGESTION_BUDGET
        facts were scored: a vague question over a large archive has thousands of weak
        candidates, none of which it will be answered with."""
        frame = self._frame(analysis, story)
        if not frame.terms:
            return []
        if rows is None:
            rows = frame.scope.rows
        preferred = frozenset(preferred)
        candidates, bounds = self._candidates(frame, preferred, rows, min_score)
        keep = bounds >= min_score
        candidates, bounds = candidates[keep], bounds[keep]
        best: list[tuple[float, float, int, Scored]] = []  # a min-heap of the top `limit`
        scored = 0

        def floor() -> float:
            lowest = max(min_score, exact_from) if scored >= SUGGESTION_BUDGET else min_score
            return max(lowest, best[0][0]) if len(best) >= limit else lowest

        for batch in _by_falling_bound(candidates, bounds):
            entries = self.reader.facts_at([row for row, _ in batch])
            for row, bound in batch:
                if bound < floor():
                    return _ranked(best)
                scored += 1
                self._keep_if_better(self._score_entry(frame, entries[row], preferred),
                                     best, limit)
        return _ranked(best)

    def _candidates(self, frame: _Frame, preferred: frozenset[int],
                    rows: tuple[int, int] | None, min_score: float
                    ) -> tuple[np.ndarray, np.ndarray]:
        """Every fact holding a question term, with the most it could score, from the
        postings alone: summed over whole arrays, so a term held by half the archive costs
        about as little as a rare one."""
        size = self.reader.row_count + 1
        matched = np.zeros(size)
        said = np.zeros(size)
        for term in frame.terms:
            held, held_in_text = self._held_rows(term)
            weight = frame.weights[term]
            matched[held] += weight
            said[held_in_text] += weight
        if rows is not None:
            low, high = rows
            matched[:low] = 0
            matched[high + 1:] = 0
        # Facts holding too little of the question to reach min_score whatever else they
        # have are no candidates (most of those holding one common word).
        bonus = self.weights.profile_bonus if preferred else 1.0
        candidates = np.flatnonzero(matched >= self._least_weight(frame, bonus, min_score))
        flags = self.reader.row_flag_array[candidates]
        return candidates, self._bounds(frame, matched[candidates], said[candidates], flags,
                                        np.isin(candidates, list(preferred)))

    def _least_weight(self, frame: _Frame, bonus: float, min_score: float) -> float:
        """The least question weight a fact must hold for its bound to reach min_score
        (bounds grow with the weight held: found by halving)."""
        if min_score <= 0:
            return LEAST_WEIGHT
        numbers = sum(frame.weights[t] for t in frame.numbers)

        def bound(held: float) -> float:  # _bounds for one fact with every stored trait
            return with_factors(self._most_combined(frame, held, held, numbers), bonus, 1.0)

        low, high = 0.0, frame.total
        for _ in range(LEAST_WEIGHT_HALVINGS):
            middle = (low + high) / 2
            if bound(middle) >= min_score:
                high = middle
            else:
                low = middle
        return max(low * LEAST_WEIGHT_MARGIN, LEAST_WEIGHT)

    def _most_combined(self, frame: _Frame, matched, said, number_bonus):
        return most_combined(self.weights, matched, said, number_bonus, frame.total,
                             frame.phrase_total, frame.asked_weight)

    def _bounds(self, frame: _Frame, matched: np.ndarray, said: np.ndarray,
                flags: np.ndarray, preferred: np.ndarray) -> np.ndarray:
        """The most each fact could score, for many facts at once: its score's formula
        given the most each piece of evidence could be."""
        numbers = sum(frame.weights[t] for t in frame.numbers)
        number_bonus = np.where(flags & HAS_NUMBER.flag, numbers, 0.0)
        return with_factors(self._most_combined(frame, matched, said, number_bonus),
                            np.where(preferred, self.weights.profile_bonus, 1.0),
                            self._traits_bounds(frame, flags))

    def _traits_bounds(self, frame: _Frame, flags: np.ndarray) -> np.ndarray:
        """The type and conflict factors as far as the facts' stored traits decide them
        (exactly where they do; where a trait is decided only when scoring, the most the
        factor can be)."""
        weights = self.weights
        factor = np.ones(len(flags))
        # The first strict need unmet gives the penalty: built from the last one back.
        for need in reversed(frame.kind.strict_needs):
            penalty = getattr(weights, need.penalty)
            if need.trait.flag:
                factor = np.where(flags & need.trait.flag, factor, penalty)
            else:
                factor = np.maximum(factor, penalty)
        conflict = np.ones(len(flags))
        for aspect in reversed(frame.aspects):
            assert aspect.need is not None
            penalty = getattr(weights, aspect.need.penalty)
            if aspect.need.trait.flag:
                conflict = np.where(flags & aspect.need.trait.flag, conflict, penalty)
            else:
                conflict = np.maximum(conflict, penalty)
        if frame.years:  # may conflict too, which the flags do not tell
            conflict = np.maximum(conflict, weights.conflict_penalty)
        return factor * conflict

    def _score_entry(self, frame: _Frame, entry: IndexedFact,
                     preferred: frozenset[int]) -> Scored:
        return self._parts(frame, entry, preferred).scored

    def _parts(self, frame: _Frame, entry: IndexedFact,
               preferred: frozenset[int]) -> ScoreParts:
        coverage = self._fact_coverage(frame, entry)
        phrasing = self._phrasing_similarity(frame, entry)
        bonus = self.weights.profile_bonus if entry.row in preferred else 1.0
        type_factor = self._type_factor(frame, entry)
        conflict_factor = self._conflict_factor(frame, entry)
        before = combined(self.weights, coverage, phrasing)
        score = with_factors(before, bonus, type_factor * conflict_factor)
        return ScoreParts(
            scored=Scored(entry.fact, round(min(score, 100.0), 1), coverage, phrasing,
                          entry.row),
            combined=before, type_factor=type_factor, conflict_factor=conflict_factor,
            profile_bonus=bonus)

    def explain(self, analysis: Analysis, rows: Iterable[int],
                preferred: Iterable[int] = (), story: str | None = None) -> list[ScoreParts]:
        """Each part of the score of the facts at these rows, exactly as ranking computes it
        (for curators asking why a question was or was not answered)."""
        frame = self._frame(analysis, story)
        rows = list(rows)
        entries = self.reader.facts_at(rows)
        explained = []
        for row in rows:
            if row in entries:
                held = self._held(frame, entries[row].terms)
                explained.append(replace(self._parts(frame, entries[row], frozenset(preferred)),
                                         held=tuple(sorted(held)),
                                         missing=tuple(sorted(frame.terms - set(held)))))
        return explained

    @staticmethod
    def _keep_if_better(scored: Scored, best: list, limit: int) -> None:
        # Ties go to the closer phrasing, then to the earlier fact: answers are stable.
        key = (scored.score, scored.phrasing, -scored.row, scored)
        if len(best) < limit:
            heapq.heappush(best, key)
        elif key[:3] > best[0][:3]:
            heapq.heapreplace(best, key)


def _ranked(best: list) -> list[Scored]:
    return [item[3] for item in sorted(best, key=lambda k: k[:3], reverse=True)]


def _by_falling_bound(candidates: np.ndarray, bounds: np.ndarray
                      ) -> Iterator[list[tuple[int, float]]]:
    """Candidates in batches, highest bound first. Only the head is sorted at first: the
    search usually stops within it."""
    head = min(len(bounds), SORTED_HEAD)
    if head < len(bounds):
        split = np.argpartition(-bounds, head - 1)
        parts = [split[:head], split[head:]]
    else:
        parts = [np.arange(len(bounds))]
    for part in parts:
        ordered = part[np.argsort(-bounds[part], kind="stable")]
        pairs = list(zip(candidates[ordered].tolist(), bounds[ordered].tolist(), strict=True))
        for start in range(0, len(pairs), SCORING_BATCH):
            yield pairs[start : start + SCORING_BATCH]


@dataclass(frozen=True)
class _Scope:
    """The facts a question is scored against (every story's, or one story's) and what
    weighing its terms needs to know of them."""

    fact_count: int
    document_frequency: dict[str, int]  # term -> facts holding it
    rows: tuple[int, int] | None  # one story's rows, first and last; None: every row
    entity_kinds: dict[str, str]
    unknown_weight: float  # a term none of them holds
    totals: dict[int, tuple[float, ...]] = field(default_factory=dict)  # phrasing weights


@dataclass(frozen=True)
class _Frame:
    """What scoring needs to know about one question, worked out once."""

    scope: _Scope
    story: str | None
    terms: frozenset[str]
    weights: dict[str, float]
    total: float
    asked: frozenset[str]  # the question word as a term, "?who"
    phrase_terms: frozenset[str]  # terms and question word, compared with phrasings
    asked_weight: float  # the question word's weight, 0 without one
    phrase_total: float
    phrase_text: str  # for rapidfuzz
    question_word: str | None
    kind: QuestionKind
    named: frozenset[str]  # entities the question names
    asked_about: frozenset[str]  # people whose words the question asks for
    years: frozenset[str]
    numbers: frozenset[str]
    ambiguous: dict[str, frozenset[str]]  # "@a|@b": a name several entities share
    aspects: tuple[Aspect, ...]  # "who WILL lead...?", "what TIME...?" (question_kinds)
