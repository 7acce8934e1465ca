"""Ask every labelled question with an old storybot and with this checkout, and diff the answers.

    python benchmarks/compare_engines.py [--old CMD] [--new CMD] [--alternatives]
                                         [--facts N] [--skip-synthetic] [--workdir DIR]

Run it before merging a change that must not change behaviour (a refactoring, a speed-up):
zero differences is the bar, and the exit status is 1 on any difference. CMD is any
storybot command, split like a shell line: `--old ../base/.venv/bin/storybot` (default:
$STORYBOT_OLD, else ../wt-base/.venv/bin/storybot beside this checkout, a checkout of main
before the change) and `--new` (default: this checkout, run with the Python running this
script). Each engine answers one batch per question set, `CMD ask --json --facts DIR --db
PATH` with the questions on standard input, with an index of its own.

Questions come from:
- every labelled set `tests/data/*questions*.jsonl`, against the bundled `facts/`; a set in
  a test story's folder (`tests/data/stories/NAME/*questions*.jsonl`) or named after one
  (`tests/data/NAME*questions*.jsonl`) against that story alone (with `facts/synonyms.toml`),
  and all of those sets again against every test story beside the bundled ones;
- the bundled sets again against a lightly curated copy of `facts/` (benchmarks/light_copy.py:
  3 questions a fact, 3 aliases an entity);
- the planted questions of the synthetic archive of `bench_scale.py --facts 10000`
  (benchmarks/synthetic.py, seed 0).

An answer is the same when `answered`, `fact_id` and `score` (to 0.1) are; with
--alternatives, the "did you mean" fact ids too. It prints, per source, the questions
compared and the differences, then every difference.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.light_copy import light_copy  # noqa: E402
from benchmarks.synthetic import generate_archive, read_planted  # noqa: E402

DATA_DIR = ROOT / "tests" / "data"
FACTS_DIR = ROOT / "facts"
STORIES_DIR = DATA_DIR / "stories"
SYNTHETIC_FACTS = 10_000
DEFAULT_OLD = ROOT.parent / "wt-base" / ".venv" / "bin" / "storybot"


@dataclass
class Source:
    """One batch of questions and the facts folder they are asked against."""

    name: str
    facts_dir: Path
    questions: list[dict[str, Any]]  # each with "q", and "story" to scope it to one story


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _story_of(path: Path) -> str | None:
    """The test story a question set belongs to, or None for the bundled facts."""
    if path.parent.parent == STORIES_DIR:
        return path.parent.name
    stories = sorted((p.name for p in STORIES_DIR.iterdir() if p.is_dir()), key=len,
                     reverse=True) if STORIES_DIR.is_dir() else []
    return next((name for name in stories if path.name.startswith(name)), None)


def _one_story_facts(story: str, workdir: Path) -> Path:
    facts = workdir / "stories" / story
    if not facts.exists():
        shutil.copytree(STORIES_DIR / story, facts / story)
        synonyms = FACTS_DIR / "synonyms.toml"
        if synonyms.exists():
            shutil.copy(synonyms, facts / synonyms.name)
    return facts


def labelled_sources(workdir: Path) -> list[Source]:
    paths = sorted(DATA_DIR.glob("*questions*.jsonl")) + sorted(
        STORIES_DIR.glob("*/*questions*.jsonl"))
    light = light_copy(FACTS_DIR, workdir / "light" / "facts")
    sources, bundled, beside = [], [], []
    for path in paths:
        story = _story_of(path)
        name = str(path.relative_to(DATA_DIR))
        if story is not None and not (STORIES_DIR / story / "facts.toml").exists():
            print(f"  {name}: skipped, its story has no facts yet", flush=True)
            continue
        questions = read_jsonl(path)
        if story is None:
            sources.append(Source(name, FACTS_DIR, questions))
            bundled += questions
        else:
            sources.append(Source(name, _one_story_facts(story, workdir), questions))
            beside += questions
    sources.append(Source("light copy of facts/ (bundled sets)", light, bundled))
    if beside:
        sources.append(Source("test stories beside facts/ (their sets)",
                              _all_stories_facts(workdir), beside))
    return sources


def _all_stories_facts(workdir: Path) -> Path:
    """The bundled facts with every test story that has facts beside them."""
    facts = workdir / "all-stories" / "facts"
    shutil.copytree(FACTS_DIR, facts)
    for story in sorted(STORIES_DIR.glob("*/facts.toml")):
        shutil.copytree(story.parent, facts / story.parent.name)
    return facts


def synthetic_source(workdir: Path, facts: int) -> Source:
    started = time.perf_counter()
    info = generate_archive(workdir / "synthetic" / "facts", facts, 0,
                            planted_path=workdir / "synthetic" / "planted.jsonl")
    print(f"  synthetic archive of {facts} facts generated in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    return Source(f"synthetic archive, {facts} facts", info.facts_dir,
                  read_planted(info.planted_path))


def ask_all(command: list[str], source: Source, db_path: Path, *, own_checkout: bool = True
            ) -> list[dict[str, Any]]:
    """Every question of `source`, one batch per story scope, answers in question order."""
    answers: list[dict[str, Any] | None] = [None] * len(source.questions)
    scopes: dict[str | None, list[int]] = {}
    for number, item in enumerate(source.questions):
        scopes.setdefault(item.get("story"), []).append(number)
    for story, numbers in scopes.items():
        args = [*command, "ask", "--json", "--facts", str(source.facts_dir), "--db",
                str(db_path)] + (["--story", story] if story else [])
        # One question a line: a line break inside a question would split it in two.
        lines = "".join(" ".join(source.questions[n]["q"].splitlines()) + "\n"
                        for n in numbers)
        done = subprocess.run(args, input=lines.encode("utf-8"), capture_output=True,
                              cwd=db_path.parent, env=_env(own_checkout), check=False)
        output = done.stdout.decode("utf-8").splitlines()
        if done.returncode != 0 or len(output) != len(numbers):
            raise SystemExit(f"{shlex.join(args)} failed (exit {done.returncode}, "
                             f"{len(output)} answers for {len(numbers)} questions):\n"
                             + done.stderr.decode("utf-8", "replace")[-2000:])
        for number, line in zip(numbers, output, strict=True):
            answers[number] = json.loads(line)
    return [answer for answer in answers if answer is not None]


def _env(own_checkout: bool) -> dict[str, str]:
    """The checkout's own package first for `--new` run with this Python; nothing of it for
    the old storybot, which would otherwise import this checkout's package instead of its
    own (PYTHONPATH comes before an installed package) and compare the new code with itself."""
    env = dict(os.environ)
    if own_checkout:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    else:
        env.pop("PYTHONPATH", None)
    return env


def essentials(answer: dict[str, Any], alternatives: bool) -> dict[str, Any]:
    """What must not change: whether it answered, with which fact, at which score."""
    kept = {"answered": answer.get("answered"), "fact_id": answer.get("fact_id"),
            "score": round(float(answer.get("score") or 0.0), 1)}
    if alternatives:
        kept["alternatives"] = [a.get("fact_id") for a in answer.get("alternatives") or []]
    return kept


def differences(source: Source, old: list[dict], new: list[dict], alternatives: bool
                ) -> list[str]:
    found = []
    for item, before, after in zip(source.questions, old, new, strict=True):
        was, now = essentials(before, alternatives), essentials(after, alternatives)
        if was != now:
            found.append(f"[{source.name}] {item['q']!r}\n    old: {json.dumps(was)}\n"
                         f"    new: {json.dumps(now)}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", default=os.environ.get("STORYBOT_OLD", str(DEFAULT_OLD)),
                        help="the storybot command to compare against (default: %(default)s)")
    parser.add_argument("--new", default=shlex.join([sys.executable, "-m", "bot.cli.main"]),
                        help="the storybot command under test (default: this checkout)")
    parser.add_argument("--alternatives", action="store_true",
                        help="also compare the 'did you mean' suggestions")
    parser.add_argument("--facts", type=int, default=SYNTHETIC_FACTS,
                        help="facts in the synthetic archive (default: %(default)s)")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--workdir", type=Path, help="keep the folders and indexes here")
    args = parser.parse_args(argv)
    old, new = shlex.split(args.old), shlex.split(args.new)
    if not shutil.which(old[0]):
        parser.error(f"no old storybot at {old[0]}: give --old CMD or set STORYBOT_OLD")

    started = time.perf_counter()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="compare-engines-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        sources = labelled_sources(workdir)
        if not args.skip_synthetic:
            sources.append(synthetic_source(workdir, args.facts))
        summary, found = [], []
        folders = {}  # one index per facts folder and engine: sets share the bundled one
        for source in sources:
            answers = {}
            number = folders.setdefault(source.facts_dir, len(folders))
            for side, command in (("old", old), ("new", new)):
                db = workdir / f"{side}-{number}" / "storybot.db"
                db.parent.mkdir(parents=True, exist_ok=True)
                answers[side] = ask_all(command, source, db, own_checkout=side == "new")
            diff = differences(source, answers["old"], answers["new"], args.alternatives)
            summary.append((source.name, len(source.questions), len(diff)))
            found += diff
            print(f"  {source.name}: {len(source.questions)} questions, "
                  f"{len(diff)} differences", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    compared = sum(count for _, count, _ in summary)
    print(f"\nold: {args.old}\nnew: {args.new}\ncompared: answered, fact_id, score to 0.1"
          + (", alternatives" if args.alternatives else ""))
    width = max(len(name) for name, _, _ in summary)
    for name, count, diff in summary:
        print(f"{name:<{width}}  {count:>5} questions  {diff:>4} differences")
    print(f"{'all':<{width}}  {compared:>5} questions  {len(found):>4} differences "
          f"({time.perf_counter() - started:.0f} s)")
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
