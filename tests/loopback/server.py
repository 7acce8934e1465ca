"""A loopback Discord (REST + gateway on 127.0.0.1) for end-to-end tests of a discord.py bot.

Typical use (``World.default()`` has a guild with #general, alice, bob, carol...)::

    async with LoopbackDiscord() as server:
        with server.patch_discord():
            bot = MyBot(intents=..., guild_ready_timeout=0.1)
            task = asyncio.create_task(bot.start(server.token, reconnect=True))
            await bot.wait_until_ready()
            general = server.world.guild.channel_named("general")
            alice = server.world.user_named("alice")
            mid = await server.send_message(general, alice, f"<@{bot.user.id}> hi")
            reply = await server.wait_for_message(general, after=mid)
            cmd = await server.send_slash_command("ping", {"topic": "x"}, user=alice,
                                                  channel=general)
            answered = await cmd.response()   # or server.wait_for_response(cmd)
            await bot.close()
            await task

See ``tests/test_loopback_smoke.py`` for a complete example.
"""

from __future__ import annotations

import contextlib
import copy
import re
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

from aiohttp import web

from . import inject, payloads
from .gateway import GUILD_MEMBERS, Gateway, Session
from .inject import as_id
from .messages import MessageStore, strip_reference
from .records import (
    CallbackRecord,
    InteractionRecord,
    MessageRecord,
    Notifier,
    RecordedRequest,
    walk_components,
)
from .rest import RestAPI
from .world import Channel, ChannelType, Perm, User, World

_TOKEN = re.compile(r"lbtok_[\w-]+")
UserLike = User | int | Any


