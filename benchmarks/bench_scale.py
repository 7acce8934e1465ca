"""storybot over a synthetic archive of N facts, against two baselines in the same run.

    python benchmarks/bench_scale.py --facts N [--workdir DIR] [--keep] [--seed S]
                                     [--questions Q] [--skip-fullscan] [--profile]
                                     [--no-shared-entities]

Generates an archive with benchmarks/synthetic.py (not timed), then measures:
- build: `bot.index.store.rebuild` (read and validate the TOML, write the SQLite index),
  the index's size, the engine's opening time;
- questions: every planted question (300 answerable, 150 with no answer, whatever N is;
  or an even sample of Q of them), one pass, each call timed: p50/p99, top1 (answered
  with the planted fact) and abstain (no-answer questions declined);
- the same questions with two baselines: `fullscan`, rapidfuzz token_set_ratio over
  every fact's answer (the simplest fuzzy matcher), and `bm25`, SQLite FTS5 (porter) over
  answer, quote and questions with an OR of the question's content words. Neither
  declines by itself: each is given the cutoff on its own score that does best on these
  very questions (an oracle, so the baselines' top1/abstain are upper bounds);
- memory: peak RSS after the engine answered (build included, baselines not yet built),
  the build's peak with its worker processes (sampled), and the peak of a separate
  process that only opens the index and answers 100 questions (what a bot needs);
- reload: one fact edited, the index rebuilt in place (as `/admin reload` does: the
  unchanged stories are copied from the current index, and the new file is renamed over
  the old one, which the old engine keeps reading) and a new engine opened, in a
  background thread while the old engine keeps answering.

The last line is `RESULT {json}`.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process, utils  # noqa: E402

from benchmarks.measure import percentile  # noqa: E402
from benchmarks.synthetic import MARKER_FILE, generate_archive  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.factbase.loader import has_errors  # noqa: E402
from bot.index.store import rebuild  # noqa: E402

FULLSCAN_SAMPLE = 20  # questions the full scan answers when it would take too long
FULLSCAN_ALL_UP_TO = 200_000  # facts; beyond, a full scan costs seconds per question
SERVE_SAMPLE = 100  # questions the separate memory-measuring process answers
WARM_UP = ["who is the president?", "what happened last week?", "how many troops?"]
BM25_STOPWORDS = frozenset("""
a an the and or but if of to in on at by for from with about as into onto over under than
then so that this these those there here it its is are was were be been being am do does
did done have has had will would shall should can could may might must i me my we our you
your he him his she her they them their not no nor yes any all some each every both other
what which who whom whose when where why how whats whos
""".split())


# ---------------------------------------------------------------------- storybot


def open_storybot(db_path: Path) -> Any:
    """The engine over an index file: the one place that knows how storybot opens."""
    if hasattr(Engine, "open"):
        return Engine.open(db_path)
    from bot.index.store import load_index

    return Engine(load_index(db_path))


def build_storybot(facts_dir: Path, db_path: Path) -> None:
    _, problems = rebuild(facts_dir, db_path)
    if has_errors(problems):
        errors = [str(p) for p in problems if p.level == "error"]
        raise SystemExit(f"storybot rejected the archive ({len(errors)} errors):\n"
                         + "\n".join(errors[:10]))


def reload_storybot(facts_dir: Path, db_path: Path) -> Any:
    """What a running bot does after a curator's edit: a new index file, a new engine."""
    build_storybot(facts_dir, db_path)
    return open_storybot(db_path)


def close_storybot(engine: Any) -> None:
    close = getattr(engine, "close", None)
    if close is not None:
        close()


# ---------------------------------------------------------------------- measuring


@dataclass
class Outcome:
    seconds: float
    fact_id: str | None  # None: declined
    score: float = 0.0  # the baselines' own score, for their cutoff


def given(outcome: Outcome, cutoff: float | None) -> str | None:
    """The fact an answerer gives, once scores under its cutoff count as declines."""
    if cutoff is not None and outcome.score < cutoff:
        return None
    return outcome.fact_id


def latency(outcomes: list[Outcome]) -> dict[str, float]:
    ms = [o.seconds * 1000 for o in outcomes] or [0.0]
    return {"p50_ms": round(statistics.median(ms), 3), "p99_ms": round(percentile(ms, 0.99), 3)}


