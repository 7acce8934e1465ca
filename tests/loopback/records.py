"""What the server records, and a small helper to wait for records to appear."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .payloads import EPHEMERAL, parse_role_mentions, parse_user_mentions

T = TypeVar("T")


@dataclass
class UploadedFile:
    field_name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request as the server saw it (path without the ``/api/v10`` prefix)."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    #: Decoded JSON body (or the ``payload_json`` part of a multipart body), else None.
    json: Any
    files: list[UploadedFile] = field(default_factory=list)
    status: int | None = None
    response: Any = None
    time: float = field(default_factory=time.monotonic)

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


@dataclass
class MessageRecord:
    """A message the bot created (channel message, interaction response or followup)."""

    id: int
    channel_id: int
    guild_id: int | None
    #: "channel", "interaction" (callback type 4/5), "followup" or "webhook".
    source: str
    #: The JSON body the bot sent when creating it (multipart: the payload_json part).
    body: dict[str, Any]
    #: The current message object as the server would return it.
    payload: dict[str, Any]
    files: list[UploadedFile] = field(default_factory=list)
    interaction_id: int | None = None
    edits: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    @property
    def content(self) -> str:
        return self.payload.get("content", "")

    @property
    def embeds(self) -> list[dict]:
        return self.payload.get("embeds", [])

    @property
    def components(self) -> list[dict]:
        return self.payload.get("components", [])

    @property
    def flags(self) -> int:
        return int(self.payload.get("flags", 0))

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def allowed_mentions(self) -> dict | None:
        return self.body.get("allowed_mentions")

    @property
    def message_reference(self) -> dict | None:
        return self.body.get("message_reference")

    def custom_ids(self) -> list[str]:
        return [c["custom_id"] for c in walk_components(self.components) if "custom_id" in c]

    def pings(self, replied_user_id: int | None = None) -> dict[str, Any]:
        """Who this message actually notifies, given ``allowed_mentions`` and the content.

        Returns ``{"users": set, "roles": set, "everyone": bool}``. ``replied_user_id`` is the
        author of the message being replied to (pinged unless ``replied_user`` is false).
        """
        return effective_pings(self.body, replied_user_id=replied_user_id)


def walk_components(components: list[dict]) -> list[dict]:
    out: list[dict] = []
    stack = list(reversed(components or []))
    while stack:
        comp = stack.pop()
        out.append(comp)
        children = list(comp.get("components") or [])
        if comp.get("component"):
            children.append(comp["component"])
        if comp.get("accessory"):
            children.append(comp["accessory"])
        stack.extend(reversed(children))
    return out


def effective_pings(body: dict[str, Any], *, replied_user_id: int | None = None) -> dict[str, Any]:
    content = body.get("content") or ""
    users = set(parse_user_mentions(content))
    roles = set(parse_role_mentions(content))
    everyone = "@everyone" in content or "@here" in content
    allowed = body.get("allowed_mentions")
    replied = replied_user_id is not None and body.get("message_reference") is not None
    if allowed is None:
        result_users, result_roles, result_everyone = users, roles, everyone
    else:
        parse = set(allowed.get("parse") or [])
        result_users = users if "users" in parse else users & {int(u) for u in
                                                               allowed.get("users") or []}
        result_roles = roles if "roles" in parse else roles & {int(r) for r in
                                                               allowed.get("roles") or []}
        result_everyone = everyone and "everyone" in parse
        replied = replied and allowed.get("replied_user", True) is not False
    if replied:
        result_users = set(result_users) | {replied_user_id}
    return {"users": set(result_users), "roles": set(result_roles), "everyone": result_everyone}


@dataclass
class CallbackRecord:
    """One POST /interactions/{id}/{token}/callback the server accepted."""

    interaction_id: int
    type: int
    data: dict[str, Any]
    body: dict[str, Any]
    files: list[UploadedFile] = field(default_factory=list)
    message_id: int | None = None


@dataclass
class InteractionRecord:
    """An interaction the test dispatched, and everything the bot did with it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    dispatched_at: float
    callback: CallbackRecord | None = None
    #: Message created by the callback (types 4/5) or the component's message (6/7).
    original_message_id: int | None = None
    followups: list[MessageRecord] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    #: Error responses the server gave for this interaction (late callback, double ack...).
    errors: list[dict[str, Any]] = field(default_factory=list)
    server: Any = field(default=None, repr=False, compare=False)

    async def response(self, timeout: float = 5.0) -> InteractionRecord:
        """Wait for the bot's callback (same as ``server.wait_for_response(self)``)."""
        return await self.server.wait_for_response(self, timeout=timeout)

    async def followup(self, count: int = 1, timeout: float = 5.0) -> MessageRecord:
        """Wait for the ``count``-th followup (``server.wait_for_followup``)."""
        return await self.server.wait_for_followup(self, count=count, timeout=timeout)

    @property
    def response_type(self) -> int | None:
        return self.callback.type if self.callback else None

    @property
    def response_data(self) -> dict[str, Any]:
        return self.callback.data if self.callback else {}

    @property
    def content(self) -> str | None:
        return self.response_data.get("content")

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices (callback type 8)."""
        return self.response_data.get("choices", [])

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.response_data.get("flags", 0) or 0) & EPHEMERAL)


class Notifier:
    """Wake waiters whenever something is recorded; waiters re-check their condition."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()
        #: Checks that abort every wait with AssertionError when they return a message.
        self.failure_checks: list[Callable[[], str | None]] = []

    def notify(self) -> None:
        for fut in self._waiters:
            if not fut.done():
                fut.set_result(None)
        self._waiters.clear()

    async def wait_for(self, check: Callable[[], T | None], timeout: float,
                       describe: Callable[[], str]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for failure in self.failure_checks:
                problem = failure()
                if problem:
                    raise AssertionError(f"while waiting for {describe()}: {problem}")
            result = check()
            if result is not None and result is not False:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout}s waiting for {describe()}")
            fut: asyncio.Future[None] = loop.create_future()
            self._waiters.add(fut)
            try:
                await asyncio.wait_for(fut, remaining)
            except TimeoutError:
                pass
            finally:
                self._waiters.discard(fut)
