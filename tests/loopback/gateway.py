"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME, member chunks, dispatch.

Frames are plain JSON text (discord.py only zlib-decompresses binary frames).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import secrets
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads

if TYPE_CHECKING:
    from .server import LoopbackDiscord

# Opcodes.
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE = 0, 1, 2, 3, 4
RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 6, 7, 8, 9, 10, 11

# Intents.
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT

Transform = Callable[["Session", dict[str, Any]], "dict[str, Any] | None"]


@dataclass
class Session:
    id: str
    shard_id: int
    shard_count: int
    intents: int
    identify: dict[str, Any]
    seq: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)
    conn: GatewayConnection | None = None

    def covers(self, guild_id: int | None) -> bool:
        """Whether a guild's events go to this session (Discord's sharding formula)."""
        if guild_id is None:
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id

    def has_intent(self, intent: int) -> bool:
        return bool(self.intents & intent)

    @property
    def connected(self) -> bool:
        return self.conn is not None and not self.conn.ws.closed


@dataclass
class GatewayConnection:
    ws: web.WebSocketResponse
    request: web.Request
    path: str
    query: dict[str, str]
    session: Session | None = None
    #: "identify" or "resume", once the client said which.
    kind: str | None = None
    close_code: int | None = None
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, payload: dict[str, Any]) -> bool:
        if self.ws.closed:
            return False
        async with self.send_lock:
            try:
                await self.ws.send_str(json.dumps(payload))
            except (ConnectionError, RuntimeError):
                return False
        return True