def run(answer: Callable[[str], tuple[str | None, float]], planted: list[dict]
        ) -> list[Outcome]:
    for question in WARM_UP:  # imports and caches the first call would pay
        answer(question)
    outcomes = []
    for item in planted:
        started = time.perf_counter()
        fact_id, score = answer(item["q"])
        outcomes.append(Outcome(time.perf_counter() - started, fact_id, score))
    return outcomes


def accuracy(outcomes: list[Outcome], planted: list[dict], cutoff: float | None = None
             ) -> dict[str, float]:
    """top1: answerable questions answered with their fact; abstain: no-answer ones declined."""
    right = declined = answerable = 0
    for outcome, item in zip(outcomes, planted, strict=True):
        fact_id = given(outcome, cutoff)
        if item.get("abstain"):
            declined += fact_id is None
        else:
            answerable += 1
            right += fact_id == item["fact"]
    no_answer = len(planted) - answerable
    return {"top1": round(right / max(answerable, 1), 4),
            "abstain": round(declined / max(no_answer, 1), 4)}


def best_cutoff(outcomes: list[Outcome], planted: list[dict]) -> float:
    """The score below which declining gets the most questions right (chosen on the test
    questions themselves: generous to the baseline)."""
    def right(cutoff: float) -> float:
        result = accuracy(outcomes, planted, cutoff)
        answerable = sum(1 for item in planted if not item.get("abstain"))
        return (result["top1"] * answerable
                + result["abstain"] * (len(planted) - answerable))
    return max(sorted({o.score for o in outcomes} | {0.0}), key=right)


def by_kind(outcomes: list[Outcome], planted: list[dict], cutoff: float | None = None
            ) -> dict[str, float]:
    """Share right per kind of planted question (declined, for the no-answer ones)."""
    groups: dict[str, list[bool]] = {}
    for outcome, item in zip(outcomes, planted, strict=True):
        kind = item.get("why", item["kind"])
        fact_id = given(outcome, cutoff)
        good = fact_id is None if item.get("abstain") else fact_id == item["fact"]
        groups.setdefault(kind, []).append(good)
    return {kind: round(sum(v) / len(v), 3) for kind, v in sorted(groups.items())}


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def own_peak_rss_mb() -> float:
    """Peak RSS of this program alone: Linux carries ru_maxrss over fork and exec, so a
    child would report its parent's peak; VmHWM belongs to the new program's memory."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return peak_rss_mb()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return round(int(found.group(1)) / 1024, 1) if found else peak_rss_mb()


def process_tree_rss_mb(root: int) -> dict[int, float]:
    """RSS of a process and all its descendants, from /proc (empty where there is none)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        children.setdefault(parent, []).append(int(stat.parent.name))
    page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
    sizes, waiting = {}, [root]
    while waiting:
        pid = waiting.pop()
        try:
            sizes[pid] = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_mb
        except (OSError, IndexError, ValueError):
            continue
        waiting.extend(children.get(pid, ()))
    return sizes


class TreeMemory:
    """Samples the RSS of this process and its descendants while a step runs: the build's
    workers are children of multiprocessing's forkserver, which getrusage never waits for,
    so neither RUSAGE_SELF nor RUSAGE_CHILDREN sees them."""

    def __init__(self, interval_s: float = 0.1) -> None:
        self.interval_s = interval_s
        self.peak_total_mb = 0.0  # summed (pages shared between processes count twice)
        self.peak_worker_mb = 0.0  # the largest single descendant
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="memory", daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            sizes = process_tree_rss_mb(me)
            self.peak_total_mb = max(self.peak_total_mb, sum(sizes.values()))
            workers = [size for pid, size in sizes.items() if pid != me]
            self.peak_worker_mb = max([self.peak_worker_mb, *workers])
            self._stop.wait(self.interval_s)


def serving_rss_mb(db_path: Path, planted_path: Path, count: int) -> float:
    """Peak RSS of a fresh process that only opens the index and answers `count` of the
    planted questions: what a bot needs, without the build's or the baselines' memory."""
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
            "from benchmarks.bench_scale import open_storybot, own_peak_rss_mb, sample;"
            "from benchmarks.synthetic import read_planted;"
            "engine = open_storybot(Path(sys.argv[2]));"
            "planted = sample(read_planted(Path(sys.argv[3])), int(sys.argv[4]));"
            "[engine.ask(item['q']) for item in planted];"
            "print(own_peak_rss_mb())")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT), str(db_path),
                           str(planted_path), str(count)],
                          capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


