"""End-to-end latency through Discord's protocol: 500 questions at once.

Starts the loopback Discord (tests/loopback) and storybot's real discord.py client, sends
N /ask interactions and N mentions over the gateway all at once, and measures each from
dispatch to the bot's reply arriving at the server.

    python benchmarks/bench_discord.py [--questions 500]

The last line is `RESULT {json}`; every question must be answered.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import percentile  # noqa: E402
from bot.config import Config, DiscordSettings  # noqa: E402
from bot.discord_app.client import StorybotClient  # noqa: E402
from bot.discord_app.service import StoryService  # noqa: E402
from tests.loopback import LoopbackDiscord, World  # noqa: E402
from tests.loopback.harness import start_bot, stop_bot  # noqa: E402

QUESTION_FILE = ROOT / "tests/data/dev_questions.jsonl"


async def run(count: int) -> dict:
    questions = [json.loads(line)["q"] for line in QUESTION_FILE.read_text().splitlines()
                 if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts"
        shutil.copytree(ROOT / "facts", facts)
        async with LoopbackDiscord(World.default(), interaction_timeout=60.0) as server:
            with server.patch_discord():
                world = server.world
                general = world.guild.channel_named("general")
                config = Config(
                    facts_dir=facts, database=Path(tmp) / "index.db",
                    query_log=Path(tmp) / "log.db",
                    discord=DiscordSettings(
                        token=server.token, guild_ids=(world.guild.id,),
                        api_base_url=server.api_base_url, gateway_url=server.gateway_url,
                        cooldown_questions=0, guild_ready_timeout=0.1))
                client = StorybotClient(StoryService.open(config))
                task = await start_bot(server, client)
                try:
                    users = [world.user_named(n) for n in ("alice", "bob", "carol")]
                    started = time.perf_counter()
                    slash = await asyncio.gather(*(
                        server.send_slash_command("ask", {"question": questions[i % len(
                            questions)]}, user=users[i % 3], channel=general)
                        for i in range(count)))

                    async def timed(record):
                        await server.wait_for_response(record, timeout=120)
                        return time.monotonic() - record.dispatched_at

                    slash_latency = await asyncio.gather(*(timed(r) for r in slash))
                    slash_wall = time.perf_counter() - started

                    sent_at = {}
                    started = time.perf_counter()
                    for i in range(count):
                        mid = await server.send_message(
                            general, users[i % 3],
                            f"<@{world.bot.id}> {questions[i % len(questions)]}")
                        sent_at[mid] = time.monotonic()
                    replies = {}
                    deadline = time.monotonic() + 120
                    while len(replies) < count and time.monotonic() < deadline:
                        for message in server.messages:
                            ref = message.message_reference
                            if ref and int(ref["message_id"]) in sent_at and \
                                    int(ref["message_id"]) not in replies:
                                replies[int(ref["message_id"])] = time.monotonic()
                        await asyncio.sleep(0.005)
                    mention_wall = time.perf_counter() - started
                finally:
                    await stop_bot(client, task)
                    client.service.close()
    mention_latency = [replies[m] - sent_at[m] for m in replies]
    ms = lambda xs: [x * 1000 for x in xs]  # noqa: E731
    return {
        "questions": count,
        "slash_answered": sum(1 for r in slash if r.callback is not None),
        "slash_p50_ms": round(statistics.median(ms(slash_latency)), 2),
        "slash_p99_ms": round(percentile(ms(slash_latency), 0.99), 2),
        "slash_wall_s": round(slash_wall, 2),
        "mentions_answered": len(replies),
        "mention_p50_ms": round(statistics.median(ms(mention_latency)), 2),
        "mention_p99_ms": round(percentile(ms(mention_latency), 0.99), 2),
        "mention_wall_s": round(mention_wall, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=500)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = asyncio.run(run(args.questions))
    print(f"{result['slash_answered']}/{args.questions} /ask answered: "
          f"p50 {result['slash_p50_ms']} ms, p99 {result['slash_p99_ms']} ms "
          f"(all sent at once; {result['slash_wall_s']} s in all)")
    print(f"{result['mentions_answered']}/{args.questions} mentions answered: "
          f"p50 {result['mention_p50_ms']} ms, p99 {result['mention_p99_ms']} ms")
    print("RESULT " + json.dumps(result))
    ok = result["slash_answered"] == result["mentions_answered"] == args.questions
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
