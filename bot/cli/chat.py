"""`storybot chat`: an interactive console over the engine, for trying storybot locally."""

from __future__ import annotations

import argparse

from bot.cli.common import add_common_options, config_from_args, open_engine
from bot.cli.render import render_answer, render_timeline

CONSOLE_HELP = """\
Type a question about the story and press Enter. Also:
  timeline [ABOUT]   the story's events in date order, optionally about one person or group
  /who NAME          what the story says about a person or group
  help               this text
  quit               leave (Ctrl-D works too)"""


def register(commands) -> None:
    parser = commands.add_parser("chat", help="an interactive console over the bundled story")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def reply(engine, line: str) -> str | None:
    """The console's reply to one line; None means leave."""
    text = line.strip()
    command, _, rest = text.partition(" ")
    command = command.lower()
    if command in ("quit", "exit", "bye", "q"):
        return None
    if command in ("help", "?", "/help"):
        return CONSOLE_HELP
    if command in ("timeline", "/timeline"):
        events, entity = engine.timeline(rest or None)
        if rest and entity is None:
            return f"I know nobody called {rest!r} in this story."
        return render_timeline(events)
    if command == "/who" and rest:  # a bare "who ..." is a question, not this command
        entity = engine.find_entity(rest)
        if entity is None:
            return f"I know nobody called {rest!r} in this story."
        profile = engine.answer_fact(entity.profile) if entity.profile else None
        if profile is not None:
            return render_answer(profile)
        return f"{entity.name}: {entity.description or entity.kind}"
    return render_answer(engine.ask(text))


def run(args: argparse.Namespace) -> int:
    engine = open_engine(config_from_args(args))
    titles = ", ".join(f"“{s.title}”" for s in engine.stories.values())
    print(f"storybot: ask me about {titles}.")
    print("Type 'help' for commands, 'quit' to leave.")
    while True:
        try:
            line = input("\nyou> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line.strip():
            continue
        answer = reply(engine, line)
        if answer is None:
            return 0
        print(answer)
