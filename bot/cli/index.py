"""`storybot index`: rebuild the SQLite index from the fact files."""

from __future__ import annotations

import argparse
import sys
import time

from bot.cli.common import EXIT_USAGE, add_common_options, config_from_args, print_problems
from bot.index.store import describe_broken, rebuild_index


def register(commands) -> None:
    parser = commands.add_parser("index", help="rebuild the SQLite index from the fact files")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    started = time.perf_counter()
    result = rebuild_index(config.facts_dir, config.database)
    print_problems(result.problems)
    if result.base is None:
        print(f"storybot: the facts have errors; {config.database} was left as it was",
              file=sys.stderr)
        if result.broken:
            print(f"storybot: {describe_broken(result.broken)}", file=sys.stderr)
        return EXIT_USAGE
    counts = ", ".join(f"{n} {name}" for name, n in result.base.counts().items())
    elapsed = time.perf_counter() - started
    print(f"indexed {counts} into {config.database} in {elapsed:.2f} s")
    if result.broken:  # the others are indexed, but the curator has work to do
        print(f"storybot: {describe_broken(result.broken)}", file=sys.stderr)
        return EXIT_USAGE
    return 0
