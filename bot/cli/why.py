"""`storybot why "QUESTION"`: the best facts for a question with every part of their score,
and why the best was or was not given, so a curator sees what to add."""

from __future__ import annotations

import argparse
import json

from bot.cli.common import (
    add_common_options,
    add_story_option,
    config_from_args,
    open_engine,
    story_from_args,
)


def register(commands) -> None:
    parser = commands.add_parser("why", help="why a question is answered or declined: each "
                                 "part of the best facts' scores")
    parser.add_argument("question", nargs="+", help="the question (words may be unquoted)")
    parser.add_argument("--top", type=int, default=5, help="facts to show (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_story_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.engine.explain import explain

    engine = open_engine(config_from_args(args))
    found = explain(engine, " ".join(args.question), story=story_from_args(engine, args),
                    top=max(args.top, 1))
    if args.json:
        print(json.dumps({
            "answer": found.answer.to_dict(), "reason": found.reason,
            "question_word": found.question_word, "answer_threshold": found.answer_threshold,
            "terms": [vars(t) for t in found.terms],
            "facts": [{"fact_id": p.scored.fact.id, "score": p.scored.score,
                       "coverage": round(p.scored.coverage, 4),
                       "phrasing": round(p.scored.phrasing, 4),
                       "combined": round(p.combined, 2), "type_factor": p.type_factor,
                       "conflict_factor": p.conflict_factor, "profile_bonus": p.profile_bonus,
                       "holds": list(p.held), "lacks": list(p.missing)}
                      for p in found.facts],
            "semantic": [{"fact_id": j.parts.scored.fact.id, "score": j.parts.scored.score,
                          "cosine": j.cosine, "fused": j.fused, "of_kind": j.of_kind,
                          "names_all": j.names_all}
                         for j in found.semantic],
            "semantic_cutoff": found.semantic_cutoff}, ensure_ascii=False))
        return 0
    print(found.reason)
    if found.terms:
        words = ", ".join(f"{t.term} {t.weight:.2f}" + ("" if t.facts_holding else " (unseen)")
                          for t in found.terms)
        print(f"question: {found.question_word or 'no question word'}; terms and weights: "
              f"{words}")
    for rank, parts in enumerate(found.facts, 1):
        scored = parts.scored
        print(f"{rank}. {scored.fact.id}  score {scored.score:.1f} = {parts.combined:.1f} "
              f"(coverage {scored.coverage:.2f}, phrasing {scored.phrasing:.2f}) "
              f"× kind {parts.type_factor:g} × conflict {parts.conflict_factor:g} "
              f"× profile {parts.profile_bonus:g}")
        print(f"     holds: {', '.join(parts.held) or 'nothing'}"
              + (f"; lacks: {', '.join(parts.missing)}" if parts.missing else ""))
    if found.semantic:
        print(f"sentence model (answers at fused >= {found.semantic_cutoff:g}, a fact of the "
              "kind asked for holding every name given, clear of the next; or the engine's "
              "best fact, when it leads clearly and reads closest):")
        for judged in found.semantic:
            kind = "" if judged.of_kind else ", not of the kind asked for"
            names = "" if judged.names_all else ", lacks a name the question gives"
            print(f"   {judged.parts.scored.fact.id}  cosine {judged.cosine:.3f}, fused "
                  f"{judged.fused:.3f} = {judged.parts.scored.score:.1f}/{found.semantic_scale:g}"
                  f" + cosine{kind}{names}")
    return 0
