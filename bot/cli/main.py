"""Entry point of the `storybot` command."""

from __future__ import annotations

import argparse
import sys

from bot import __version__
from bot.cli import (
    ask,
    calibrate,
    chat,
    check,
    draft,
    index,
    run,
    stats,
    teach,
    timeline,
    unanswered,
    why,
)
from bot.cli.common import EXIT_USAGE, CommandError

COMMANDS = (ask, chat, timeline, check, stats, unanswered, why, teach, draft, index,
            calibrate, run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storybot",
        description="Answer questions about a news story from a curated fact base.",
    )
    parser.add_argument("--version", action="version", version=f"storybot {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except CommandError as exc:
        print(f"storybot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
