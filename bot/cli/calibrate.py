"""`storybot calibrate`: choose the answer threshold from labelled questions."""

from __future__ import annotations

import argparse
import math

from bot.cli.common import CommandError, add_common_options, config_from_args, open_engine


def register(commands) -> None:
    parser = commands.add_parser(
        "calibrate",
        help="measure accuracy against labelled questions at each answer threshold",
        description="Score labelled question files (JSONL: {q, expect} or {q, abstain}) at "
        "every threshold and show the best, so the threshold in the config is measured, "
        "not guessed.",
    )
    parser.add_argument("questions", nargs="+", help="labelled question files (.jsonl)")
    parser.add_argument("--step", type=_step, default=2.5,
                        help="threshold step, more than 0 and at most 100 (default 2.5)")
    parser.add_argument("--misses", action="store_true",
                        help="list the questions answered wrongly at the chosen threshold")
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


def run(args: argparse.Namespace) -> int:
    from bot.engine.calibrate import load_labelled, sweep

    config = config_from_args(args)
    try:
        labelled = [q for path in args.questions for q in load_labelled(path)]
    except FileNotFoundError as exc:
        raise CommandError(f"no such question file: {exc.filename}") from exc
    except OSError as exc:
        raise CommandError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
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
        for outcome in outcomes:
            verdict = outcome.verdict(config.answer_threshold)
            if verdict != "ok":
                print(f"{verdict:>7} {outcome.score:5.1f} {outcome.question['q']!r} -> "
                      f"{outcome.fact_id}")
    return 0
