"""What keeping conversations costs: time per turn beyond the engine's, and memory per
conversation, with many conversations held at once.

The labelled development conversations (tests/data/conversations/conversations.jsonl, over
their frozen stories) are played by N people at once, turn by turn and interleaved, through
one ConversationStore holding all N conversations (as a bot in many servers would). Every
turn is timed twice in the same process:
- the whole turn (`converse`: reading the follow-up, the engine's answer, remembering);
- the engine alone, on the question the turn was taken to mean (`Engine.ask` on
  `follow_up.taken_as`, or on the turn itself), the bare engine's cost for the same answer.
The context's own cost is measured directly too: a turn's time minus the time spent inside
the engine's ask/answer_fact during it.

Memory: the store is filled again with N conversations under tracemalloc, and the memory
it holds is divided by N.

    python benchmarks/bench_conversation.py [--conversations N]

The last line is `RESULT {json}`.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.conversation import ConversationStore, converse  # noqa: E402
from bot.conversation.scoring import load_conversations  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.index.store import ensure_index  # noqa: E402

SETS = ROOT / "tests/data/conversations"


class TimedEngine:
    """The engine, with the time spent in its answering methods added up."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.spent = 0.0

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def ask(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self._engine.ask(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started

    def answer_fact(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return self._engine.answer_fact(*args, **kwargs)
        finally:
            self.spent += time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def ms(values: list[float]) -> dict[str, float]:
    scaled = [v * 1000 for v in values]
    return {"p50_ms": round(statistics.median(scaled), 4),
            "p99_ms": round(percentile(scaled, 0.99), 4),
            "mean_ms": round(statistics.fmean(scaled), 4)}


def play(engine, conversations, people: int, store: ConversationStore, timed: bool):
    """Every person plays one labelled conversation; turn k of everyone before turn k+1."""
    whole, bare, context_cost = [], [], []
    longest = max(len(c["turns"]) for c in conversations)
    for turn_index in range(longest):
        for person in range(people):
            conversation = conversations[person % len(conversations)]
            if turn_index >= len(conversation["turns"]):
                continue
            text = conversation["turns"][turn_index]["q"]
            context = store.get(person, conversation["story"])
            if not timed:
                converse(engine, context, text)
                continue
            engine.spent = 0.0
            started = time.perf_counter()
            reply = converse(engine, context, text)
            whole.append(time.perf_counter() - started)
            context_cost.append(whole[-1] - engine.spent)
            asked = (reply.follow_up.taken_as if reply.follow_up and reply.follow_up.taken_as
                     and reply.follow_up.kind != "intent" else text)
            started = time.perf_counter()
            engine._engine.ask(asked, story=conversation["story"])
            bare.append(time.perf_counter() - started)
    return whole, bare, context_cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args()
    conversations = load_conversations(SETS / "conversations.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        engine = TimedEngine(Engine.open(ensure_index(SETS / "facts",
                                                      Path(folder) / "s.db").db_path))
        people = args.conversations
        store = ConversationStore(expiry_seconds=3600, max_conversations=people)
        play(engine, conversations, min(people, 2000), ConversationStore(), timed=False)  # warm
        started = time.perf_counter()
        whole, bare, context_cost = play(engine, conversations, people, store, timed=True)
        seconds = time.perf_counter() - started
        held = len(store)
        del store
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        store = ConversationStore(expiry_seconds=3600, max_conversations=people)
        play(engine, conversations, people, store, timed=False)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        per_conversation = (after - before) / people
        bounded = ConversationStore(max_conversations=1000)
        play(engine, conversations, 5000, bounded, timed=False)
        engine.close()
    result = {
        "conversations": people, "turns": len(whole), "held_at_once": held,
        "turn": ms(whole), "bare_engine": ms(bare), "context_only": ms(context_cost),
        "ratio_p50": round(statistics.median(whole) / statistics.median(bare), 3),
        "bytes_per_conversation": round(per_conversation),
        "store_of_1000_after_5000_people": len(bounded),
        "seconds": round(seconds, 1),
    }
    print(f"{people} conversations held at once ({held}), {len(whole)} turns in "
          f"{seconds:.1f} s")
    print(f"turn          p50 {result['turn']['p50_ms']:.4f} ms, p99 "
          f"{result['turn']['p99_ms']:.4f} ms")
    print(f"bare engine   p50 {result['bare_engine']['p50_ms']:.4f} ms, p99 "
          f"{result['bare_engine']['p99_ms']:.4f} ms (same questions, same process)")
    print(f"context only  p50 {result['context_only']['p50_ms']:.4f} ms, mean "
          f"{result['context_only']['mean_ms']:.4f} ms, p99 "
          f"{result['context_only']['p99_ms']:.4f} ms")
    print(f"ratio of medians (turn / bare engine): {result['ratio_p50']}")
    print(f"memory: {per_conversation:.0f} bytes per conversation; a store of 1,000 after "
          f"5,000 people holds {len(bounded)}")
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