# ---------------------------------------------------------------------- baselines


def fact_texts(facts_dir: Path) -> Iterator[tuple[str, str, str, list[str]]]:
    """(id, answer, quote, questions) of every fact, read straight from the TOML."""
    for path in sorted(facts_dir.glob("*/facts.toml")):
        for fact in tomllib.loads(path.read_text(encoding="utf-8")).get("fact", []):
            yield fact["id"], fact["answer"], fact["quote"], fact.get("questions", [])


class FullScan:
    """rapidfuzz token_set_ratio against every answer, preprocessed once."""

    def __init__(self, facts_dir: Path) -> None:
        self.ids: list[str] = []
        self.choices: list[str] = []
        for fact_id, answer, _, _ in fact_texts(facts_dir):
            self.ids.append(fact_id)
            self.choices.append(utils.default_process(answer))

    def answer(self, question: str) -> tuple[str | None, float]:
        found = process.extractOne(utils.default_process(question), self.choices,
                                   scorer=fuzz.token_set_ratio)
        return (self.ids[found[2]], found[1]) if found else (None, 0.0)


class Bm25:
    """SQLite FTS5 with the porter tokenizer; the query is an OR of the content words."""

    def __init__(self, facts_dir: Path, db_path: Path) -> None:
        db_path.unlink(missing_ok=True)
        self.conn = sqlite3.connect(db_path, check_same_thread=False)
        self.conn.execute("CREATE VIRTUAL TABLE docs USING fts5(fact_id UNINDEXED, body, "
                          "tokenize='porter')")
        with self.conn:
            self.conn.executemany(
                "INSERT INTO docs (fact_id, body) VALUES (?, ?)",
                ((fact_id, " ".join([answer, quote, *questions]))
                 for fact_id, answer, quote, questions in fact_texts(facts_dir)))

    @staticmethod
    def match_expression(question: str) -> str:
        words = dict.fromkeys(w for w in re.findall(r"[^\W_]+", question.casefold())
                              if w not in BM25_STOPWORDS)
        return " OR ".join(f'"{word}"' for word in words)

    def answer(self, question: str) -> tuple[str | None, float]:
        expression = self.match_expression(question)
        if not expression:
            return None, 0.0
        row = self.conn.execute("SELECT fact_id, rank FROM docs WHERE docs MATCH ? "
                                "ORDER BY rank LIMIT 1", (expression,)).fetchone()
        return (row[0], -row[1]) if row else (None, 0.0)  # rank is bm25, negated

    def close(self) -> None:
        self.conn.close()


def baseline_result(outcomes: list[Outcome], planted: list[dict]) -> dict[str, Any]:
    cutoff = best_cutoff(outcomes, planted)
    return {**latency(outcomes), **accuracy(outcomes, planted, cutoff),
            "cutoff": round(cutoff, 3), "top1_any": accuracy(outcomes, planted)["top1"],
            "questions": len(outcomes), "by_kind": by_kind(outcomes, planted, cutoff)}


def sample(planted: list[dict], count: int) -> list[dict]:
    """Every k-th question: the same kinds in about the same shares."""
    if count >= len(planted):
        return planted
    step = len(planted) / count
    return [planted[int(i * step)] for i in range(count)]


# ---------------------------------------------------------------------- reload


