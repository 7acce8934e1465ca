#!/usr/bin/env python3
"""Score a command against labelled conversations, turn by turn.

usage: score_conversations.py [-v] CONVERSATIONS.jsonl -- CMD [ARGS...]

CMD is run once per story of the set, with `--story ID` added, reads turns one a line
(a blank line between conversations) and prints one JSON object per turn, as
`storybot ask --json --conversations` does. The rule is that of the single-question sets
(see bot/conversation/scoring.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.conversation.scoring import Score, load_conversations  # noqa: E402


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    verbose = "-v" in options
    path = next(a for a in options if a != "-v")
    conversations = load_conversations(path)
    by_story: dict[str, list[dict]] = {}
    for conversation in conversations:
        by_story.setdefault(conversation.get("story", ""), []).append(conversation)
    score = Score()
    for story, group in by_story.items():
        stdin = "\n".join("".join(t["q"].replace("\n", " ") + "\n" for t in c["turns"])
                          for c in group)
        result = subprocess.run([*command, *(["--story", story] if story else [])],
                                input=stdin, capture_output=True, text=True, timeout=600)
        replies = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        expected = sum(len(c["turns"]) for c in group)
        if result.returncode != 0 or len(replies) != expected:
            print(f"command failed for {story!r}: rc={result.returncode}, "
                  f"{len(replies)}/{expected} replies\n{result.stderr[-2000:]}")
            return 1
        replies.reverse()
        for conversation in group:
            for index, turn in enumerate(conversation["turns"]):
                score.add(conversation["id"], index, turn, replies.pop())
    if verbose:
        print("\n".join(score.misses))
    print("SCORE " + score.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
