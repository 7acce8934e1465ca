"""`storybot unanswered`: the questions readers asked that were declined or answered with
low confidence, grouped by wording, most asked first: what to teach next."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from bot.cli.common import add_common_options, config_from_args


def register(commands) -> None:
    parser = commands.add_parser(
        "unanswered", help="declined and doubtful questions from the query log, most asked first")
    add_common_options(parser)
    parser.add_argument("--days", type=float, default=7.0,
                        help="how far back to look (default: 7 days; 0 for the whole log)")
    parser.add_argument("--limit", type=int, default=30, help="groups to show (default 30)")
    parser.add_argument("--story", metavar="ID",
                        help="only the questions that count for this story (as in `stats`)")
    parser.add_argument("--json", action="store_true", help="one JSON object per group")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import sys
    import time

    from bot.curation.asked import group_unanswered, read_asked

    config = config_from_args(args)
    since = time.time() - args.days * 86400 if args.days > 0 else 0.0
    asked = read_asked(config.query_log, since=since)
    if args.story is not None:
        from bot.curation.story_numbers import asked_of_story
        from bot.factbase.loader import load_factbase

        base, _ = load_factbase(config.facts_dir)
        if args.story not in base.stories:
            print(f"storybot: there is no story {args.story!r}; the stories are: "
                  f"{', '.join(sorted(base.stories)) or 'none'}", file=sys.stderr)
            return 2
        asked = asked_of_story(asked, args.story, base, config.discord.channel_stories)
    groups = group_unanswered(asked, config.answer_threshold)[: max(args.limit, 0)]
    for group in groups:
        if args.json:
            print(json.dumps({"question": group.question, "times": group.times,
                              "declined": group.declined, "doubtful": group.doubtful,
                              "wordings": group.wordings, "facts": group.facts,
                              "last_asked": group.last_asked}, ensure_ascii=False))
            continue
        last = dt.datetime.fromtimestamp(group.last_asked).strftime("%Y-%m-%d %H:%M")
        kinds = ", ".join(part for part in (
            f"{group.declined} declined" if group.declined else "",
            f"{group.doubtful} answered with low confidence" if group.doubtful else "") if part)
        print(f"{group.times:>4}×  {group.question}  ({kinds}; last {last})")
        for wording in list(group.wordings)[1:4]:
            print(f"       also: {wording}")
        for fact_id in group.facts:
            print(f"       answered with: {fact_id}")
    if not groups and not args.json:
        print(f"No declined or doubtful questions in {config.query_log}.")
    return 0
