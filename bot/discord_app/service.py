"""Everything the Discord bot does that is not Discord: asking, reloading, keeping records.

The engine is swapped whole on reload, so a question is answered either by the old facts
or by the new ones, never by a mixture, and nobody waits for a reload to finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import hmac
import json
import logging
import os
import signal
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import Config
from bot.conversation import Choice, Context, Reply, answer_choice, converse
from bot.engine.answer import Answer
from bot.engine.engine import Engine
from bot.engine.settings import EngineSettings
from bot.factbase.models import Problem
from bot.index.reader import file_identity
from bot.index.store import ensure_index

from .query_log import QueryLog

log = logging.getLogger("storybot.service")
PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # where `bot` is imported from


@dataclass(frozen=True)
class ReloadReport:
    ok: bool
    counts: dict[str, int] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    # Stories with errors, served as they last validated ("kept") or not at all ("left out")
    broken: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LastReload:
    at: float
    by: str
    ok: bool


def diff_facts(old: dict[str, str], new: dict[str, str]) -> tuple[list, list, list]:
    """Fact ids added, removed and changed, from each index's {fact id: content digest}."""
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(fid for fid in set(old) & set(new) if old[fid] != new[fid])
    return added, removed, changed


class StoryService:
    # How often to look whether another process (or `storybot index`) replaced the index.
    index_check_seconds = 5.0

    def __init__(self, config: Config, engine: Engine, query_log: QueryLog) -> None:
        self.config = config
        self.engine = engine
        self.query_log = query_log
        self.started_at = time.time()
        self.last_reload: LastReload | None = None
        self._reload_lock = asyncio.Lock()
        self._rebuilding: asyncio.subprocess.Process | None = None
        self._leftovers_before: set[Path] = set()
        self._watch_failure: str | None = None  # the index watcher's last error, said once

    @classmethod
    def open(cls, config: Config) -> StoryService:
        status = ensure_index(config.facts_dir, config.database)
        if status.stale_kept:
            log.warning("the facts have errors; answering from the last good index")
        return cls(config, cls._engine(config),
                   QueryLog(config.query_log, retention_days=config.query_log_days))

    @staticmethod
    def _engine(config: Config) -> Engine:
        engine = Engine.open(config.database, EngineSettings(
            answer_threshold=config.answer_threshold,
            suggestion_threshold=config.suggestion_threshold,
            semantic=config.semantic))
        engine.prepare_semantic()  # once per process, not in the first reader's wait
        return engine

    def who(self, user_id: int, name: str = "") -> str:
        """How a log line names a Discord user, as the operator chose ([storybot]
        log_users): "id" (name and id), "hash" (one code per user, the same while the bot
        token is, so the trail of one reader can be followed without their id) or "omit"."""
        mode = self.config.log_users
        if mode == "omit":
            return "a user"
        if mode == "hash":
            key = self.config.discord.token.encode() or b"storybot"
            return "user-" + hmac.new(key, str(user_id).encode(), "sha256").hexdigest()[:10]
        return f"{name} ({user_id})" if name else f"user {user_id}"

    def channel_story(self, channel_id: int | None) -> str | None:
        """The story a channel is tied to, if the config ties it to one that exists."""
        story = self.config.discord.channel_stories.get(channel_id or 0)
        return story if story in self.engine.stories else None

    def pick_story(self, typed: str | None, channel_id: int | None) -> tuple[str | None, bool]:
        """The story to answer from: the one asked for (by id, as autocomplete sends it, or
        by title), else the channel's. The flag is False when the one asked for is unknown."""
        if typed and typed.strip():
            story = self.engine.find_story(typed)
            return (story.id, True) if story else (None, False)
        return self.channel_story(channel_id), True

    def ask(self, question: str, *, guild_id: int | None, channel_id: int | None,
            source: str, story: str | None = None) -> Answer:
        started = time.perf_counter()
        story = story or self.channel_story(channel_id)
        answer = self.engine.ask(question, story=story)
        self._record(answer, started, guild_id=guild_id, channel_id=channel_id, source=source,
                     asked_story=story)
        return answer

    def converse(self, question: str, context: Context, *, guild_id: int | None,
                 channel_id: int | None, source: str, choice: tuple[str, Choice] | None = None
                 ) -> Reply:
        """A turn of a conversation (see bot/conversation), recorded as a question is; with
        choice, the reader's pick of whom a pronoun meant."""
        started = time.perf_counter()
        if choice is not None:
            reply = answer_choice(self.engine, context, choice[0], choice[1])
        else:
            reply = converse(self.engine, context, question)
        self._record(reply.answer, started, guild_id=guild_id, channel_id=channel_id,
                     source=source, asked_story=context.story)
        return reply

    def answer_story(self, answer: Answer) -> str | None:
        """The story of an answer, or of its best suggestion when it is declined."""
        if answer.story:
            return answer.story["id"]
        fact_id = answer.fact_id or (answer.alternatives[0].fact_id if answer.alternatives
                                     else None)
        fact = self.engine.fact(fact_id) if fact_id else None
        return fact.story_id if fact else None

    def _record(self, answer: Answer, started: float, *, guild_id: int | None,
                channel_id: int | None, source: str, asked_story: str | None) -> None:
        latency_ms = (time.perf_counter() - started) * 1000
        if answer.reason not in ("empty", "greeting", "help"):
            try:
                self.query_log.record(
                    guild_id=guild_id, channel_id=channel_id, source=source,
                    question=answer.question, fact_id=answer.fact_id, score=answer.score,
                    answered=answer.answered, latency_ms=latency_ms, asked_story=asked_story,
                    answer_story=self.answer_story(answer))
            except Exception:  # a full disk must not stop the answers
                log.exception("could not write the query log")

    def answer_fact(self, fact_id: str, question: str = "") -> Answer | None:
        return self.engine.answer_fact(fact_id, question)

    async def reload(self, by: str, by_id: int | None = None) -> ReloadReport:
        """Re-read facts/, validate, rebuild the index and swap the engine in. `by` is shown
        to admins; logs name the user as log_users says."""
        logged_by = self.who(by_id, by) if by_id is not None else by
        async with self._reload_lock:
            started = time.perf_counter()
            old = await asyncio.to_thread(self._fact_hashes, self.engine)
            try:
                written, problems, broken = await self._rebuild()
                new_engine = None
                if written:  # every story that validates, even when another has errors
                    new_engine = await asyncio.to_thread(self._engine, self.config)
            except Exception as exc:  # a vanished folder, a full disk: keep serving
                log.exception("reload failed")
                problem = Problem(str(self.config.facts_dir), "", f"reload failed: {exc}")
                new_engine, problems, broken = None, [problem], {}
            errors = [p for p in problems if p.level == "error"]
            warnings = [p for p in problems if p.level != "error"]
            seconds = time.perf_counter() - started
            if new_engine is None:
                self.last_reload = LastReload(time.time(), by, ok=False)
                log.warning("reload by %s refused: %d error(s)", logged_by, len(errors))
                return ReloadReport(ok=False, errors=errors, warnings=warnings, seconds=seconds,
                                    broken=broken)
            self.engine = new_engine
            self._watch_failure = None
            self.last_reload = LastReload(time.time(), by, ok=True)
            added, removed, changed = diff_facts(old, new_engine.reader.fact_hashes())
            log.info("reload by %s: %d added, %d removed, %d changed", logged_by, len(added),
                     len(removed), len(changed))
            return ReloadReport(ok=True, counts=new_engine.counts(), added=added,
                                removed=removed, changed=changed, warnings=warnings,
                                seconds=seconds, errors=errors, broken=broken)

    def _fact_hashes(self, engine: Engine) -> dict[str, str]:
        """The facts served until now; {} when the index under them cannot be read (a file
        copied over it in place): the reload must rebuild whatever state it is in."""
        try:
            return engine.reader.fact_hashes()
        except sqlite3.Error as exc:
            log.warning("the index being replaced cannot be read (%s); every fact is "
                        "reported as added", exc)
            return {}

    async def _rebuild(self) -> tuple[bool, list[Problem], dict[str, str]]:
        """Rebuild the index in a child process of its own group (see rebuild_process)."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT),
                                                          env.get("PYTHONPATH")]))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.discord_app.rebuild_process",
            str(self.config.facts_dir), str(self.config.database),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True, env=env)
        self._rebuilding = process
        self._leftovers_before = self._partial_indexes()
        log.info("rebuilding the index in process %d", process.pid)
        try:
            out, err = await process.communicate()
        finally:
            self._rebuilding = None
            if process.returncode is None or process.returncode < 0:  # stopped, not done
                self._stop_group(process)
                self._remove_partial_indexes()
        if process.returncode != 0:
            lines = err.decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"the rebuild stopped (exit status {process.returncode})"
                               + (f": {lines[-1]}" if lines else ""))
        result = json.loads(out)
        return (result["ok"], [Problem(*problem) for problem in result["problems"]],
                result.get("broken", {}))

    @staticmethod
    def _stop_group(process: asyncio.subprocess.Process) -> None:
        """Kill the rebuild and every worker it started (they share its process group)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def stop_reload(self) -> None:
        """Stop a rebuild under way at once (on SIGTERM): the index file is left as it was."""
        process = self._rebuilding
        if process is not None:
            log.info("stopping the rebuild in process %d", process.pid)
            self._stop_group(process)
            self._remove_partial_indexes()

    def _partial_indexes(self) -> set[Path]:
        """The new indexes being written beside the index (renamed over it when complete)."""
        database = self.config.database
        return set(database.parent.glob(f"{glob.escape(database.name)}.*.tmp"))

    def _remove_partial_indexes(self) -> None:
        """The half-written index of a killed rebuild (its own cleanup never ran)."""
        for path in self._partial_indexes() - self._leftovers_before:
            path.unlink(missing_ok=True)

    async def follow_index(self) -> None:
        """Serve the index file as it is replaced: processes sharing one index (shards of
        one bot) all answer from the facts any of them reloaded."""
        while True:
            await asyncio.sleep(self.index_check_seconds)
            try:
                await self._follow_index_once()
            except Exception as exc:  # a half-copied or vanished file: keep serving
                reason = f"{type(exc).__name__}: {exc}"
                if reason != self._watch_failure:  # said once, not every few seconds
                    log.warning("cannot open the index %s (%s); still serving the facts "
                                "loaded before", self.config.database, reason)
                    self._watch_failure = reason
                continue
            if self._watch_failure is not None:
                log.info("the index %s can be read again", self.config.database)
                self._watch_failure = None

    async def _follow_index_once(self) -> None:
        if self._reload_lock.locked():
            return  # our own reload is about to swap it in
        try:
            identity = file_identity(self.config.database)
        except OSError:
            return  # deleted: the open file keeps serving until a rebuild
        if identity == self.engine.reader.identity:
            return
        engine = await asyncio.to_thread(self._engine, self.config)
        if not self._reload_lock.locked():
            self.engine = engine
            log.info("the index was replaced on disk; now answering from %s",
                     ", ".join(f"{n} {name}" for name, n in engine.counts().items()))

    def close(self) -> None:
        self.query_log.close()
