"""`storybot stats`: each story's facts, questions, entities, article coverage, and the
questions readers asked about it this week."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from bot.cli.common import add_common_options, config_from_args


def register(commands) -> None:
    parser = commands.add_parser("stats", help="each story's numbers, and this week's questions")
    add_common_options(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per story")
    parser.set_defaults(handler=run)


def _numbers(base, config):
    from bot.curation.asked import read_asked, week_ago
    from bot.curation.story_numbers import story_numbers

    return story_numbers(base, read_asked(config.query_log, since=week_ago()),
                         config.discord.channel_stories)


def print_story_stats(base, config, stream: TextIO) -> None:
    numbers, elsewhere = _numbers(base, config)
    header = ("story", "facts", "q/fact", "entities", "sentences quoted", "asked", "answered",
              "declined")
    rows = [(n.stats.story_id, str(n.stats.facts), f"{n.stats.questions_per_fact:.1f}",
             str(n.stats.entities), f"{n.stats.sentences_quoted}/{n.stats.sentences}",
             str(n.week.asked), str(n.week.answered), str(n.week.declined)) for n in numbers]
    if elsewhere.asked:
        rows.append(("(no story)", "", "", "", "", str(elsewhere.asked),
                     str(elsewhere.answered), str(elsewhere.declined)))
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    print("Per story (questions: the last 7 days of the query log):", file=stream)
    for row in (header, *rows):
        print("  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True))),
              file=stream)


def run(args: argparse.Namespace) -> int:
    from bot.factbase.loader import load_factbase

    config = config_from_args(args)
    base, _ = load_factbase(config.facts_dir)
    if args.json:
        numbers, _ = _numbers(base, config)
        for n in numbers:
            print(json.dumps({**asdict(n.stats), "questions_per_fact": n.stats.questions_per_fact,
                              "week": asdict(n.week)}))
        return 0
    print_story_stats(base, config, sys.stdout)
    return 0