class LoopbackDiscord:
    """Discord's REST API and gateway, enough of them for discord.py 2.7.1, on 127.0.0.1.

    Records: ``requests`` (every REST call), ``unhandled`` (REST calls no route knew),
    ``messages`` (messages the bot created), ``interactions`` (by id),
    ``interaction_responses`` (accepted callbacks), ``commands`` (synced, by guild id or
    None for global), ``gateway.received`` / ``gateway.sent`` (frames).
    """

    def __init__(
        self,
        world: World | None = None,
        *,
        token: str | None = None,
        heartbeat_interval: int = 41250,
        shard_count: int = 1,
        interaction_timeout: float = 3.0,
        echo_bot_messages: bool = True,
        members_require_intent: bool = False,
        host: str = "127.0.0.1",
    ) -> None:
        self.world = world or World.default()
        if token is not None:
            self.world.token = token
        #: Milliseconds, sent in HELLO.
        self.heartbeat_interval = heartbeat_interval
        #: What GET /gateway/bot recommends (AutoShardedClient uses it).
        self.shard_count = shard_count
        #: Seconds a bot has to answer an interaction before the callback gets 10062.
        self.interaction_timeout = interaction_timeout
        #: Send MESSAGE_CREATE/UPDATE/DELETE for the bot's own messages, like Discord does.
        self.echo_bot_messages = echo_bot_messages
        #: Without the GUILD_MEMBERS intent, GUILD_CREATE lists only the bot (as on Discord).
        self.members_require_intent = members_require_intent
        self.host = host

        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.messages: list[MessageRecord] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.interaction_responses: list[CallbackRecord] = []
        self.commands: dict[int | None, dict[str, dict[str, Any]]] = {}
        self.command_syncs: list[tuple[int | None, list[dict[str, Any]]]] = []
        #: Tracebacks of bugs in the loopback server itself (every wait fails on them).
        self.internal_errors: list[str] = []
        self.reactions: list[tuple[int, str]] = []
        self.typing: list[int] = []

        self._interactions_by_token: dict[str, InteractionRecord] = {}
        self._notifier = Notifier()
        self._failure_checks: list[Callable[[], str | None]] = [self._internal_error]
        self._notifier.failure_checks = self._failure_checks
        self.gateway = Gateway(self)
        self.store = MessageStore(self)
        self.rest = RestAPI(self)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api_base_url(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    @property
    def resume_gateway_url(self) -> str:
        """Handed out in READY; resumed connections arrive here (see ``gateway.connections``)."""
        return f"ws://{self.host}:{self.port}/resume-gateway"

    async def start(self) -> LoopbackDiscord:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/resume-gateway", self.gateway.handle)
        app.router.add_route("*", "/api/{tail:.*}", self.rest.handle)
        app.router.add_route("*", "/{tail:.*}", self._not_api)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        return self

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.gateway.close_all()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> LoopbackDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _not_api(self, request: web.Request) -> web.Response:
        rec = RecordedRequest(method=request.method, path=request.path,
                              query=dict(request.query), headers=dict(request.headers),
                              json=None, status=404)
        self.requests.append(rec)
        self.unhandled.append(rec)
        self._notify()
        return web.Response(status=404, body=b'{"message": "404: Not Found", "code": 0}',
                            headers={"Content-Type": "application/json"})

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway here; restore on exit."""
        import discord.gateway
        import discord.http
        import yarl

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base_url
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    def _notify(self) -> None:
        self._notifier.notify()

    def fail_waits_when(self, check: Callable[[], str | None]) -> None:
        """Make every ``wait_for_*`` raise AssertionError as soon as ``check()`` returns a
        message (e.g. "discord.py logged an error"); call ``notify()`` when it may have
        changed."""
        self._failure_checks.append(check)

    def _internal_error(self) -> str | None:
        if self.internal_errors:
            return "the loopback server failed:\n" + "\n".join(self.internal_errors)
        return None

    def notify(self) -> None:
        """Wake waiters so that they re-check their conditions (thread-unsafe; loop only)."""
        self._notify()

    # -- injecting events -----------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any], *,
                       guild_id: int | None = None) -> int:
        """Send a raw gateway event (to the shard owning ``guild_id``; None: shard 0)."""
        return await self.gateway.dispatch(event, data, guild_id=guild_id)

    async def _broadcast(self, event: str, data: dict[str, Any], guild_id: int | None,
                         transform=None) -> None:
        """Like dispatch, but silently nothing when no bot is connected."""
        if any(s.covers(guild_id) for s in self.gateway.sessions.values()):
            await self.gateway.dispatch(event, data, guild_id=guild_id, transform=transform)

    async def send_message(
        self,
        channel_id: int | Channel,
        author_id: UserLike,
        content: str = "",
        *,
        mentions: list[UserLike] | None = None,
        mention_roles: list[int] | None = None,
        mention_everyone: bool | None = None,
        reply_to: int | None = None,
        ping_reply: bool = True,
        embeds: list[dict[str, Any]] | None = None,
        attachments: list[dict[str, Any]] | None = None,
        components: list[dict[str, Any]] | None = None,
    ) -> int:
        """Dispatch MESSAGE_CREATE for a message from a user; returns the message id.

        ``mentions`` defaults to the ``<@id>`` mentions in ``content`` (a reply to someone
        with ``ping_reply`` adds them, as Discord does). ``attachments``: dicts with at least
        ``filename`` (``size``, ``content_type``, ``url`` optional).
        """
        world = self.world
        channel = self._channel(channel_id)
        guild = world.guild_of_channel(channel.id)
        author = world.users[as_id(author_id)]
        if guild is not None and author.id not in guild.members:
            raise ValueError(f"{author.username!r} is not a member of {guild.name!r}")
        if channel.type == ChannelType.DM and author.id not in (channel.recipient_id,
                                                               world.bot.id):
            raise ValueError(f"{author.username!r} is not in DM channel {channel.id}")
        mid = world.ids.next()
        mention_ids = ([as_id(m) for m in mentions] if mentions is not None
                       else payloads.parse_user_mentions(content))
        ref = referenced = None
        if reply_to is not None:
            referenced = self.store.by_id.get(int(reply_to))
            if referenced is None:
                raise KeyError(f"unknown message {reply_to}")
            ref = {"type": 0, "message_id": str(reply_to),
                   "channel_id": referenced["channel_id"]}
            if guild is not None:
                ref["guild_id"] = str(guild.id)
            replied = int(referenced["author"]["id"])
            if ping_reply and mentions is None and replied not in mention_ids:
                mention_ids.append(replied)
        if mention_everyone is None:
            allowed = (guild is None or guild.channel_permissions(author.id, channel.id)
                       & Perm.MENTION_EVERYONE)
            mention_everyone = bool(allowed) and ("@everyone" in content or "@here" in content)
        atts = [self._attachment(channel.id, a) for a in attachments or []]
        payload = payloads.message(
            world, id=mid, channel_id=channel.id, author=author, content=content, guild=guild,
            include_member=True, mentions=mention_ids, mention_roles=mention_roles,
            mention_everyone=mention_everyone, embeds=embeds, attachments=atts,
            components=components, message_reference=ref,
            referenced_message=strip_reference(referenced),
        )
        self.store.by_id[mid] = payload
        channel.last_message_id = mid
        await self.gateway.dispatch("MESSAGE_CREATE", payload,
                                    guild_id=guild.id if guild else None,
                                    transform=self.store.transform)
        return mid

    def _attachment(self, channel_id: int, info: dict[str, Any]) -> dict[str, Any]:
        aid = self.world.ids.next()
        url = f"https://cdn.loopback.invalid/attachments/{channel_id}/{aid}/{info['filename']}"
        return {"id": str(aid), "size": 0, "url": url, "proxy_url": url,
                "content_type": None, **info}

    async def send_interaction(
        self,
        type: int,
        data: dict[str, Any],
        *,
        user: UserLike,
        channel: int | Channel,
        message_id: int | None = None,
        locale: str = "en-US",
        app_permissions: int | None = None,
    ) -> InteractionRecord:
        """Dispatch INTERACTION_CREATE with the given ``type`` and ``data`` (low level).

        ``message_id``: the message a component lives on (type 3). Returns the record to
        await with :meth:`wait_for_response`.
        """
        world = self.world
        ch = self._channel(channel)
        message = None
        if message_id is not None:
            stored = self.store.by_id.get(int(message_id))
            if stored is None:
                raise KeyError(f"unknown message {message_id}")
            message = payloads.without_guild_fields(copy.deepcopy(stored))
        iid = world.ids.next()
        payload = inject.interaction_payload(
            world, interaction_id=iid, type=type, data=data, user_id=as_id(user), channel=ch,
            message=message, locale=locale, app_permissions=app_permissions)
        record = InteractionRecord(id=iid, token=payload["token"], type=type, payload=payload,
                                   dispatched_at=time.monotonic(), server=self)
        self.interactions[iid] = record
        self._interactions_by_token[record.token] = record
        guild = world.guild_of_channel(ch.id)
        await self.gateway.dispatch("INTERACTION_CREATE", payload,
                                    guild_id=guild.id if guild else None)
        return record

    async def send_slash_command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: UserLike,
        channel: int | Channel,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Invoke ``/name`` (``"group sub"`` for subcommands) as ``user`` in ``channel``.

        ``options`` maps option names to values (users/roles/channels as ids or objects);
        types, nesting and ``resolved`` come from the commands the bot synced. Raises
        LookupError/ValueError for what a Discord client would not send (unknown command or
        option, missing required option) and PermissionError when the command's
        ``default_member_permissions`` hide it from ``user``.
        """
        ch = self._channel(channel)
        data = self._command_data(name, options or {}, ch, user, focused=None)
        return await self.send_interaction(2, data, user=user, channel=ch, locale=locale)

    async def send_autocomplete(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        focused: str,
        user: UserLike,
        channel: int | Channel,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Autocomplete request (type 4) while ``user`` types ``options[focused]``."""
        ch = self._channel(channel)
        options = dict(options or {})
        options.setdefault(focused, "")
        data = self._command_data(name, options, ch, user, focused=focused)
        return await self.send_interaction(4, data, user=user, channel=ch, locale=locale)

    async def send_context_menu(
        self,
        name: str,
        target: UserLike,
        *,
        user: UserLike,
        channel: int | Channel,
        message: bool = False,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Invoke a user (or, with ``message=True``, message) context-menu command."""
        ch = self._channel(channel)
        guild = self.world.guild_of_channel(ch.id)
        ctype = 3 if message else 2
        cmd = inject.find_command(self.commands, name, guild.id if guild else None, ctype)
        inject.check_command_permissions(self.world, cmd, as_id(user), ch)
        target_id = as_id(target)
        resolved: dict[str, dict] = {}
        if message:
            stored = self.store.by_id.get(target_id)
            if stored is None:
                raise KeyError(f"unknown message {target_id}")
            resolved["messages"] = {str(target_id): payloads.without_guild_fields(stored)}
        else:
            payloads.resolved_for_option(self.world, guild, inject.USER, target_id, resolved)
        data = {"id": cmd["id"], "name": name, "type": ctype, "target_id": str(target_id),
                "resolved": resolved}
        if "guild_id" in cmd:
            data["guild_id"] = cmd["guild_id"]
        return await self.send_interaction(2, data, user=user, channel=ch, locale=locale)

    def _command_data(self, name: str, options: dict[str, Any], channel: Channel,
                      user: UserLike, focused: str | None) -> dict[str, Any]:
        guild = self.world.guild_of_channel(channel.id)
        root, *path = name.split()
        cmd = inject.find_command(self.commands, root, guild.id if guild else None)
        inject.check_command_permissions(self.world, cmd, as_id(user), channel)
        resolved: dict[str, dict] = {}
        opts = inject.build_command_options(
            self.world, guild.id if guild else None, cmd, path, options, focused=focused,
            resolved=None if focused else resolved)
        data: dict[str, Any] = {"id": cmd["id"], "name": root, "type": 1, "options": opts}
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in cmd:
            data["guild_id"] = cmd["guild_id"]
        return data

    async def send_component(
        self,
        message_id: int,
        custom_id: str,
        *,
        user: UserLike,
        values: list[Any] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Press a button / choose in a select menu on a stored message (type 3)."""
        stored = self.store.by_id.get(int(message_id))
        if stored is None:
            raise KeyError(f"unknown message {message_id}")
        comps = walk_components(stored.get("components", []))
        comp = next((c for c in comps if c.get("custom_id") == custom_id), None)
        if comp is None:
            known = [c["custom_id"] for c in comps if "custom_id" in c]
            raise LookupError(f"no component {custom_id!r} on message {message_id}: {known}")
        if comp.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": comp["type"]}
        if "id" in comp:
            data["id"] = comp["id"]
        if comp["type"] in (3, 5, 6, 7, 8):
            data["values"] = [str(as_id(v)) if comp["type"] != 3 else str(v)
                              for v in values or []]
            if comp["type"] != 3:
                resolved: dict[str, dict] = {}
                guild = self.world.guild_of_channel(int(stored["channel_id"]))
                option_type = {5: inject.USER, 6: inject.ROLE, 7: inject.MENTIONABLE,
                               8: inject.CHANNEL}[comp["type"]]
                for v in data["values"]:
                    payloads.resolved_for_option(self.world, guild, option_type, v, resolved)
                data["resolved"] = resolved
        return await self.send_interaction(3, data, user=user,
                                           channel=int(stored["channel_id"]),
                                           message_id=int(message_id), locale=locale)

    async def press_button(self, message_id: int, custom_id: str, *,
                           user: UserLike) -> InteractionRecord:
        return await self.send_component(message_id, custom_id, user=user)

    async def submit_modal(self, interaction: InteractionRecord | int,
                           values: dict[str, Any], *,
                           user: UserLike | None = None) -> InteractionRecord:
        """Submit the modal the bot opened in answer to ``interaction`` (callback type 9)."""
        inter = self._interaction(interaction)
        if inter.callback is None or inter.callback.type != 9:
            raise ValueError(f"interaction {inter.id} was not answered with a modal")
        modal = inter.callback.data

        def fill(comp: dict[str, Any]) -> dict[str, Any] | None:
            if comp["type"] == 1:
                return {"type": 1, "components": [c for c in map(fill, comp["components"]) if c]}
            if comp["type"] == 18:
                inner = fill(comp["component"])
                return {"type": 18, "component": inner} if inner else None
            if comp["type"] == 4:
                return {"type": 4, "custom_id": comp["custom_id"],
                        "value": str(values.get(comp["custom_id"], ""))}
            if "custom_id" in comp:
                picked = values.get(comp["custom_id"], [])
                return {"type": comp["type"], "custom_id": comp["custom_id"],
                        "values": [str(as_id(v)) for v in picked]}
            return None

        components = [c for c in map(fill, modal.get("components", [])) if c]
        if user is None:
            user = int((inter.payload.get("member") or {}).get("user", inter.payload.get(
                "user", {})).get("id"))
        data = {"custom_id": modal["custom_id"], "components": components}
        message_id = inter.payload["message"]["id"] if "message" in inter.payload else None
        return await self.send_interaction(5, data, user=user,
                                           channel=int(inter.payload["channel_id"]),
                                           message_id=message_id)

    # -- waiting --------------------------------------------------------------------------

    def _interaction(self, interaction: InteractionRecord | int) -> InteractionRecord:
        iid = interaction.id if isinstance(interaction, InteractionRecord) else int(interaction)
        return self.interactions[iid]

    def _recent(self) -> str:
        recent = ", ".join(f"{r.method} {_TOKEN.sub('<token>', r.path)} -> {r.status}"
                           for r in self.requests[-8:])
        extra = f"; unhandled: {self.unhandled}" if self.unhandled else ""
        return f" (recent requests: [{recent}]{extra})"

    async def wait_for_response(self, interaction: InteractionRecord | int, *,
                                timeout: float = 5.0) -> InteractionRecord:
        """Wait until the bot answered the interaction's callback; returns the record
        (``.callback``, ``.response_type``, ``.content``, ``.choices``, ``.followups``)."""
        inter = self._interaction(interaction)
        return await self._notifier.wait_for(
            lambda: inter if inter.callback is not None else None, timeout,
            lambda: f"a callback for interaction {inter.id} (errors: {inter.errors})"
                    + self._recent())

    async def wait_for_followup(self, interaction: InteractionRecord | int, *, count: int = 1,
                                timeout: float = 5.0) -> MessageRecord:
        """Wait for the ``count``-th followup of an interaction and return it."""
        inter = self._interaction(interaction)
        return await self._notifier.wait_for(
            lambda: inter.followups[count - 1] if len(inter.followups) >= count else None,
            timeout, lambda: f"followup #{count} of interaction {inter.id}" + self._recent())

    async def wait_for_message(
        self,
        channel_id: int | Channel | None = None,
        predicate: Callable[[MessageRecord], bool] | None = None,
        *,
        after: int | None = None,
        timeout: float = 5.0,
        source: str | None = None,
    ) -> MessageRecord:
        """Wait for a message the bot created (already recorded ones count) in
        ``channel_id`` (None: anywhere) with id greater than ``after``, matching
        ``predicate`` and ``source`` ("channel", "interaction", "followup")."""
        cid = as_id(channel_id) if channel_id is not None else None

        def check() -> MessageRecord | None:
            for record in self.messages:
                if cid is not None and record.channel_id != cid:
                    continue
                if after is not None and record.id <= after:
                    continue
                if source is not None and record.source != source:
                    continue
                if predicate is None or predicate(record):
                    return record
            return None

        return await self._notifier.wait_for(
            check, timeout, lambda: f"a bot message in channel {cid} after {after}"
                                    + self._recent())

    async def wait_for_request(self, method: str, path: str, *, timeout: float = 5.0,
                               start: int = 0) -> RecordedRequest:
        """Wait for a REST request whose path fully matches the regex ``path``
        (considering ``requests[start:]``)."""
        pattern = re.compile(path)

        def check() -> RecordedRequest | None:
            for rec in self.requests[start:]:
                if rec.method == method and pattern.fullmatch(rec.path) and rec.status:
                    return rec
            return None

        return await self._notifier.wait_for(check, timeout,
                                             lambda: f"{method} {path}" + self._recent())

    async def wait_for_commands(self, guild_id: int | None = None, *,
                                timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait until the bot synced commands for ``guild_id`` (None: global)."""
        return await self._notifier.wait_for(
            lambda: next((cmds for scope, cmds in self.command_syncs if scope == guild_id),
                         None),
            timeout, lambda: f"a command sync for guild {guild_id}" + self._recent())

    async def wait_for_gateway(self, kind: str = "identify", *, count: int = 1,
                               timeout: float = 5.0) -> None:
        """Wait until ``count`` connections completed ``kind`` ("identify" or "resume")."""
        conns = self.gateway.connections
        await self._notifier.wait_for(
            lambda: sum(1 for c in self.gateway.connections if c.kind == kind) >= count,
            timeout, lambda: f"{count} gateway connection(s) to {kind}; connections: "
                             f"{[(c.path, c.kind, c.close_code) for c in conns]}")

    # -- fault injection ------------------------------------------------------------------

    async def drop_gateway(self, code: int | None = 4000) -> int:
        """Close the gateway websocket(s): a resumable code (4000) makes the client RESUME;
        ``None`` aborts the TCP connection. Returns how many connections were dropped."""
        return await self.gateway.drop(code)

    async def invalidate_session(self, resumable: bool = False) -> int:
        """Send op 9. Not resumable: the client must IDENTIFY again (discord.py sleeps 5 s in
        ``before_identify_hook`` first: override it in tests)."""
        return await self.gateway.invalidate(resumable)

    async def request_reconnect(self) -> int:
        """Send op 7 RECONNECT."""
        return await self.gateway.request_reconnect()

    # -- helpers used by the REST handlers ------------------------------------------------

    def _channel(self, channel: int | Channel) -> Channel:
        found = self.world.channel(as_id(channel))
        if found is None:
            raise KeyError(f"unknown channel {as_id(channel)}")
        return found

    def message(self, message_id: int) -> dict[str, Any]:
        """The stored message object (any author) with this id."""
        return self.store.by_id[int(message_id)]

    async def _member_updated(self, guild, user_id: int) -> None:
        member = guild.members[user_id]
        data = payloads.member(guild, member, with_user=self.world.users[user_id])
        data["guild_id"] = str(guild.id)
        bot_id = self.world.bot.id

        def transform(session: Session, d: dict[str, Any]) -> dict[str, Any] | None:
            return d if session.has_intent(GUILD_MEMBERS) or user_id == bot_id else None

        await self._broadcast("GUILD_MEMBER_UPDATE", data, guild.id, transform)
