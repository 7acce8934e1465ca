"""`storybot timeline`: the story's dated events, in order."""

from __future__ import annotations

import argparse
import json

from bot.cli.common import (
    CommandError,
    add_common_options,
    add_story_option,
    config_from_args,
    open_engine,
    story_from_args,
)


def register(commands) -> None:
    parser = commands.add_parser("timeline", help="the story's events in date order")
    parser.add_argument("--about", metavar="ENTITY", help="only events involving this entity")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    add_story_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from bot.cli.render import render_timeline

    engine = open_engine(config_from_args(args))
    events, entity = engine.timeline(args.about, story=story_from_args(engine, args))
    if args.about and entity is None:
        raise CommandError(f"no person, group or place called {args.about!r} in the fact base")
    if args.json:
        print(json.dumps([
            {"id": e.id, "story": e.story_id, "date": e.date.isoformat(),
             "date_text": e.date_text, "date_precision": e.date_precision, "when": e.when(),
             "title": e.title, "facts": list(e.facts)}
            for e in events
        ], ensure_ascii=False, indent=2))
        return 0
    if entity is not None:
        print(f"Events involving {entity.name}:")
    print(render_timeline(events))
    return 0
