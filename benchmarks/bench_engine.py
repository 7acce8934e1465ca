"""Question latency in process and the cold start of `storybot ask`, against baselines.

Prints medians and 99th percentiles, and the ratio to a baseline measured in the same run:
- in process: a plain rapidfuzz token_set_ratio scan over every fact's answer (the simplest
  fuzzy matcher one could write), on the same questions;
- cold start: `python -c pass` (the interpreter alone) beside `storybot ask "..."`.

    python benchmarks/bench_engine.py [--rounds N] [--starts N]

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


def cold_starts(command: list[str], count: int) -> list[float]:
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20, help="passes over the questions")
    parser.add_argument("--starts", type=int, default=15, help="cold starts of each command")
    args = parser.parse_args()

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

        storybot = [sys.executable, "-m", "bot", "ask", "--db", str(db),
                    "who opposed the resolution?"]
        interpreter = cold_starts([sys.executable, "-c", "pass"], args.starts)
        ask = cold_starts(storybot, args.starts)

    cold, bare = statistics.median(ask), statistics.median(interpreter)
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
    }
    print(f"questions: {len(questions)} x {args.rounds} rounds")
    print(f"engine      p50 {ours['p50_ms']:.3f} ms  p99 {ours['p99_ms']:.3f} ms")
    print(f"full scan   p50 {scan['p50_ms']:.3f} ms  p99 {scan['p99_ms']:.3f} ms "
          "(rapidfuzz token_set_ratio over every answer)")
    print(f"answerable questions right: engine {result['engine_answerable_right']:.1%}, "
          f"full scan's top answer {result['fullscan_top_answer_right']:.1%}")
    print(f"cold start  storybot ask {result['cold_start_s']:.3f} s, "
          f"python -c pass {result['interpreter_start_s']:.3f} s (median of {args.starts})")
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
