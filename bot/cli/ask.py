"""`storybot ask`: one question from the arguments, or one per line from standard input."""

from __future__ import annotations

import argparse
import io
import json
import sys

from bot.cli.common import (
    add_common_options,
    add_story_option,
    config_from_args,
    open_engine,
    story_from_args,
)


def register(commands) -> None:
    parser = commands.add_parser(
        "ask",
        help="answer a question (or one per line from stdin)",
        description="Answer QUESTION, or with no QUESTION, every line of standard input in "
        "order (blank lines included), one answer per line.",
    )
    parser.add_argument("question", nargs="*", help="the question (words may be unquoted)")
    parser.add_argument("--json", action="store_true", help="print JSON objects")
    parser.add_argument("--conversations", action="store_true",
                        help="read standard input as conversations: one turn a line, a blank "
                        "line between conversations; follow-ups lean on the turns before")
    add_story_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run)


def _emit(answer, as_json: bool) -> None:
    from bot.cli.render import render_answer

    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=True), flush=True)
    else:
        print(render_answer(answer), flush=True)


def run(args: argparse.Namespace) -> int:
    engine = open_engine(config_from_args(args))
    story = story_from_args(engine, args)
    if args.question:
        answer = engine.ask(" ".join(args.question), story=story)
        _emit(answer, args.json)
        return 2 if answer.reason == "empty" else 0
    # Undecodable bytes must not stop the stream: every input line gets its output line.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    if args.conversations:
        from bot.cli.conversations import run_conversations

        return run_conversations(engine, stdin, story, args.json)
    for line in stdin:
        answer = engine.ask(line.rstrip("\r\n"), story=story)
        _emit(answer, args.json)
        if not args.json:
            print()
    return 0
