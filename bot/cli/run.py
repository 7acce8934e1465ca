"""`storybot run`: the Discord bot (needs a token; see README)."""

from __future__ import annotations

import argparse

from bot.cli.common import add_common_options, config_from_args


def register(commands) -> None:
    parser = commands.add_parser("run", help="start the Discord bot")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.discord_app.runner import run as run_bot  # discord.py only when it is needed

    return run_bot(config_from_args(args))
