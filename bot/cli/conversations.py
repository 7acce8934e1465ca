"""`storybot ask --conversations`: standard input as conversations, one turn a line and a
blank line between conversations; one answer per turn, read against the turns before it."""

from __future__ import annotations

import json

from bot.cli.render import render_reply
from bot.conversation import Context, converse


def run_conversations(engine, lines, story: str | None, as_json: bool) -> int:
    context = Context(story=story)
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            context = Context(story=story)  # a blank line ends the conversation
            continue
        reply = converse(engine, context, text)
        if as_json:
            print(json.dumps(reply.to_dict(), ensure_ascii=True), flush=True)
        else:
            print(render_reply(reply), flush=True)
            print()
    return 0
