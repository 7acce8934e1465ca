"""Why a question was or was not answered: the best facts with every part of their score.

Nothing here decides an answer: the answer is `Engine.ask`'s, and each fact's parts are
the scorer's own (FactScorer.explain), so what a curator reads is what ranking computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.engine.answer import Answer
from bot.engine.formulas import SemanticWeights, least_exact_score
from bot.engine.scorer import ScoreParts
from bot.language.text import clean, tokens


@dataclass(frozen=True)
class TermWeight:
    term: str
    weight: float
    facts_holding: int  # 0: a word the fact base has never seen


@dataclass(frozen=True)
class Explanation:
    answer: Answer
    question_word: str | None
    terms: list[TermWeight]
    facts: list[ScoreParts]  # best first
    answer_threshold: float
    reason: str  # in words, with what a curator could do
    # The sentence model's view of the candidates, when the engine alone would decline and
    # the model is on (engine/semantic.py: Judged, best fused first); and its cut-off.
    semantic: list = field(default_factory=list)
    semantic_cutoff: float | None = None
    semantic_scale: float = 100.0  # the engine score is divided by this beside a cosine


def explain(engine, question: str, story: str | None = None, top: int = 5) -> Explanation:
    answer = engine.ask(question, story=story)
    threshold = engine.settings.answer_threshold
    text = clean(question or "")
    if not tokens(text) or answer.reason in ("empty", "greeting", "help", "unknown-story"):
        return Explanation(answer, None, [], [], threshold, _reason(answer, None, threshold))
    analysis = engine.analyzer_for(story).analyze(text)
    if answer.method == "summary":  # told what the story is about: nothing was scored
        return Explanation(answer, analysis.question_word, [], [], threshold,
                           _reason(answer, None, threshold))
    scorer = engine.scorer
    preferred = engine._profiles_of(analysis, story)
    ranked = scorer.score(analysis, limit=top, preferred=preferred, story=story)
    rows = [s.row for s in ranked]
    if answer.fact_id and answer.fact_id not in {s.fact.id for s in ranked}:
        found = engine.reader.fact(answer.fact_id)  # an entity's profile, chosen by name
        if found is not None:
            rows.insert(0, found.row)
    parts = scorer.explain(analysis, rows, preferred, story)
    if answer.fact_id:  # the answer's fact first, as the engine chose it
        parts.sort(key=lambda p: p.scored.fact.id != answer.fact_id)
    terms = [TermWeight(t, scorer.weight(t, story), scorer.frequency(t, story))
             for t in dict.fromkeys(analysis.terms)]
    best = parts[0] if parts else None
    judged = []
    if answer.method == "semantic" or answer.reason == "below-threshold":
        settings = engine.settings  # the candidates as Engine.ask ranks them
        exact_from = least_exact_score(scorer.weights, threshold)
        candidates = scorer.score(
            analysis, limit=settings.max_alternatives + 1, preferred=preferred, story=story,
            min_score=min(settings.suggestion_threshold, exact_from), exact_from=exact_from)
        judged = engine.semantic_judged(text, analysis, candidates, story)
    cutoff = engine.semantic_weights.answer_cutoff if judged else None
    return Explanation(answer, analysis.question_word, terms, parts, threshold,
                       _reason(answer, best, threshold, terms, engine.semantic_weights),
                       judged, cutoff, engine.semantic_weights.engine_scale)


def _reason(answer: Answer, best: ScoreParts | None, threshold: float,
            terms: list[TermWeight] = (), semantic: SemanticWeights | None = None) -> str:
    semantic = semantic or SemanticWeights()
    if answer.method == "semantic" and (answer.fused or 0.0) < semantic.answer_cutoff:
        return (f"answered from {answer.fact_id}, the engine's best fact, as the sentence model "
                f"confirms it: it scored {answer.score:.1f}, under the answer threshold "
                f"{threshold:g}, and either leads clearly (a score of at least "
                f"{semantic.lead_least_score:g}, {semantic.lead_points:g} points ahead of the "
                f"next fact, the closest candidate to the model at a cosine of at least "
                f"{semantic.lead_cosine:g}) or the model agrees (a score of at least "
                f"{semantic.agreed_least_score:g}, the closest candidate by "
                f"{semantic.agreed_cosine_lead:g} of cosine); a fact of the kind asked for "
                "holding every name given")
    if answer.method == "semantic":
        return (f"answered from {answer.fact_id} by meaning: it scored {answer.score:.1f}, "
                f"under the answer threshold {threshold:g}, but the sentence model found its "
                f"closest text at cosine {answer.cosine:.3f}, a fused score of "
                f"{answer.fused:.3f} (score/{semantic.engine_scale:g} + cosine), at least the "
                "cut-off, for a fact of the kind asked for holding every name given, clear of "
                "the next")
    if answer.method == "summary":
        return (f"answered from {answer.fact_id}, what the story is about: the question asks "
                "for its gist and names nothing beyond its headline and lead")
    if answer.answered:
        chosen = (" (the profile of the one entity the question names, chosen by name)"
                  if best is not None and best.scored.score != answer.score else "")
        return (f"answered from {answer.fact_id}: it scored {answer.score:.1f}, at least the "
                f"answer threshold {threshold:g}{chosen}")
    if answer.reason == "not-in-story":
        return "declined: a curator recorded this question as one the story does not answer"
    if answer.reason == "which-story":
        return ("declined: it asks about the story itself, and with several stories loaded "
                "and none chosen no story's answer is the reader's; they are told which "
                "stories there are")
    if answer.reason == "future":
        return "declined: it asks what will happen, and the best fact tells of the past"
    if answer.reason in ("empty", "greeting", "help", "unknown-story"):
        return f"not a question about the story ({answer.reason})"
    if best is None:
        return "declined: no fact holds any of the question's words; add a fact, or teach " \
               "it as one the story does not answer"
    hints = []
    unknown = [t.term for t in terms if not t.facts_holding and not t.term.startswith("?")]
    if unknown:
        hints.append(f"the fact base has never seen {', '.join(map(repr, unknown))}, which "
                     "weighs against answering")
    if best.missing:
        hints.append(f"{best.scored.fact.id} lacks {', '.join(map(repr, best.missing))}")
    if best.type_factor < 1:
        hints.append(f"it cannot give the kind of answer asked for (×{best.type_factor:g})")
    if best.conflict_factor < 1:
        hints.append("it conflicts with the question: another year, tense or speaker "
                     f"(×{best.conflict_factor:g})")
    if best.scored.phrasing < 0.8:
        hints.append("none of its curated questions is worded like this one; `storybot "
                     f"teach` adds it (phrasing {best.scored.phrasing:.2f})")
    return (f"declined: the best fact, {best.scored.fact.id}, scored {best.scored.score:.1f}, "
            f"under the answer threshold {threshold:g}" + ("; " + "; ".join(hints)
                                                           if hints else ""))