class Gateway:
    """Gateway state shared by all websocket connections of one server."""

    def __init__(self, server: LoopbackDiscord) -> None:
        self.server = server
        self.sessions: dict[str, Session] = {}
        self.connections: list[GatewayConnection] = []
        #: Every frame received from clients, as ``(connection index, payload)``.
        self.received: list[tuple[int, dict[str, Any]]] = []
        #: Every frame sent to clients, as ``(connection index, payload)``.
        self.sent: list[tuple[int, dict[str, Any]]] = []
        self.ack_heartbeats = True
        #: Privileged intents the "developer portal" allows (IDENTIFY asking for others: 4014).
        self.allowed_privileged_intents = PRIVILEGED_INTENTS

    # -- websocket handler ----------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, timeout=2.0)
        await ws.prepare(request)
        conn = GatewayConnection(ws=ws, request=request, path=request.path,
                                 query=dict(request.query))
        self.connections.append(conn)
        index = len(self.connections) - 1
        self.server._notify()
        await self._send(conn, {"op": HELLO, "s": None, "t": None, "d": {
            "heartbeat_interval": self.server.heartbeat_interval, "_trace": ["loopback-gw"]}})
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    try:
                        frame = json.loads(msg.data)
                    except ValueError:
                        await ws.close(code=4002, message=b"Error while decoding payload.")
                        break
                    self.received.append((index, frame))
                    self.server._notify()
                    try:
                        await self._on_frame(conn, frame)
                    except Exception:  # a bug in the loopback itself
                        self.server.internal_errors.append(traceback.format_exc())
                        self.server._notify()
                        await ws.close(code=1011, message=b"loopback server error")
                        break
                elif msg.type is WSMsgType.BINARY:
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
        finally:
            conn.close_code = ws.close_code
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
                # Closing with 1000/1001 ends the session (Discord's documented behaviour).
                if ws.close_code in (1000, 1001) and conn.kind != "server-closed":
                    self.sessions.pop(session.id, None)
            self.server._notify()
        return ws

    async def _send(self, conn: GatewayConnection, payload: dict[str, Any]) -> bool:
        self.sent.append((self.connections.index(conn), payload))
        return await conn.send(payload)

    async def _on_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data = frame.get("d")
        if op == HEARTBEAT:
            if self.ack_heartbeats:
                await self._send(conn, {"op": HEARTBEAT_ACK, "s": None, "t": None, "d": None})
        elif op == IDENTIFY:
            await self._identify(conn, data or {})
        elif op == RESUME:
            await self._resume(conn, data or {})
        elif conn.session is None:
            await conn.ws.close(code=4003, message=b"Not authenticated.")
        elif op == REQUEST_MEMBERS:
            await self._request_members(conn, data or {})
        elif op in (PRESENCE, VOICE_STATE):
            pass  # recorded in self.received
        else:
            await conn.ws.close(code=4001, message=b"Unknown opcode.")

    # -- identify / resume ----------------------------------------------------------------

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        world = self.server.world
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated.")
            return
        if data.get("token") != self.server.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        shard_id, shard_count = data.get("shard") or [0, 1]
        if not 0 <= shard_id < shard_count:
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return
        intents = int(data.get("intents", 0))
        if intents & PRIVILEGED_INTENTS & ~self.allowed_privileged_intents:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        # A new IDENTIFY for a shard replaces any previous session of that shard.
        for old in [s for s in self.sessions.values() if s.shard_id == shard_id]:
            self.sessions.pop(old.id, None)
        session = Session(id=secrets.token_hex(16), shard_id=shard_id, shard_count=shard_count,
                          intents=intents, identify=data, conn=conn)
        self.sessions[session.id] = session
        conn.session = session
        conn.kind = "identify"
        guilds = [g for g in world.guilds.values() if session.covers(g.id)]
        ready = {
            "v": 10,
            "user": payloads.current_user(world.bot),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.server.resume_gateway_url,
            "application": {"id": str(world.application_id), "flags": world.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["loopback"],
            "user_settings": {},
            "_trace": ["loopback-gw"],
        }
        if data.get("shard") is not None:
            ready["shard"] = [shard_id, shard_count]
        await self._dispatch_to(session, "READY", ready)
        for guild in guilds:
            members = None
            if self.server.members_require_intent and not session.has_intent(GUILD_MEMBERS):
                members = [m for uid, m in guild.members.items() if uid == world.bot.id]
            await self._dispatch_to(session, "GUILD_CREATE",
                                    payloads.guild_create(guild, world, members=members))
        self.server._notify()

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if data.get("token") != self.server.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = self.sessions.get(data.get("session_id") or "")
        if session is None:
            conn.kind = "resume-failed"
            await self._send(conn, {"op": INVALID_SESSION, "s": None, "t": None, "d": False})
            return
        seq = data.get("seq") or 0
        if seq > session.seq:
            await conn.ws.close(code=4007, message=b"Invalid seq.")
            return
        if session.conn is not None and session.conn is not conn:
            old = session.conn
            old.kind = "server-closed"
            session.conn = None
            with contextlib.suppress(Exception):
                await old.ws.close(code=4000)
        session.conn = conn
        conn.session = session
        conn.kind = "resume"
        for payload in [p for p in session.log if p["s"] > seq]:
            await self._send(conn, payload)
        await self._dispatch_to(session, "RESUMED", {"_trace": ["loopback-gw"]})
        self.server._notify()

    async def _request_members(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        world = self.server.world
        guild = world.guilds.get(int(data.get("guild_id") or 0))
        if guild is None or conn.session is None:
            return
        query = (data.get("query") or "").lower()
        user_ids = {int(u) for u in data.get("user_ids") or []}
        limit = int(data.get("limit") or 0)
        found = []
        for uid, m in guild.members.items():
            if user_ids and uid not in user_ids:
                continue
            if query and not world.users[uid].username.lower().startswith(query):
                continue
            found.append(payloads.member(guild, m, with_user=world.users[uid]))
        if limit:
            found = found[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(guild.id),
            "members": found,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if user_ids:
            chunk["not_found"] = [str(u) for u in user_ids if u not in guild.members]
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await self._dispatch_to(conn.session, "GUILD_MEMBERS_CHUNK", chunk)

    # -- dispatch -------------------------------------------------------------------------

    async def _dispatch_to(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        # Copy: the log is replayed on RESUME and stored objects keep changing.
        payload = {"op": DISPATCH, "t": event, "s": session.seq, "d": copy.deepcopy(data)}
        session.log.append(payload)
        if session.connected:
            await self._send(session.conn, payload)

    async def dispatch(self, event: str, data: dict[str, Any], *, guild_id: int | None = None,
                       transform: Transform | None = None) -> int:
        """Send an event to every session whose shard covers ``guild_id`` (None: shard 0).

        Sessions that are currently disconnected log the event and get it on RESUME.
        ``transform(session, data)`` may adapt the payload per session (None: skip).
        Returns the number of sessions the event was queued for.
        """
        targets = [s for s in self.sessions.values() if s.covers(guild_id)]
        if not targets:
            raise RuntimeError(
                f"no gateway session covers guild {guild_id}: is the bot connected? "
                f"(sessions: {[(s.shard_id, s.shard_count) for s in self.sessions.values()]})")
        count = 0
        for session in targets:
            out = transform(session, data) if transform else data
            if out is None:
                continue
            await self._dispatch_to(session, event, out)
            count += 1
        return count

    # -- fault injection ------------------------------------------------------------------

    def _live(self) -> list[GatewayConnection]:
        return [c for c in self.connections if not c.ws.closed]

    async def drop(self, code: int | None = 4000) -> int:
        """Close every open connection (``code=None``: abort the TCP connection instead)."""
        live = self._live()
        for conn in live:
            conn.kind = "server-closed" if conn.kind is None else conn.kind
            if conn.session is not None:
                # Keep the session resumable: detach before the close completes.
                conn.session.conn = None
            if code is None:
                transport = conn.request.transport
                if transport is not None:
                    transport.abort()
            else:
                with contextlib.suppress(Exception):
                    await conn.ws.close(code=code, message=b"loopback drop")
        self.server._notify()
        return len(live)

    async def invalidate(self, resumable: bool = False) -> int:
        """Send op 9 INVALID_SESSION; unless resumable, the sessions are forgotten."""
        live = self._live()
        for conn in live:
            if not resumable and conn.session is not None:
                self.sessions.pop(conn.session.id, None)
            await self._send(conn, {"op": INVALID_SESSION, "s": None, "t": None, "d": resumable})
        return len(live)

    async def request_reconnect(self) -> int:
        """Send op 7 RECONNECT: the client closes and resumes."""
        live = self._live()
        for conn in live:
            await self._send(conn, {"op": RECONNECT, "s": None, "t": None, "d": None})
        return len(live)

    async def close_all(self) -> None:
        for conn in self._live():
            transport = conn.request.transport
            if transport is not None:
                transport.abort()
