"""`/admin reload`'s rebuild, run as a child process in a process group of its own.

The rebuild reads stories on every core in worker processes. Run inside the bot, a
rebuild could not be stopped: SIGTERM had to wait for it, and a killed bot left its
workers running. As a child leading its own group, the bot stops it and every worker it
started with one signal to the group.

Prints one JSON object: {"ok": bool (a new index was written), "problems": [[file, where,
message, level], ...], "broken": {story id: "kept" | "left out"}}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from bot.index.store import rebuild_index

    facts_dir, db_path = argv
    result = rebuild_index(Path(facts_dir), Path(db_path))
    json.dump({"ok": result.base is not None,
               "problems": [[p.file, p.where, p.message, p.level] for p in result.problems],
               "broken": result.broken},
              sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