def edit_one_fact(facts_dir: Path) -> str:
    """Change one fact's answer as a curator would, keeping the file valid; its id."""
    path = sorted(facts_dir.glob("*/facts.toml"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    fact_id = ""
    for index, line in enumerate(lines):
        if line.startswith("id = "):
            fact_id = json.loads(line[len("id = "):])
        if line.startswith('answer = "') and line.endswith('."'):
            lines[index] = line[:-2] + ', officials confirmed."'
            break
    path.write_text("\n".join(lines), encoding="utf-8")
    return fact_id


def measure_reload(engine: Any, facts_dir: Path, db_path: Path, planted: list[dict]
                   ) -> tuple[float, list[Outcome]]:
    """Reload in a thread while the old engine keeps answering; (reload seconds, answers
    given meanwhile)."""
    done: dict[str, Any] = {}

    def reload() -> None:
        started = time.perf_counter()
        try:
            close_storybot(reload_storybot(facts_dir, db_path))
        except BaseException as exc:  # reported by the main thread
            done["error"] = exc
        done["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=reload, name="reload")
    worker.start()
    outcomes: list[Outcome] = []
    while worker.is_alive():
        item = planted[len(outcomes) % len(planted)]
        started = time.perf_counter()
        answer = engine.ask(item["q"])
        outcomes.append(Outcome(time.perf_counter() - started,
                                answer.fact_id if answer.answered else None))
    worker.join()
    if "error" in done:
        raise done["error"]
    return done["seconds"], outcomes


# ---------------------------------------------------------------------- the run


def prepare_workdir(workdir: Path | None) -> tuple[Path, bool]:
    """The folder to work in, and whether it is ours to delete at the end."""
    if workdir is None:
        return Path(tempfile.mkdtemp(prefix="bench-scale-")), True
    facts_dir = workdir / "facts"
    if facts_dir.exists():
        if not (facts_dir / MARKER_FILE).exists():
            raise SystemExit(f"{facts_dir} exists and is no synthetic archive; "
                             "give another --workdir")
        shutil.rmtree(facts_dir)
    workdir.mkdir(parents=True, exist_ok=True)
    return workdir, False


class Profiler:
    """cProfile around chosen steps when --profile is given; the top entries are printed."""

    def __init__(self, enabled: bool, out_dir: Path) -> None:
        self.enabled = enabled
        self.out_dir = out_dir

    def call(self, name: str, function: Callable[[], Any]) -> Any:
        if not self.enabled:
            return function()
        profile = cProfile.Profile()
        result = profile.runcall(function)
        path = self.out_dir / f"{name}.prof"
        profile.dump_stats(path)
        print(f"\nprofile of {name} ({path}), by own time:")
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)
        return result


def storybot_answer(engine: Any) -> Callable[[str], tuple[str | None, float]]:
    def answer(question: str) -> tuple[str | None, float]:
        result = engine.ask(question)
        return (result.fact_id if result.answered else None), 0.0
    return answer


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def row(name: str, result: dict[str, Any], note: str = "") -> None:
    print(f"{name:<10} {result['p50_ms']:>10.3f} {result['p99_ms']:>10.3f} "
          f"{result['top1']:>7.1%} {result['abstain']:>8.1%}  {note}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path,
                        help="where the archive and indexes go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--questions", type=int,
                        help="ask only this many of the planted questions (an even sample)")
    parser.add_argument("--skip-fullscan", action="store_true",
                        help=f"run the full scan on {FULLSCAN_SAMPLE} questions only "
                        f"(the default above {FULLSCAN_ALL_UP_TO:,} facts)")
    parser.add_argument("--no-shared-entities", action="store_true",
                        help="every story its own people, organisations and places")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the build and the questions (slows both)")
    args = parser.parse_args()

    workdir, temporary = prepare_workdir(args.workdir)
    try:
        result = benchmark(args, workdir)
    finally:
        if temporary and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif temporary:
            print(f"kept {workdir}")
    print("RESULT " + json.dumps(result))
    return 0


def measure_build(facts_dir: Path, db_path: Path, profiler: Profiler) -> dict[str, Any]:
    with TreeMemory() as tree:
        _, build_s = timed(lambda: profiler.call("build",
                                                 lambda: build_storybot(facts_dir, db_path)))
    result = {"build_s": round(build_s, 3), "db_mb": round(db_path.stat().st_size / 2**20, 2),
              "build_rss_mb": peak_rss_mb(), "build_tree_mb": round(tree.peak_total_mb, 1),
              "build_worker_mb": round(tree.peak_worker_mb, 1)}
    print(f"build      {build_s:.2f} s, index {result['db_mb']:.1f} MB; peak RSS "
          f"{result['build_rss_mb']:.0f} MB, with the worker processes "
          f"{result['build_tree_mb']:.0f} MB (largest worker {result['build_worker_mb']:.0f}"
          " MB)", flush=True)
    return result


def measure_storybot(engine: Any, planted: list[dict], profiler: Profiler
                     ) -> dict[str, Any]:
    outcomes = profiler.call("questions", lambda: run(storybot_answer(engine), planted))
    result = {**latency(outcomes), **accuracy(outcomes, planted),
              "by_kind": by_kind(outcomes, planted)}
    row("storybot", result)
    print("  by kind  " + "  ".join(f"{k} {v:.0%}" for k, v in result["by_kind"].items()))
    return result


def measure_baselines(facts_dir: Path, workdir: Path, planted: list[dict],
                      fullscan_count: int) -> dict[str, Any]:
    scan_questions = sample(planted, fullscan_count)
    scan = FullScan(facts_dir)
    fullscan = baseline_result(run(scan.answer, scan_questions), scan_questions)
    del scan
    row("fullscan", fullscan, f"cutoff {fullscan['cutoff']} (best on these questions), "
        f"{fullscan['questions']} questions")
    index = Bm25(facts_dir, workdir / "bm25.db")
    bm25 = baseline_result(run(index.answer, planted), planted)
    index.close()
    row("bm25", bm25, f"cutoff {bm25['cutoff']} (best on these questions)")
    return {"fullscan": fullscan, "bm25": bm25}


def benchmark(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    facts_dir, db_path = workdir / "facts", workdir / "storybot.db"
    db_path.unlink(missing_ok=True)
    profiler = Profiler(args.profile, workdir)
    info = generate_archive(facts_dir, args.facts, args.seed, planted_path=workdir /
                            "planted.jsonl", shared_entities=not args.no_shared_entities)
    planted = sample(info.planted, args.questions or len(info.planted))
    print(f"archive    {info.facts:,} facts in {info.stories:,} stories, {info.entities:,} "
          f"entities ({info.entity_records:,} records), generated in {info.seconds:.1f} s "
          f"in {workdir}")
    no_answer = sum(1 for item in planted if item.get("abstain"))
    print(f"questions  {len(planted) - no_answer} answerable and {no_answer} with no answer"
          + (f" (a sample of {len(info.planted)})" if len(planted) < len(info.planted) else ""),
          flush=True)

    build = measure_build(facts_dir, db_path, profiler)
    engine, open_s = timed(lambda: open_storybot(db_path))
    print(f"open       {open_s:.3f} s", flush=True)
    print(f"\n{'':<10} {'p50 ms':>10} {'p99 ms':>10} {'top1':>7} {'abstain':>8}")
    storybot = measure_storybot(engine, planted, profiler)
    rss_mb = peak_rss_mb()  # before any baseline is built: storybot's own (and the build's)
    serve_rss = serving_rss_mb(db_path, info.planted_path, min(SERVE_SAMPLE, len(planted)))
    fullscan_count = len(planted)
    if args.skip_fullscan or info.facts > FULLSCAN_ALL_UP_TO:
        fullscan_count = min(FULLSCAN_SAMPLE, len(planted))
    baselines = measure_baselines(facts_dir, workdir, planted, fullscan_count)
    print(f"\nmemory     peak RSS {rss_mb:.0f} MB after build, open and questions (before the "
          "baselines); a process that only opens the index and answers "
          f"{min(SERVE_SAMPLE, len(planted))} questions: {serve_rss:.0f} MB", flush=True)

    edited = edit_one_fact(facts_dir)
    reload_s, during = measure_reload(engine, facts_dir, db_path, planted)
    close_storybot(engine)
    during_reload = {**latency(during), "answered": len(during)}
    print(f"reload     {reload_s:.2f} s after editing {edited}; meanwhile {len(during)} "
          f"questions answered, p50 {during_reload['p50_ms']:.3f} ms, "
          f"p99 {during_reload['p99_ms']:.3f} ms")

    fullscan_p50 = baselines["fullscan"]["p50_ms"]
    speedup = fullscan_p50 / storybot["p50_ms"] if storybot["p50_ms"] else None
    return {
        "facts": info.facts, "stories": info.stories, "entities": info.entities,
        "shared_entities": info.shared_entities, "seed": args.seed,
        "questions": len(planted), "gen_s": info.seconds, **build,
        "open_s": round(open_s, 3), "rss_mb": rss_mb, "serve_rss_mb": serve_rss,
        **storybot, **baselines,
        "reload_s": round(reload_s, 3), "during_reload": during_reload,
        "speedup_vs_fullscan": round(speedup, 2) if speedup else None,
        "profiled": args.profile,
    }


if __name__ == "__main__":
    sys.exit(main())
