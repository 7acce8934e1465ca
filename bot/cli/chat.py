"""`storybot chat`: an interactive console over the engine, for trying storybot locally."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from bot.cli.common import (
    add_common_options,
    add_story_option,
    config_from_args,
    open_engine,
    story_from_args,
)

if TYPE_CHECKING:
    from bot.conversation import Context

CONSOLE_HELP = """\
Type a question about the story and press Enter. Follow-ups lean on what came before:
"what did he say?", "why?", "and Trump?", "tell me more", "what happened next?". Also:
  timeline [ABOUT]   the story's events in date order, optionally about one person or group
  /who NAME          what the story says about a person or group
  help               this text
  quit               leave (Ctrl-D works too)"""


def register(commands) -> None:
    parser = commands.add_parser("chat", help="an interactive console over the bundled story")
    add_story_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=run)


def reply(engine, line: str, story: str | None = None, context: Context | None = None
          ) -> str | None:
    """The console's reply to one line; None means leave. Questions are read against the
    session's context, so "what did he say?" follows on from "who is Pompeo?"."""
    from bot.cli.render import render_answer, render_reply, render_timeline
    from bot.conversation import Context, converse

    text = line.strip()
    command, _, rest = text.partition(" ")
    command = command.lower()
    if command in ("quit", "exit", "bye", "q"):
        return None
    if command in ("help", "?", "/help"):
        return CONSOLE_HELP
    if command in ("timeline", "/timeline"):
        events, entity = engine.timeline(rest or None, story=story)
        if rest and entity is None:
            return f"I know nobody called {rest!r} in this story."
        return render_timeline(events)
    if command == "/who" and rest:  # a bare "who ..." is a question, not this command
        entity = engine.find_entity(rest, story=story)
        if entity is None:
            return f"I know nobody called {rest!r} in this story."
        profile = engine.answer_fact(entity.profile) if entity.profile else None
        if profile is not None:
            return render_answer(profile)
        return f"{entity.name}: {entity.description or entity.kind}"
    if context is None:
        context = Context(story=story)
    return render_reply(converse(engine, context, text))


def run(args: argparse.Namespace) -> int:
    from bot.conversation import Context

    engine = open_engine(config_from_args(args))
    story = story_from_args(engine, args)
    stories = [engine.stories[story]] if story else list(engine.stories.values())
    if len(stories) <= 3:
        about = ", ".join(f"“{s.title}”" for s in stories)
    else:
        about = f"{len(stories)} stories (--story ID for one of them)"
    print(f"storybot: ask me about {about}.")
    print("Type 'help' for commands, 'quit' to leave.")
    context = Context(story=story)  # the session is one conversation
    while True:
        try:
            line = input("\nyou> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line.strip():
            continue
        answer = reply(engine, line, story, context)
        if answer is None:
            return 0
        print(answer)
