"""`storybot check`: validate the fact files, list curation gaps, and show each story's
numbers; exit status 2 on any error."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import EXIT_USAGE, add_common_options, config_from_args, print_problems


def register(commands) -> None:
    parser = commands.add_parser("check", help="validate the fact files and list curation gaps")
    add_common_options(parser)
    parser.add_argument("--quiet", action="store_true",
                        help="errors only: no warnings and no per-story numbers")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.cli.stats import print_story_stats
    from bot.factbase.loader import has_errors, load_factbase
    from bot.factbase.quality import quality_warnings

    config = config_from_args(args)
    base, problems = load_factbase(config.facts_dir)
    problems = problems + quality_warnings(base, config.facts_dir)
    if args.quiet:
        problems = [p for p in problems if p.level == "error"]
    print_problems(problems, sys.stdout)
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    if not args.quiet and base.stories:
        print()
        print_story_stats(base, config, sys.stdout)
        print()
    counts = ", ".join(f"{n} {name}" for name, n in base.counts().items())
    print(f"{config.facts_dir}: {counts}; {errors} error(s), {warnings} warning(s)")
    return EXIT_USAGE if has_errors(problems) else 0
