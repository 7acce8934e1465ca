"""Question latency in process and the cold start of `storybot ask`, against baselines.

Prints medians and 99th percentiles, and the ratio to a baseline measured in the same run:
- in process: a plain rapidfuzz token_set_ratio scan over every fact's answer (the simplest
  fuzzy matcher one could write), on the same questions;
- cold start: `python -c pass` (the interpreter alone) beside `storybot ask "..."`, and with
  --against, another storybot (an older build, say) answering the same question from its own
  index. Cold starts of the commands alternate, so a machine slowing down mid-run weighs on
  each alike.

    python benchmarks/bench_engine.py [--rounds N] [--starts N] [--against STORYBOT]
                                      [--cold-only]

The last line is `RESULT {json}`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from benchmarks.measure import percentile  # noqa: E402
from bot.engine.calibrate import is_correct_text  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.index.store import ensure_index  # noqa: E402
from bot.language.text import clean  # noqa: E402

QUESTION_FILES = [ROOT / "tests/data/dev_questions.jsonl", ROOT / "tests/data/questions.jsonl",
                  ROOT / "tests/data/holdout_questions.jsonl"]


def summary(values_s: list[float]) -> dict[str, float]:
    ms = [v * 1000 for v in values_s]
    return {"p50_ms": round(statistics.median(ms), 4), "p99_ms": round(percentile(ms, 0.99), 4)}


def time_each(function, questions: list[str], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            function(question)
            timings.append(time.perf_counter() - started)
    return timings


def cold_starts(commands: dict[str, list[str]], count: int) -> dict[str, list[float]]:
    """Each command's start-to-exit times, the commands taking turns (after one untimed run
    each, which builds any index and warms the file cache)."""
    for command in commands.values():
        subprocess.run(command, check=True, capture_output=True)
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(count):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            timings[name].append(time.perf_counter() - started)
    return timings


def cold_start_summary(timings: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    """Median and minimum of each command, in seconds, and each median's ratio to ours."""
    ours = statistics.median(timings["storybot"])
    return {name: {"median_s": round(statistics.median(values), 4),
                   "min_s": round(min(values), 4),
                   "storybot_vs_this": round(ours / statistics.median(values), 2)}
            for name, values in timings.items()}


def measure_cold_starts(db: Path, question: str, starts: int, against: str | None
                        ) -> dict[str, dict[str, float]]:
    commands = {"storybot": [sys.executable, "-m", "bot", "ask", "--db", str(db), question],
                "python -c pass": [sys.executable, "-c", "pass"]}
    if against:
        commands["against"] = [against, "ask", "--facts", str(ROOT / "facts"), "--db",
                               str(db.with_name("against.db")), question]
    summary_ = cold_start_summary(cold_starts(commands, starts))
    for name, numbers in summary_.items():
        ratio = "" if name == "storybot" else f"  storybot/this {numbers['storybot_vs_this']:.2f}"
        shown = against if name == "against" else name
        print(f"cold start  {shown}: median {numbers['median_s']:.3f} s, min "
              f"{numbers['min_s']:.3f} s{ratio}  ({starts} alternating runs)")
    return summary_


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the questions")
    parser.add_argument("--starts", type=int, default=15, help="cold starts of each command")
    parser.add_argument("--question", default="who opposed the resolution?",
                        help="what the cold starts ask")
    parser.add_argument("--against", metavar="STORYBOT",
                        help="another storybot executable to compare cold starts with")
    parser.add_argument("--cold-only", action="store_true",
                        help="measure the cold starts only, not the in-process latency")
    args = parser.parse_args()
    if args.cold_only:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            ensure_index(ROOT / "facts", db)
            starts = measure_cold_starts(db, args.question, args.starts, args.against)
        print("RESULT " + json.dumps({"cold_start": starts}))
        return 0

    labelled = [json.loads(line) for path in QUESTION_FILES
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    questions = [item["q"] for item in labelled]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        status = ensure_index(ROOT / "facts", db)
        engine = Engine.open(db)
        answers = [utils.default_process(f.answer) for f in status.base.facts.values()]

        def baseline(question: str):
            return process.extractOne(utils.default_process(clean(question)), answers,
                                      scorer=fuzz.token_set_ratio)

        for question in questions:  # warm caches the way a running bot has them
            engine.ask(question)
            baseline(question)
        ours = summary(time_each(engine.ask, questions, args.rounds))
        scan = summary(time_each(baseline, questions, args.rounds))
        by_answer = {utils.default_process(f.answer): f.answer for f in status.base.facts.values()}
        answerable = [item for item in labelled if not item.get("abstain")]
        ours_right = sum(1 for item in answerable if (a := engine.ask(item["q"])).answered
                         and is_correct_text(item, a.answer))
        scan_right = sum(1 for item in answerable
                         if is_correct_text(item, by_answer[baseline(item["q"])[0]]))

        starts = measure_cold_starts(db, args.question, args.starts, args.against)

    cold, bare = starts["storybot"]["median_s"], starts["python -c pass"]["median_s"]
    result = {
        "questions": len(questions),
        "rounds": args.rounds,
        "engine": ours,
        "fullscan_token_set_ratio": scan,
        "engine_vs_fullscan_p50": round(ours["p50_ms"] / scan["p50_ms"], 2),
        "engine_answerable_right": round(ours_right / len(answerable), 3),
        "fullscan_top_answer_right": round(scan_right / len(answerable), 3),
        "cold_start_s": round(cold, 4),
        "interpreter_start_s": round(bare, 4),
        "cold_start_vs_interpreter": round(cold / bare, 2),
        "cold_start": starts,
    }
    print(f"questions: {len(questions)} x {args.rounds} rounds")
    print(f"engine      p50 {ours['p50_ms']:.3f} ms  p99 {ours['p99_ms']:.3f} ms")
    print(f"full scan   p50 {scan['p50_ms']:.3f} ms  p99 {scan['p99_ms']:.3f} ms "
          "(rapidfuzz token_set_ratio over every answer)")
    print(f"answerable questions right: engine {result['engine_answerable_right']:.1%}, "
          f"full scan's top answer {result['fullscan_top_answer_right']:.1%}")
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
