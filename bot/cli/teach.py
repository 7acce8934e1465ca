"""`storybot teach`: add a reader's question to the fact that answers it (or mark it as one
the story does not answer), reindex at once, and keep a record that can be undone."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys

from bot.cli.common import CommandError, add_common_options, config_from_args


def register(commands) -> None:
    parser = commands.add_parser(
        "teach", help="add a question to the fact that answers it; undo; list lessons",
        description="Add QUESTION to the questions of FACT_ID in its facts.toml (comments and "
        "layout kept), or with --not-in-story, to the questions its story does not answer; "
        "then reindex. Every lesson is recorded and can be undone.")
    parser.add_argument("question", nargs="?", help="the question, as readers asked it")
    parser.add_argument("fact_id", nargs="?", help="the fact that answers it")
    parser.add_argument("--not-in-story", metavar="STORY",
                        help="the story does not answer the question (its id or title)")
    parser.add_argument("--undo", nargs="?", const=0, type=int, metavar="LESSON",
                        help="take back the latest lesson (or lesson number LESSON)")
    parser.add_argument("--list", action="store_true", help="the latest lessons")
    parser.add_argument("--by", default=None, help="who is teaching (default: your login)")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def _who(args: argparse.Namespace) -> str:
    if args.by:
        return args.by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _describe(record) -> str:
    lesson = record.lesson
    target = (f"fact {lesson.fact_id}" if lesson.fact_id
              else f"not in story {lesson.story_id}")
    when = dt.datetime.fromtimestamp(record.taught_at).strftime("%Y-%m-%d %H:%M")
    undone = (f"  [undone by {record.undone_by}]" if record.undone_at is not None else "")
    return f"#{record.id}  {when}  {record.taught_by}: {lesson.question!r} → {target}{undone}"


def run(args: argparse.Namespace) -> int:
    from bot.curation.lessons import LessonLog, teach, undo
    from bot.curation.teach import TeachError

    config = config_from_args(args)
    log = LessonLog(config.query_log)
    try:
        if args.list:
            for record in log.latest(limit=30):
                print(_describe(record))
            return 0
        try:
            if args.undo is not None:
                record = undo(config.facts_dir, log, by=_who(args), lesson_id=args.undo or None)
                print(f"undone: {_describe(record)}")
            else:
                record = _teach(args, config, log, teach)
                print(f"taught: {_describe(record)}")
        except TeachError as exc:
            raise CommandError(str(exc)) from exc
        return _reindex(config, record.lesson.question)
    finally:
        log.close()


def _teach(args, config, log, teach):
    if not args.question:
        raise CommandError("give the QUESTION and the FACT_ID that answers it "
                           "(or --not-in-story STORY)")
    if bool(args.fact_id) == bool(args.not_in_story):
        raise CommandError("give either the FACT_ID that answers the question or "
                           "--not-in-story STORY, not both")
    story_id = None
    if args.not_in_story:
        story_id = _story_id(config, args.not_in_story)
    return teach(config.facts_dir, log, args.question, by=_who(args), fact_id=args.fact_id,
                 story_id=story_id)


def _story_id(config, typed: str) -> str:
    if (config.facts_dir / typed / "story.toml").exists():
        return typed
    from bot.cli.common import open_engine

    story = open_engine(config).find_story(typed)
    if story is None:
        raise CommandError(f"no story {typed!r}")
    return story.id


def _reindex(config, question: str) -> int:
    """Rebuild at once, and show what the question gets now."""
    from bot.cli.common import EXIT_USAGE, open_engine
    from bot.index.store import describe_broken, rebuild_index

    result = rebuild_index(config.facts_dir, config.database)
    if result.base is None:
        print("storybot: the facts have errors, so the index was left as it was; run "
              "'storybot check'", file=sys.stderr)
        return EXIT_USAGE
    if result.broken:
        print(f"storybot: warning: {describe_broken(result.broken)}", file=sys.stderr)
    answer = open_engine(config).ask(question)
    now = (f"answered from {answer.fact_id} (confidence {answer.score:.0f})" if answer.answered
           else f"declined ({answer.reason}, score {answer.score:.0f})")
    print(f"reindexed; {question!r} is now {now}")
    return 0
