"""`storybot check`: validate the fact files; exit status 2 on any error."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import EXIT_USAGE, add_common_options, config_from_args, print_problems
from bot.factbase.loader import has_errors, load_factbase


def register(commands) -> None:
    parser = commands.add_parser("check", help="validate the fact files")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    base, problems = load_factbase(config.facts_dir)
    print_problems(problems, sys.stdout)
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    counts = ", ".join(f"{n} {name}" for name, n in base.counts().items())
    print(f"{config.facts_dir}: {counts}; {errors} error(s), {warnings} warning(s)")
    return EXIT_USAGE if has_errors(problems) else 0
