"""Query logs for tests, written as the bot writes them (or as an older storybot did)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.discord_app.query_log import COLUMNS, FIRST_LAYOUT, INSERT, SCHEMA

# The query log as storybot first wrote it, before it recorded stories.
FIRST_LAYOUT_SCHEMA = (
    "CREATE TABLE queries (id INTEGER PRIMARY KEY, "
    + ", ".join(f"{name} {declared}" for name, declared in list(COLUMNS.items())[:FIRST_LAYOUT])
    + ")"
)


def log_row(r: dict, now: float | None = None) -> tuple:
    """A row of the log's COLUMNS from question, answered, and optionally fact_id, score,
    channel_id, guild_id, asked_story, answer_story, ago (seconds before now)."""
    now = time.time() if now is None else now
    return (now - r.get("ago", 60), r.get("guild_id", 1), r.get("channel_id", 10), "mention",
            r["question"], r.get("fact_id"), r.get("score", 90.0 if r["answered"] else 20.0),
            int(r["answered"]), 1.0, r.get("asked_story"), r.get("answer_story"))


def write_log(path: Path, rows: list[dict], *, first_layout: bool = False) -> Path:
    """A log holding rows (see log_row); with first_layout, as an older storybot wrote it,
    without the story columns."""
    conn = sqlite3.connect(path)
    conn.executescript(FIRST_LAYOUT_SCHEMA if first_layout else SCHEMA)
    columns = list(COLUMNS)[:FIRST_LAYOUT] if first_layout else list(COLUMNS)
    with conn:
        conn.executemany(
            INSERT if not first_layout else
            f"INSERT INTO queries ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [log_row(r)[:len(columns)] for r in rows])
    conn.close()
    return path
