"""The REST half of the loopback Discord: routing, auth, bodies, and the endpoints
discord.py calls in normal use. Unknown routes answer 404 and land in ``server.unhandled``.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads, validation
from .errors import MISSING_PERMISSIONS, HTTPError, error, json_response, no_content
from .payloads import EPHEMERAL, LOADING
from .records import CallbackRecord, InteractionRecord, RecordedRequest, UploadedFile
from .world import Channel, Perm

if TYPE_CHECKING:
    from .server import LoopbackDiscord

Handler = Callable[[web.Request, RecordedRequest, dict[str, str]], Awaitable[web.Response]]

API_PREFIX = re.compile(r"^/api/v\d+")


@dataclass
class Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool = True


def compile_path(path: str) -> re.Pattern[str]:
    regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path)
    return re.compile(f"^{regex}$")


class RestAPI:
    def __init__(self, server: LoopbackDiscord) -> None:
        self.server = server
        self.routes: list[Route] = []
        r = self._add
        r("GET", "/gateway", self.get_gateway)
        r("GET", "/gateway/bot", self.get_gateway_bot)
        r("GET", "/users/@me", self.get_me)
        r("GET", "/users/@me/guilds", self.get_my_guilds)
        r("POST", "/users/@me/channels", self.create_dm)
        r("GET", "/users/{user_id}", self.get_user)
        r("GET", "/oauth2/applications/@me", self.get_application)
        r("GET", "/applications/@me", self.get_application)
        for prefix in ("/applications/{app_id}", "/applications/{app_id}/guilds/{guild_id}"):
            r("GET", prefix + "/commands/permissions", self.get_command_permissions)
            r("GET", prefix + "/commands", self.get_commands)
            r("PUT", prefix + "/commands", self.put_commands)
            r("POST", prefix + "/commands", self.post_command)
            r("GET", prefix + "/commands/{command_id}", self.get_command)
            r("PATCH", prefix + "/commands/{command_id}", self.patch_command)
            r("DELETE", prefix + "/commands/{command_id}", self.delete_command)
        r("GET", "/applications/{app_id}/emojis", self.get_app_emojis)
        r("GET", "/applications/{app_id}/entitlements", self.get_entitlements)
        r("GET", "/channels/{channel_id}", self.get_channel)
        r("GET", "/channels/{channel_id}/messages", self.get_messages)
        r("POST", "/channels/{channel_id}/messages", self.post_message)
        r("POST", "/channels/{channel_id}/messages/bulk-delete", self.bulk_delete)
        r("GET", "/channels/{channel_id}/messages/pins", self.get_pins)
        r("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message)
        r("PATCH", "/channels/{channel_id}/messages/{message_id}", self.patch_message)
        r("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message)
        reactions = "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}"
        r("PUT", reactions + "/@me", self.put_reaction)
        r("DELETE", reactions + "/{user}", self.delete_reaction)
        r("POST", "/channels/{channel_id}/typing", self.typing)
        r("GET", "/guilds/{guild_id}", self.get_guild)
        r("GET", "/guilds/{guild_id}/channels", self.get_guild_channels)
        r("GET", "/guilds/{guild_id}/roles", self.get_roles)
        r("GET", "/guilds/{guild_id}/members", self.get_members)
        r("GET", "/guilds/{guild_id}/members/search", self.search_members)
        r("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member)
        r("PUT", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.add_role)
        r("DELETE", "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", self.remove_role)
        r("POST", "/interactions/{interaction_id}/{token}/callback", self.callback, auth=False)
        webhook = "/webhooks/{app_id}/{token}"
        r("POST", webhook, self.post_followup, auth=False)
        r("GET", webhook + "/messages/{message_id}", self.get_webhook_message, auth=False)
        r("PATCH", webhook + "/messages/{message_id}", self.patch_webhook_message, auth=False)
        r("DELETE", webhook + "/messages/{message_id}", self.delete_webhook_message, auth=False)

    def _add(self, method: str, path: str, handler: Handler, *, auth: bool = True) -> None:
        self.routes.append(Route(method, compile_path(path), handler, auth))

    # -- entry point ----------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        server = self.server
        path = API_PREFIX.sub("", request.path)
        body, files = await self._read_body(request)
        rec = RecordedRequest(method=request.method, path=path, query=dict(request.query),
                              headers=dict(request.headers), json=body, files=files)
        server.requests.append(rec)
        try:
            response = await self._route(request, rec, path)
        except HTTPError as exc:
            response = exc.response
        except Exception as exc:  # a bug in the loopback itself
            server.internal_errors.append(traceback.format_exc())
            # Not a 5xx: discord.py would retry those for ~25 s before giving up.
            response = error(400, f"loopback server error: {exc!r}", 0)
        rec.status = response.status
        if response.body is not None and response.headers.get("Content-Type") == (
                "application/json"):
            rec.response = json.loads(response.body)
        server._notify()
        return response

    async def _route(self, request: web.Request, rec: RecordedRequest,
                     path: str) -> web.Response:
        for route in self.routes:
            if route.method != request.method:
                continue
            match = route.pattern.match(path)
            if match is None:
                continue
            auth = request.headers.get("Authorization")
            expected = f"Bot {self.server.token}"
            if (route.auth and auth != expected) or (auth is not None and auth != expected):
                return error(401, "401: Unauthorized", 0)
            return await route.handler(request, rec, match.groupdict())
        self.server.unhandled.append(rec)
        return error(404, "404: Not Found", 0)

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
        files: list[UploadedFile] = []
        if not request.body_exists:
            return None, files
        if request.content_type.startswith("multipart/"):
            body = None
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                else:
                    data = await part.read()
                    files.append(UploadedFile(field_name=part.name or "",
                                              filename=part.filename,
                                              content_type=part.headers.get("Content-Type"),
                                              data=bytes(data)))
            return body, files
        text = await request.text()
        if not text:
            return None, files
        try:
            return json.loads(text), files
        except ValueError:
            return text, files

    # -- lookups --------------------------------------------------------------------------

    def _channel(self, channel_id: str) -> Channel:
        channel = self.server.world.channel(int(channel_id)) if channel_id.isdigit() else None
        if channel is None:
            raise HTTPError.unknown("Channel", 10003)
        return channel

    def _guild(self, guild_id: str):
        guild = self.server.world.guilds.get(int(guild_id)) if guild_id.isdigit() else None
        if guild is None:
            raise HTTPError.unknown("Guild", 10004)
        return guild

    def _message(self, channel: Channel, message_id: str) -> dict[str, Any]:
        msg = self.server.store.by_id.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or int(msg["channel_id"]) != channel.id:
            raise HTTPError.unknown("Message", 10008)
        return msg

    def _app(self, app_id: str) -> None:
        if app_id != str(self.server.world.application_id):
            raise HTTPError.unknown("Application", 10002)

    def _bot_perms(self, channel: Channel) -> int:
        guild = self.server.world.guild_of_channel(channel.id)
        if guild is None:
            return Perm.ALL
        return guild.channel_permissions(self.server.world.bot.id, channel.id)

    def _require(self, channel: Channel, perms: int) -> None:
        if self._bot_perms(channel) & perms != perms:
            raise HTTPError(*MISSING_PERMISSIONS)

    # -- gateway / users / application ----------------------------------------------------

    async def get_gateway(self, request, rec, p):
        return json_response({"url": self.server.gateway_url})

    async def get_gateway_bot(self, request, rec, p):
        return json_response({
            "url": self.server.gateway_url,
            "shards": self.server.shard_count,
            "session_start_limit": {"total": 1000, "remaining": 999,
                                    "reset_after": 14400000, "max_concurrency": 1},
        })

    async def get_me(self, request, rec, p):
        return json_response(payloads.current_user(self.server.world.bot))

    async def get_my_guilds(self, request, rec, p):
        return json_response([
            {"id": str(g.id), "name": g.name, "icon": None, "banner": None,
             "owner": False, "permissions": str(g.base_permissions(self.server.world.bot.id)),
             "features": []}
            for g in self.server.world.guilds.values()
        ])

    async def get_user(self, request, rec, p):
        user = self.server.world.users.get(int(p["user_id"])) if p["user_id"].isdigit() else None
        if user is None:
            raise HTTPError.unknown("User", 10013)
        return json_response(payloads.user(user))

    async def create_dm(self, request, rec, p):
        world = self.server.world
        uid = int((rec.json or {}).get("recipient_id", 0))
        if uid not in world.users:
            raise HTTPError.unknown("User", 10013)
        return json_response(payloads.channel(world.dm_channel(uid), world))

    async def get_application(self, request, rec, p):
        world = self.server.world
        owner = world.users.get(world.application_owner_id or 0)
        if owner is None:
            owner = next(u for u in world.users.values() if not u.bot) if any(
                not u.bot for u in world.users.values()) else world.bot
        return json_response({
            "id": str(world.application_id),
            "name": world.application_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": world.application_flags,
            "owner": payloads.user(owner),
            "team": None,
            "bot": payloads.user(world.bot),
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "approximate_guild_count": len(world.guilds),
            "integration_types_config": {"0": {}},
        })

    async def get_app_emojis(self, request, rec, p):
        self._app(p["app_id"])
        return json_response({"items": []})

    async def get_entitlements(self, request, rec, p):
        self._app(p["app_id"])
        return json_response([])

    # -- application commands -------------------------------------------------------------

    def _command_scope(self, p: dict[str, str]) -> int | None:
        self._app(p["app_id"])
        if "guild_id" in p:
            return self._guild(p["guild_id"]).id
        return None

    def _stored_command(self, scope: int | None, cmd: dict[str, Any],
                        existing: dict[str, Any] | None = None) -> dict[str, Any]:
        world = self.server.world
        ctype = cmd.get("type", 1)
        stored = {
            "id": existing["id"] if existing else str(world.ids.next()),
            "application_id": str(world.application_id),
            "version": str(world.ids.next()),
            "type": ctype,
            "name": cmd["name"],
            "name_localizations": cmd.get("name_localizations"),
            "description": cmd.get("description", ""),
            "description_localizations": cmd.get("description_localizations"),
            "options": cmd.get("options") or [],
            "default_member_permissions": cmd.get("default_member_permissions"),
            "dm_permission": cmd.get("dm_permission", True),
            "contexts": cmd.get("contexts"),
            "integration_types": cmd.get("integration_types") or [0],
            "nsfw": cmd.get("nsfw", False),
        }
        if scope is not None:
            stored["guild_id"] = str(scope)
        return stored

    async def get_commands(self, request, rec, p):
        scope = self._command_scope(p)
        return json_response(list(self.server.commands.get(scope, {}).values()))

    async def put_commands(self, request, rec, p):
        scope = self._command_scope(p)
        body = rec.json if rec.json is not None else []
        problem = validation.check_commands(body)
        if problem:
            raise HTTPError.body(problem)
        old = {(c["type"], c["name"]): c for c in self.server.commands.get(scope, {}).values()}
        new: dict[str, dict[str, Any]] = {}
        for cmd in body:
            stored = self._stored_command(scope, cmd, old.get((cmd.get("type", 1), cmd["name"])))
            new[stored["id"]] = stored
        self.server.commands[scope] = new
        self.server.command_syncs.append((scope, list(new.values())))
        return json_response(list(new.values()))

    async def post_command(self, request, rec, p):
        scope = self._command_scope(p)
        body = rec.json or {}
        problem = validation.check_commands([body])
        if problem:
            raise HTTPError.body(problem)
        commands = self.server.commands.setdefault(scope, {})
        existing = next((c for c in commands.values() if c["name"] == body["name"]
                         and c["type"] == body.get("type", 1)), None)
        stored = self._stored_command(scope, body, existing)
        commands[stored["id"]] = stored
        return json_response(stored, status=200 if existing else 201)

    def _find_command(self, scope: int | None, command_id: str) -> dict[str, Any]:
        cmd = self.server.commands.get(scope, {}).get(command_id)
        if cmd is None:
            raise HTTPError.unknown("application command", 10063)
        return cmd

    async def get_command(self, request, rec, p):
        return json_response(self._find_command(self._command_scope(p), p["command_id"]))

    async def patch_command(self, request, rec, p):
        scope = self._command_scope(p)
        cmd = self._find_command(scope, p["command_id"])
        cmd.update({k: v for k, v in (rec.json or {}).items()
                    if k in ("name", "description", "options")})
        return json_response(cmd)

    async def delete_command(self, request, rec, p):
        scope = self._command_scope(p)
        self._find_command(scope, p["command_id"])
        del self.server.commands[scope][p["command_id"]]
        return no_content()

    async def get_command_permissions(self, request, rec, p):
        self._command_scope(p)
        return json_response([])

    # -- channels and messages ------------------------------------------------------------

    async def get_channel(self, request, rec, p):
        return json_response(payloads.channel(self._channel(p["channel_id"]), self.server.world))

    async def get_messages(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._require(channel, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        limit = max(1, min(100, int(request.query.get("limit", 50))))
        msgs = [m for m in self.server.store.by_id.values()
                if int(m["channel_id"]) == channel.id]
        msgs.sort(key=lambda m: int(m["id"]), reverse=True)
        if "before" in request.query:
            msgs = [m for m in msgs if int(m["id"]) < int(request.query["before"])]
        if "after" in request.query:
            msgs = [m for m in msgs if int(m["id"]) > int(request.query["after"])]
            msgs = sorted(msgs, key=lambda m: int(m["id"]))[:limit][::-1]
        return json_response([payloads.without_guild_fields(m) for m in msgs[:limit]])

    async def get_pins(self, request, rec, p):
        self._channel(p["channel_id"])
        return json_response({"items": [], "has_more": False})

    async def get_message(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._require(channel, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        return json_response(payloads.without_guild_fields(self._message(channel,
                                                                         p["message_id"])))

    async def post_message(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        body = rec.json if isinstance(rec.json, dict) else {}
        needed = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES
        if rec.files:
            needed |= Perm.ATTACH_FILES
        if body.get("message_reference"):
            needed |= Perm.READ_MESSAGE_HISTORY
        self._require(channel, needed)
        problem = validation.check_message(body, has_files=bool(rec.files))
        if problem:
            raise HTTPError.body(problem)
        record = await self.server.store.create_bot_message(channel, body, rec.files,
                                                            source="channel")
        return json_response(payloads.without_guild_fields(record.payload))

    async def patch_message(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        msg = self._message(channel, p["message_id"])
        if int(msg["author"]["id"]) != self.server.world.bot.id:
            raise HTTPError(403, "Cannot edit a message authored by another user", 50005)
        body = rec.json if isinstance(rec.json, dict) else {}
        problem = validation.check_message(body, creating=False)
        if problem:
            raise HTTPError.body(problem)
        record = await self.server.store.edit_bot_message(int(msg["id"]), body, rec.files)
        return json_response(payloads.without_guild_fields(record.payload))

    async def delete_message(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        msg = self._message(channel, p["message_id"])
        if int(msg["author"]["id"]) != self.server.world.bot.id:
            self._require(channel, Perm.MANAGE_MESSAGES)
        await self.server.store.delete(int(msg["id"]))
        return no_content()

    async def bulk_delete(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._require(channel, Perm.MANAGE_MESSAGES)
        for mid in (rec.json or {}).get("messages", []):
            if int(mid) in self.server.store.by_id:
                await self.server.store.delete(int(mid))
        return no_content()

    async def put_reaction(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._message(channel, p["message_id"])
        self._require(channel, Perm.READ_MESSAGE_HISTORY)
        self.server.reactions.append((int(p["message_id"]), p["emoji"]))
        return no_content()

    async def delete_reaction(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._message(channel, p["message_id"])
        with contextlib.suppress(ValueError):
            self.server.reactions.remove((int(p["message_id"]), p["emoji"]))
        return no_content()

    async def typing(self, request, rec, p):
        channel = self._channel(p["channel_id"])
        self._require(channel, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
        self.server.typing.append(channel.id)
        return no_content()

    # -- guilds ---------------------------------------------------------------------------

    async def get_guild(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        with_counts = request.query.get("with_counts", "").lower() in ("1", "true")
        return json_response(payloads.guild_rest(guild, with_counts=with_counts))

    async def get_guild_channels(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        return json_response([payloads.channel(c, self.server.world)
                              for c in guild.channels.values()])

    async def get_roles(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        return json_response([payloads.role(r) for r in guild.roles.values()])

    def _member_payloads(self, guild, user_ids) -> list[dict[str, Any]]:
        world = self.server.world
        return [payloads.member(guild, guild.members[u], with_user=world.users[u])
                for u in user_ids]

    async def get_members(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        limit = max(1, min(1000, int(request.query.get("limit", 1))))
        after = int(request.query.get("after", 0))
        ids = sorted(u for u in guild.members if u > after)[:limit]
        return json_response(self._member_payloads(guild, ids))

    async def search_members(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        query = request.query.get("query", "").lower()
        limit = max(1, min(1000, int(request.query.get("limit", 1))))
        world = self.server.world
        ids = [u for u, m in guild.members.items()
               if world.users[u].username.lower().startswith(query)
               or (m.nick or "").lower().startswith(query)][:limit]
        return json_response(self._member_payloads(guild, ids))

    async def get_member(self, request, rec, p):
        guild = self._guild(p["guild_id"])
        uid = int(p["user_id"]) if p["user_id"].isdigit() else 0
        if uid not in guild.members:
            raise HTTPError.unknown("Member", 10007)
        return json_response(self._member_payloads(guild, [uid])[0])

    async def _role_change(self, p, add: bool) -> web.Response:
        guild = self._guild(p["guild_id"])
        uid, rid = int(p["user_id"]), int(p["role_id"])
        if uid not in guild.members:
            raise HTTPError.unknown("Member", 10007)
        if rid not in guild.roles:
            raise HTTPError.unknown("Role", 10011)
        bot_id = self.server.world.bot.id
        if not guild.base_permissions(bot_id) & Perm.MANAGE_ROLES:
            raise HTTPError(*MISSING_PERMISSIONS)
        top = max((guild.roles[r].position for r in guild.members[bot_id].roles
                   if r in guild.roles), default=0)
        if guild.roles[rid].position >= top and guild.owner_id != bot_id:
            raise HTTPError(*MISSING_PERMISSIONS)
        roles = guild.members[uid].roles
        if add and rid not in roles:
            roles.append(rid)
        elif not add and rid in roles:
            roles.remove(rid)
        await self.server._member_updated(guild, uid)
        return no_content()

    async def add_role(self, request, rec, p):
        return await self._role_change(p, add=True)

    async def remove_role(self, request, rec, p):
        return await self._role_change(p, add=False)

    # -- interactions ---------------------------------------------------------------------

    def _interaction(self, interaction_id: str, token: str) -> InteractionRecord:
        rec = self.server.interactions.get(int(interaction_id)) if interaction_id.isdigit() \
            else None
        if rec is None or rec.token != token:
            raise HTTPError.unknown("interaction", 10062)
        return rec

    async def callback(self, request, rec, p):
        server = self.server
        inter = self._interaction(p["interaction_id"], p["token"])
        body = rec.json if isinstance(rec.json, dict) else {}
        if inter.callback is not None:
            inter.errors.append({"code": 40060, "body": body})
            raise HTTPError(400, "Interaction has already been acknowledged.", 40060)
        age = time.monotonic() - inter.dispatched_at
        if age > server.interaction_timeout:
            inter.errors.append({"code": 10062, "late_by": age - server.interaction_timeout,
                                 "body": body})
            raise HTTPError.unknown("interaction", 10062)
        ctype = body.get("type")
        data = body.get("data") or {}
        allowed = {1: {1}, 2: {4, 5, 9, 10, 12}, 3: {4, 5, 6, 7, 9, 10},
                   4: {8}, 5: {4, 5, 6, 7}}.get(inter.type, set())
        if ctype not in allowed:
            raise HTTPError.body({"message": "Invalid Form Body", "code": 50035, "errors": {
                "type": {"_errors": [{"code": "INTERACTION_RESPONSE_TYPE_INVALID",
                                      "message": "Invalid interaction response type"}]}}})
        problem = None
        if ctype == 4:
            problem = validation.check_message(data, has_files=bool(rec.files))
        elif ctype == 7:
            problem = validation.check_message(data, creating=False)
        elif ctype == 8:
            problem = validation.check_autocomplete(data)
        elif ctype == 9:
            problem = _check_modal(data)
        if problem:
            raise HTTPError.body(problem)

        channel = server.world.channel(int(inter.payload["channel_id"]))
        message: dict[str, Any] | None = None
        callback = CallbackRecord(interaction_id=inter.id, type=ctype, data=data, body=body,
                                  files=rec.files)
        if ctype in (4, 5):
            msg_body = dict(data)
            if ctype == 5:
                msg_body = {"content": "", "flags": LOADING | (int(data.get("flags", 0))
                                                               & EPHEMERAL)}
            record = await server.store.create_bot_message(channel, msg_body, rec.files,
                                                      source="interaction", interaction=inter)
            inter.original_message_id = record.id
            message = record.payload
        elif ctype in (6, 7) and "message" in inter.payload:
            inter.original_message_id = int(inter.payload["message"]["id"])
            if ctype == 7:
                record = await server.store.edit_bot_message(inter.original_message_id, data,
                                                        rec.files, interaction=inter)
                message = record.payload
        callback.message_id = inter.original_message_id if ctype in (4, 5, 7) else None
        inter.callback = callback
        server.interaction_responses.append(callback)
        flags = int((message or {}).get("flags", 0))
        interaction_info: dict[str, Any] = {"id": str(inter.id), "type": inter.type,
                                            "response_message_loading": ctype == 5,
                                            "response_message_ephemeral": bool(flags & EPHEMERAL)}
        if callback.message_id:
            interaction_info["response_message_id"] = str(callback.message_id)
        resource: dict[str, Any] = {"type": ctype}
        if message is not None:
            resource["message"] = payloads.without_guild_fields(message)
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return no_content()  # what Discord does without ?with_response
        return json_response({"interaction": interaction_info, "resource": resource})

    def _webhook_interaction(self, p: dict[str, str]) -> InteractionRecord:
        server = self.server
        inter = server._interactions_by_token.get(p["token"])
        if p["app_id"] != str(server.world.application_id) or inter is None:
            raise HTTPError.unknown("Webhook", 10015)
        if inter.callback is None:
            # Followups and edits need the interaction to be acknowledged first.
            raise HTTPError.unknown("Webhook", 10015)
        return inter

    def _webhook_message_id(self, inter: InteractionRecord, message_id: str) -> int:
        if message_id == "@original":
            if inter.original_message_id is None:
                raise HTTPError.unknown("Message", 10008)
            return inter.original_message_id
        mid = int(message_id) if message_id.isdigit() else 0
        known = {m.id for m in inter.followups}
        if inter.original_message_id:
            known.add(inter.original_message_id)
        if mid not in known or mid not in self.server.store.by_id:
            raise HTTPError.unknown("Message", 10008)
        return mid

    async def post_followup(self, request, rec, p):
        server = self.server
        inter = self._webhook_interaction(p)
        body = rec.json if isinstance(rec.json, dict) else {}
        problem = validation.check_message(body, has_files=bool(rec.files))
        if problem:
            raise HTTPError.body(problem)
        original = server.store.records.get(inter.original_message_id or 0)
        if original is not None and original.flags & LOADING:
            # The first followup after a deferred response replaces the "thinking" message.
            record = await server.store.edit_bot_message(original.id, body, rec.files,
                                                    interaction=inter)
        else:
            channel = server.world.channel(int(inter.payload["channel_id"]))
            record = await server.store.create_bot_message(channel, body, rec.files,
                                                      source="followup", interaction=inter)
        inter.followups.append(record)
        server._notify()
        if request.query.get("wait", "").lower() in ("1", "true"):
            return json_response(payloads.without_guild_fields(record.payload))
        return no_content()

    async def get_webhook_message(self, request, rec, p):
        inter = self._webhook_interaction(p)
        mid = self._webhook_message_id(inter, p["message_id"])
        return json_response(payloads.without_guild_fields(self.server.store.by_id[mid]))

    async def patch_webhook_message(self, request, rec, p):
        inter = self._webhook_interaction(p)
        mid = self._webhook_message_id(inter, p["message_id"])
        body = rec.json if isinstance(rec.json, dict) else {}
        problem = validation.check_message(body, creating=False)
        if problem:
            raise HTTPError.body(problem)
        record = await self.server.store.edit_bot_message(mid, body, rec.files, interaction=inter)
        inter.edits.append(body)
        return json_response(payloads.without_guild_fields(record.payload))

    async def delete_webhook_message(self, request, rec, p):
        inter = self._webhook_interaction(p)
        mid = self._webhook_message_id(inter, p["message_id"])
        await self.server.store.delete(mid)
        return no_content()


def _check_modal(data: dict[str, Any]) -> dict[str, Any] | None:
    errors: dict[str, Any] = {}
    if not data.get("custom_id") or len(data["custom_id"]) > 100:
        errors["custom_id"] = {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                            "message": "Must be between 1 and 100 in length."}]}
    if not data.get("title") or len(data["title"]) > 45:
        errors["title"] = {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                        "message": "Must be between 1 and 45 in length."}]}
    if not 1 <= len(data.get("components") or []) <= 5:
        errors["components"] = {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH",
                                             "message": "Must be between 1 and 5 in length."}]}
    if errors:
        return {"message": "Invalid Form Body", "code": 50035, "errors": {"data": errors}}
    return None
