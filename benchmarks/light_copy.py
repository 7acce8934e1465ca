"""A copy of a facts folder as curated with everyday effort: every fact keeps only its first
few curated questions and every entity its first few aliases.

The bundled story is curated far beyond what a newsroom has time for; this copy shows how
the engine does on a story curated at an ordinary pace.

    python benchmarks/light_copy.py facts OUT/facts [--questions 3] [--aliases 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from pathlib import Path

# tomli-w writes back what the standard library's parser read (dates included), so a
# trimmed file means exactly what the original did, less the trimmed entries.
import tomli_w

QUESTIONS = 3
ALIASES = 3


def _trim(path: Path, table: str, key: str, keep: int) -> None:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    for record in document.get(table, []):
        if key in record:
            record[key] = record[key][:keep]
    path.write_text(tomli_w.dumps(document), encoding="utf-8")


def light_copy(source: Path, target: Path, *, questions: int = QUESTIONS,
               aliases: int = ALIASES) -> Path:
    """Copy the facts folder `source` to `target` (replacing it), then trim every story's
    facts to their first `questions` questions and entities to their first `aliases`."""
    source, target = Path(source), Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for facts in sorted(target.glob("*/facts.toml")):
        _trim(facts, "fact", "questions", questions)
    for entities in sorted(target.glob("*/entities.toml")):
        _trim(entities, "entity", "aliases", aliases)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="the facts folder to copy")
    parser.add_argument("target", type=Path, help="where to write the copy (replaced)")
    parser.add_argument("--questions", type=int, default=QUESTIONS)
    parser.add_argument("--aliases", type=int, default=ALIASES)
    args = parser.parse_args(argv)
    light_copy(args.source, args.target, questions=args.questions, aliases=args.aliases)
    print(f"{args.target}: at most {args.questions} questions a fact, "
          f"{args.aliases} aliases an entity")
    return 0


if __name__ == "__main__":
    sys.exit(main())
