"""What every command shares: the --facts/--db/--config options and opening the engine."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from bot.config import Config, ConfigError, index_for, load_config

EXIT_USAGE = 2


class CommandError(Exception):
    """Stops a command with one clear line on stderr and exit status 2."""


def add_common_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where things are")
    group.add_argument("--config", metavar="PATH",
                       help="config file (default: $STORYBOT_CONFIG or ./config.toml if present)")
    group.add_argument("--facts", metavar="DIR", help="the facts folder (default: bundled facts/)")
    group.add_argument("--db", metavar="PATH",
                       help="the SQLite index, rebuilt when stale (default: the config's, or "
                       "with --facts one of that folder's own in ~/.cache/storybot)")


def add_story_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--story", metavar="ID",
                        help="only this story (its id or title; default: every story)")


def story_from_args(engine, args: argparse.Namespace) -> str | None:
    """The id of the story --story names, or None for every story."""
    typed = getattr(args, "story", None)
    if not typed:
        return None
    story = engine.find_story(typed)
    if story is None:
        known = ", ".join(sorted(engine.stories)[:10])
        raise CommandError(f"no story {typed!r}; stories: {known}"
                           + (" ..." if len(engine.stories) > 10 else ""))
    return story.id


def config_from_args(args: argparse.Namespace, *, facts_must_exist: bool = True) -> Config:
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise CommandError(str(exc)) from exc
    if args.facts:
        facts = Path(args.facts)
        if facts.resolve() != config.facts_dir.resolve():
            # Another folder's facts never go into (and rebuild) the configured index.
            config = replace(config, facts_dir=facts, database=index_for(facts))
    if args.db:
        config = replace(config, database=Path(args.db))
    if facts_must_exist and not config.facts_dir.is_dir():
        raise CommandError(f"the facts folder {config.facts_dir} does not exist"
                           + ("" if args.facts else " (set [storybot] facts in the config, or "
                              "pass --facts DIR)"))
    return config


def open_engine(config: Config):
    """The engine over an up-to-date index; problems with the facts go to stderr."""
    from bot.engine.engine import Engine
    from bot.engine.settings import EngineSettings
    from bot.index.store import IndexError_, describe_broken, ensure_index

    try:
        status = ensure_index(config.facts_dir, config.database)
    except IndexError_ as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(f"cannot write the index {config.database}: {exc.strerror}") from exc
    if status.stale_kept:
        errors = [p for p in status.problems if p.level == "error"]
        print(f"storybot: warning: the facts have {len(errors)} error(s); answering from the "
              "last good index. Run 'storybot check' for details.", file=sys.stderr)
    elif status.broken:
        print(f"storybot: warning: {describe_broken(status.broken)}. Run 'storybot check' for "
              "details.", file=sys.stderr)
    settings = EngineSettings(
        answer_threshold=config.answer_threshold,
        suggestion_threshold=config.suggestion_threshold,
        semantic=config.semantic,
    )
    try:
        return Engine.open(status.db_path, settings)
    except IndexError_ as exc:
        raise CommandError(str(exc)) from exc


def print_problems(problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)
