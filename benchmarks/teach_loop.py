"""Measure the teaching loop: teach the questions one labelled set declines, then see how
another set's accuracy moves.

    python benchmarks/teach_loop.py FACTS_DIR TAUGHT_DIR --teach SET.jsonl

copies FACTS_DIR (for instance a lightly curated copy of facts/) to TAUGHT_DIR, asks every
question of SET, and teaches each declined one as a curator working through
`storybot unanswered` would: a question the set marks unanswerable is recorded as one the
story does not answer; an answerable one is taught to the fact whose answer says what the
label expects (among those, the one the engine suggested first, else the first in the
file); one no fact's answer fits is left alone. Then score both folders on a different set:

    python3 score_questions.py OTHER.jsonl -- storybot ask --json --facts DIR --db DB
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.curation.teach import TeachError, teach_fact, teach_not_in_story  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.factbase.loader import load_factbase  # noqa: E402
from bot.index.store import ensure_index  # noqa: E402


def fits(expect: list[list[str]], text: str) -> bool:
    """The labelled sets' rule: every group of patterns is found in the answer."""
    text = text.lower()
    return all(re.search("|".join(group), text) for group in expect)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("facts", type=Path)
    parser.add_argument("taught", type=Path)
    parser.add_argument("--teach", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.taught.exists():
        shutil.rmtree(args.taught)
    shutil.copytree(args.facts, args.taught)
    base, _ = load_factbase(args.taught)
    (story,) = sorted(base.stories)  # one story: "not in the story" names it
    with tempfile.TemporaryDirectory() as work:
        engine = Engine.open(ensure_index(args.taught, Path(work) / "i.db").db_path)
        questions = [json.loads(line) for line in args.teach.read_text().splitlines()
                     if line.strip()]
        answers = [engine.ask(q["q"]) for q in questions]
        engine.close()
    counts = {"asked": len(questions), "declined": 0, "to a fact": 0, "not in story": 0,
              "no fact fits": 0, "already there": 0}
    for question, answer in zip(questions, answers, strict=True):
        if answer.answered or answer.reason in ("empty", "greeting", "help"):
            continue
        counts["declined"] += 1
        try:
            if question.get("abstain"):
                teach_not_in_story(args.taught, question["q"], story)
                counts["not in story"] += 1
                continue
            fitting = [f.id for f in base.facts.values() if fits(question["expect"], f.answer)]
            suggested = [a.fact_id for a in answer.alternatives if a.fact_id in fitting]
            if not fitting:
                counts["no fact fits"] += 1
                continue
            teach_fact(args.taught, question["q"], (suggested or fitting)[0])
            counts["to a fact"] += 1
        except TeachError:
            counts["already there"] += 1
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
