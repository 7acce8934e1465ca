"""Query logs for tests, written as the bot writes them."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.discord_app.query_log import SCHEMA


def write_log(path: Path, rows: list[dict]) -> Path:
    """rows: question, answered, and optionally fact_id, score, channel_id, guild_id, ago
    (seconds before now)."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    now = time.time()
    with conn:
        conn.executemany(
            "INSERT INTO queries (asked_at, guild_id, channel_id, source, question, fact_id, "
            "score, answered, latency_ms) VALUES (?, ?, ?, 'mention', ?, ?, ?, ?, 1.0)",
            [(now - r.get("ago", 60), r.get("guild_id", 1), r.get("channel_id", 10),
              r["question"], r.get("fact_id"), r.get("score", 90.0 if r["answered"] else 20.0),
              int(r["answered"])) for r in rows])
    conn.close()
    return path
