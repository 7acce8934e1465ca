"""Accuracy on every labelled story: each test story's question set alone and beside the
others, and the bundled story's set as curated and lightly curated.

    python benchmarks/eval_stories.py [--set dev] [--storybot CMD] [--light N] [-v]

A test story is a folder `tests/data/stories/NAME/` with a question set
`<SET>_questions.jsonl` beside its files (the labelled JSONL format: `expect`, a list of
regex alternatives that must all match the lower-cased answer, or `abstain`). Each set is
asked, with `CMD ask --json` and an index of its own:
- alone: the story by itself (with `facts/synonyms.toml`);
- beside the bundled story: it and the bundled `facts/`, no story chosen;
- beside the others: the bundled `facts/` and every test story together, no story chosen.
The bundled `tests/data/<SET>_questions.jsonl` is asked against `facts/` as curated and
against a light copy (benchmarks/light_copy.py: N questions a fact, N aliases an entity).

Per run it prints answerable questions answered right, unanswerable ones declined, wrong
answers (an answer to an unanswerable question, or one that misses its regexes), and
"top ranked right": answerable questions whose top-ranked fact is right, the answer when it
answered, else its first "did you mean" — whether the ranking finds the fact even when the
engine is not sure enough to answer. The scoring rule is that of the labelled sets'
scorer. CMD defaults to this checkout's storybot; give another (`--storybot
../base/.venv/bin/storybot`) to measure an older engine the same way.

Run a story's blind set (`--set blind`) only once, after the work it is meant to judge.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.compare_engines import Source, read_jsonl  # noqa: E402
from benchmarks.light_copy import light_copy  # noqa: E402

DATA_DIR = ROOT / "tests" / "data"
FACTS_DIR = ROOT / "facts"
STORIES_DIR = DATA_DIR / "stories"
LIGHT = 3


@dataclass
class Tally:
    """How one question set fared."""

    answerable: int = 0
    answered_right: int = 0
    unanswerable: int = 0
    declined_right: int = 0
    wrong: int = 0
    top_ranked_right: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0"
        return (f"answerable right {share(self.answered_right, self.answerable)}, "
                f"declined right {share(self.declined_right, self.unanswerable)}, "
                f"wrong {self.wrong}, top ranked right "
                f"{share(self.top_ranked_right, self.answerable)}")


def is_right(expect: list[list[str]], text: str) -> bool:
    """Every group of alternatives has one regex found in the lower-cased text."""
    text = text.lower()
    return all(re.search("|".join(group), text) for group in expect)


def top_ranked_text(reply: dict[str, Any]) -> str:
    """The answer of the fact the engine ranked first, answered or only suggested."""
    if reply.get("answered"):
        return reply.get("answer") or ""
    alternatives = reply.get("alternatives") or []
    return (alternatives[0].get("answer") or "") if alternatives else ""


def score(questions: list[dict[str, Any]], replies: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for question, reply in zip(questions, replies, strict=True):
        answered = bool(reply.get("answered"))
        said = (reply.get("answer") or "")[:100]
        if question.get("abstain"):
            tally.unanswerable += 1
            if answered:
                tally.wrong += 1
                tally.misses.append(f"ANSWERED {question['id']} {question['q']!r} -> {said!r}")
            else:
                tally.declined_right += 1
            continue
        tally.answerable += 1
        if is_right(question["expect"], top_ranked_text(reply)):
            tally.top_ranked_right += 1
        if answered and is_right(question["expect"], reply.get("answer") or ""):
            tally.answered_right += 1
        elif answered:
            tally.wrong += 1
            tally.misses.append(f"WRONG {question['id']} {question['q']!r} -> {said!r}")
        else:
            tally.misses.append(f"DECLINED {question['id']} {question['q']!r}")
    return tally


def story_sets(set_name: str) -> list[tuple[Path, Path]]:
    """(story folder, question set) of every test story that has the set."""
    return [(story, story / f"{set_name}_questions.jsonl")
            for story in sorted(STORIES_DIR.iterdir())
            if (story / "story.toml").is_file()
            and (story / f"{set_name}_questions.jsonl").is_file()]


def _facts_folder(target: Path, stories: list[Path], *, bundled: bool) -> Path:
    if bundled:
        shutil.copytree(FACTS_DIR, target)
    else:
        target.mkdir(parents=True)
        shutil.copy(FACTS_DIR / "synonyms.toml", target)
    for story in stories:
        shutil.copytree(story, target / story.name,
                        ignore=shutil.ignore_patterns("*.jsonl", "*.md"))
    return target


def sources(set_name: str, workdir: Path, light: int) -> list[Source]:
    found = story_sets(set_name)
    every = [story for story in sorted(STORIES_DIR.iterdir()) if (story / "story.toml").is_file()]
    together = _facts_folder(workdir / "together" / "facts", every, bundled=True)
    result = []
    for story, path in found:
        questions = read_jsonl(path)
        alone = _facts_folder(workdir / "alone" / story.name / "facts", [story], bundled=False)
        result.append(Source(f"{story.name} {set_name}, alone", alone, questions))
        paired = _facts_folder(workdir / "paired" / story.name / "facts", [story], bundled=True)
        result.append(Source(f"{story.name} {set_name}, beside the bundled story", paired,
                             questions))
        result.append(Source(f"{story.name} {set_name}, beside the others", together,
                             questions))
    bundled_set = DATA_DIR / f"{set_name}_questions.jsonl"
    if bundled_set.is_file():
        questions = read_jsonl(bundled_set)
        result.append(Source(f"bundled {set_name}, as curated", FACTS_DIR, questions))
        lightly = light_copy(FACTS_DIR, workdir / "light" / "facts", questions=light,
                             aliases=light)
        result.append(Source(f"bundled {set_name}, light ({light}/{light})", lightly,
                             questions))
    return result


def ask_all(command: list[str], source: Source, db_path: Path, env: dict[str, str]
            ) -> list[dict[str, Any]]:
    """Every question of `source` in one batch, answers in question order."""
    args = [*command, "ask", "--json", "--facts", str(source.facts_dir), "--db", str(db_path)]
    # One question a line: a line break inside a question would split it in two.
    lines = "".join(" ".join(item["q"].splitlines()) + "\n" for item in source.questions)
    done = subprocess.run(args, input=lines.encode("utf-8"), capture_output=True,
                          cwd=db_path.parent, env=env, check=False)
    output = done.stdout.decode("utf-8").splitlines()
    if done.returncode != 0 or len(output) != len(source.questions):
        raise SystemExit(f"{shlex.join(args)} failed (exit {done.returncode}, {len(output)} "
                         f"answers for {len(source.questions)} questions):\n"
                         + done.stderr.decode("utf-8", "replace")[-2000:])
    return [json.loads(line) for line in output]


def _env(own_checkout: bool) -> dict[str, str]:
    """This checkout's package first when measuring it; another storybot runs its own."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if own_checkout:
        env["PYTHONPATH"] = str(ROOT)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default="dev", metavar="NAME",
                        help="the question sets <NAME>_questions.jsonl (default: dev)")
    parser.add_argument("--storybot", metavar="CMD",
                        help="the storybot command to measure (default: this checkout)")
    parser.add_argument("--light", type=int, default=LIGHT, metavar="N",
                        help="questions a fact and aliases an entity in the light copy")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every question not answered right")
    args = parser.parse_args(argv)
    command = (shlex.split(args.storybot) if args.storybot
               else [sys.executable, "-m", "bot"])
    with tempfile.TemporaryDirectory(prefix="eval-stories-") as scratch:
        workdir = Path(scratch)
        for number, source in enumerate(sources(args.set, workdir, args.light)):
            replies = ask_all(command, source, workdir / f"index-{number}.db",
                              _env(own_checkout=not args.storybot))
            tally = score(source.questions, replies)
            print(f"{source.name}: {tally.line()}", flush=True)
            if args.verbose:
                for miss in tally.misses:
                    print(f"    {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
