"""`storybot index`: rebuild the SQLite index from the fact files."""

from __future__ import annotations

import argparse
import sys
import time

from bot.cli.common import EXIT_USAGE, add_common_options, config_from_args, print_problems


def register(commands) -> None:
    parser = commands.add_parser(
        "index", help="rebuild the SQLite index from the fact files",
        description="Rebuild the index. Stories whose files did not change are copied from "
        "the current index (unless it is damaged); --full reads every story again.")
    parser.add_argument("--full", action="store_true",
                        help="read and analyse every story again, copying nothing")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="report progress on stderr (default: when stderr is a terminal)")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def _progress(started: float):
    def say(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr,
              flush=True)
    return say


def run(args: argparse.Namespace) -> int:
    from bot.index.reader import IndexReader
    from bot.index.store import describe_broken, rebuild_index

    config = config_from_args(args)
    started = time.perf_counter()
    show = sys.stderr.isatty() if args.progress is None else args.progress
    result = rebuild_index(config.facts_dir, config.database, reuse=not args.full,
                           progress=_progress(started) if show else None)
    print_problems(result.problems)
    if result.base is None:
        print(f"storybot: the facts have errors; {config.database} was left as it was",
              file=sys.stderr)
        if result.broken:
            print(f"storybot: {describe_broken(result.broken)}", file=sys.stderr)
        return EXIT_USAGE
    elapsed = time.perf_counter() - started
    reader = IndexReader(config.database)
    totals = reader.counts()
    reader.close()
    read = len(result.base.stories)
    print(f"indexed {', '.join(f'{n} {name}' for name, n in totals.items())} into "
          f"{config.database} in {elapsed:.2f} s; read again: "
          + (f"{read} of {totals['stories']} stories" if read else
             "none (every story unchanged)"))
    if result.broken:  # the others are indexed, but the curator has work to do
        print(f"storybot: {describe_broken(result.broken)}", file=sys.stderr)
        return EXIT_USAGE
    return 0
