"""Messages: the store of every message (users' and the bot's), what the bot's REST calls do
to it, and the MESSAGE_* events Discord would send back (applying intents).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from . import payloads
from .errors import HTTPError
from .gateway import DIRECT_MESSAGES, GUILD_MESSAGES, MESSAGE_CONTENT, Session
from .payloads import EPHEMERAL, LOADING
from .records import InteractionRecord, MessageRecord, UploadedFile, effective_pings
from .world import Channel

if TYPE_CHECKING:
    from .server import LoopbackDiscord

SUPPRESS_EMBEDS = 1 << 2
# Message flags a bot may set when creating a message.
SETTABLE_FLAGS = SUPPRESS_EMBEDS | EPHEMERAL | 1 << 12 | 1 << 15


class MessageStore:
    """Every message by id; the bot's ones also as :class:`MessageRecord`."""

    def __init__(self, server: LoopbackDiscord) -> None:
        self.server = server
        self.world = server.world
        #: Message objects by id, any author (deleted ones removed).
        self.by_id: dict[int, dict[str, Any]] = {}
        #: Records of the bot's messages by id.
        self.records: dict[int, MessageRecord] = {}

    def get(self, message_id: int) -> dict[str, Any] | None:
        return self.by_id.get(int(message_id))

    def transform(self, session: Session, data: dict[str, Any]) -> dict | None:
        """Apply intents: GUILD_MESSAGES / DIRECT_MESSAGES, and MESSAGE_CONTENT blanking."""
        in_guild = "guild_id" in data
        if not session.has_intent(GUILD_MESSAGES if in_guild else DIRECT_MESSAGES):
            return None
        bot_id = self.world.bot.id
        if in_guild and not session.has_intent(MESSAGE_CONTENT) and "author" in data:
            mentioned = any(int(m["id"]) == bot_id for m in data.get("mentions", []))
            if int(data["author"]["id"]) != bot_id and not mentioned:
                data = {**data, "content": "", "embeds": [], "attachments": [],
                        "components": []}
                data.pop("poll", None)
        return data

    async def create_bot_message(self, channel: Channel, body: dict[str, Any],
                                 files: list[UploadedFile], *, source: str,
                                 interaction: InteractionRecord | None = None) -> MessageRecord:
        """Store a message the bot created (REST body already validated); echo it."""
        world = self.world
        guild = world.guild_of_channel(channel.id)
        mid = world.ids.next()
        ref, referenced = {}, None
        if body.get("message_reference"):
            ref, referenced = reply_reference(self, channel, body["message_reference"])
        flags = int(body.get("flags") or 0) & (SETTABLE_FLAGS | LOADING)
        if interaction is None:
            flags &= ~(EPHEMERAL | LOADING)
        pings = effective_pings(body)
        payload = payloads.message(
            world, id=mid, channel_id=channel.id, author=world.bot,
            content=body.get("content") or "", guild=guild, include_member=True,
            mentions=message_mentions(body, referenced),
            mention_roles=[r for r in payloads.parse_role_mentions(body.get("content") or "")
                           if guild and r in guild.roles],
            mention_everyone=pings["everyone"],
            embeds=[{"type": "rich", **e} for e in body.get("embeds") or []],
            attachments=build_attachments(world, body, files, channel.id),
            components=number_components(body.get("components") or []),
            message_reference=ref or None,
            referenced_message=strip_reference(referenced),
            flags=flags, tts=bool(body.get("tts")),
            webhook_id=world.application_id if interaction else None,
            application_id=world.application_id if interaction else None,
            interaction_metadata=self._interaction_metadata(interaction, source),
            nonce=body.get("nonce"), poll=body.get("poll"), sticker_ids=body.get("sticker_ids"),
        )
        if interaction is not None and interaction.type == 2:
            payload["type"] = 20  # CHAT_INPUT_COMMAND
        self.by_id[mid] = payload
        channel.last_message_id = mid
        record = MessageRecord(id=mid, channel_id=channel.id,
                               guild_id=guild.id if guild else None, source=source,
                               body=body, payload=payload, files=list(files),
                               interaction_id=interaction.id if interaction else None)
        self.server.messages.append(record)
        self.records[mid] = record
        if self.server.echo_bot_messages and not flags & EPHEMERAL:
            await self.server._broadcast("MESSAGE_CREATE", payload,
                                         guild.id if guild else None, self.transform)
        self.server._notify()
        return record

    def _interaction_metadata(self, inter: InteractionRecord | None,
                              source: str) -> dict[str, Any] | None:
        if inter is None:
            return None
        p = inter.payload
        user = (p.get("member") or {}).get("user") or p.get("user")
        meta: dict[str, Any] = {
            "id": str(inter.id), "type": inter.type, "user": user,
            "authorizing_integration_owners": p.get("authorizing_integration_owners", {}),
        }
        if inter.type == 2:
            meta["name"] = p["data"].get("name")
            meta["command_type"] = p["data"].get("type", 1)
        if inter.type == 3 and "message" in p:
            meta["interacted_message_id"] = p["message"]["id"]
        if source == "followup" and inter.original_message_id:
            meta["original_response_message_id"] = str(inter.original_message_id)
        return meta

    async def edit_bot_message(self, message_id: int, body: dict[str, Any],
                               files: list[UploadedFile], *,
                               interaction: InteractionRecord | None = None) -> MessageRecord:
        """Apply an edit body (PATCH, UPDATE_MESSAGE callback, first followup after a defer)."""
        record = self.records.get(message_id)
        payload = self.by_id.get(message_id)
        if record is None or payload is None:
            raise HTTPError(403, "Cannot edit a message authored by another user", 50005)
        was_loading = payload["flags"] & LOADING
        guild = self.world.guild_of_channel(record.channel_id)
        if "content" in body:
            payload["content"] = body["content"] or ""
            payload["mentions"] = payloads.mention_list(
                self.world, guild, payloads.parse_user_mentions(payload["content"]))
        if "embeds" in body:
            payload["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            payload["components"] = number_components(body["components"] or [])
        new_attachments = build_attachments(self.world, body, files, record.channel_id)
        if "attachments" in body:
            keep = {str(a.get("id")) for a in body["attachments"] or []}
            payload["attachments"] = [a for a in payload["attachments"] if a["id"] in keep]
        payload["attachments"] = payload["attachments"] + new_attachments
        if "flags" in body and body["flags"] is not None:
            flags = payload["flags"] & ~SUPPRESS_EMBEDS
            payload["flags"] = flags | (int(body["flags"]) & SUPPRESS_EMBEDS)
        payload["flags"] &= ~LOADING
        if not was_loading:
            payload["edited_timestamp"] = dt.datetime.now(dt.UTC).isoformat()
        record.edits.append(body)
        record.files.extend(files)
        if self.server.echo_bot_messages and not payload["flags"] & EPHEMERAL:
            event = "MESSAGE_CREATE" if was_loading else "MESSAGE_UPDATE"
            await self.server._broadcast(event, payload, guild.id if guild else None,
                                         self.transform)
        self.server._notify()
        return record

    async def delete(self, message_id: int) -> None:
        payload = self.by_id.pop(message_id)
        record = self.records.get(message_id)
        if record is not None:
            record.deleted = True
        guild_id = int(payload["guild_id"]) if "guild_id" in payload else None
        if self.server.echo_bot_messages and not payload["flags"] & EPHEMERAL:
            data = {"id": str(message_id), "channel_id": payload["channel_id"]}
            if guild_id:
                data["guild_id"] = str(guild_id)
            await self.server._broadcast("MESSAGE_DELETE", data, guild_id, self.transform)
        self.server._notify()


def strip_reference(message: dict[str, Any] | None) -> dict[str, Any] | None:
    """A referenced message as embedded in a reply: REST form, no nested reference."""
    if message is None:
        return None
    out = payloads.without_guild_fields(message)
    out.pop("referenced_message", None)
    return out


def build_attachments(world, body: dict[str, Any], files: list[UploadedFile],
                      channel_id: int) -> list[dict[str, Any]]:
    """Attachment objects for uploaded ``files[n]`` parts (matched via body['attachments'])."""
    meta = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
    out = []
    for index, f in enumerate(files):
        key = f.field_name[len("files["):-1] if f.field_name.startswith("files[") else str(index)
        info = meta.get(key, {})
        aid = world.ids.next()
        filename = info.get("filename") or f.filename or f"file{index}"
        url = f"https://cdn.loopback.invalid/attachments/{channel_id}/{aid}/{filename}"
        out.append({
            "id": str(aid),
            "filename": filename,
            "description": info.get("description"),
            "content_type": f.content_type,
            "size": len(f.data),
            "url": url,
            "proxy_url": url,
            "ephemeral": False,
        })
    return out


def number_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copy components, giving each a numeric ``id`` like Discord does."""
    counter = 0

    def visit(comp: dict[str, Any]) -> dict[str, Any]:
        nonlocal counter
        counter += 1
        out = dict(comp)
        out.setdefault("id", counter)
        if "components" in out:
            out["components"] = [visit(c) for c in out["components"]]
        for key in ("component", "accessory"):
            if out.get(key):
                out[key] = visit(out[key])
        return out

    return [visit(c) for c in components or []]


def reply_reference(store: MessageStore, channel: Channel,
                    ref: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Normalise a ``message_reference`` and find the referenced message."""
    guild = store.world.guild_of_channel(channel.id)
    mid = int(ref.get("message_id", 0))
    ref_channel = int(ref.get("channel_id") or channel.id)
    referenced = store.by_id.get(mid)
    if referenced is None or int(referenced["channel_id"]) != ref_channel:
        if ref.get("fail_if_not_exists", True):
            raise HTTPError.body({"message": "Invalid Form Body", "code": 50035, "errors": {
                "message_reference": {"_errors": [{"code": "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                                                   "message": "Unknown message"}]}}})
        return {}, None
    out = {"type": ref.get("type", 0), "message_id": str(mid), "channel_id": str(ref_channel)}
    if guild is not None:
        out["guild_id"] = str(guild.id)
    return out, referenced


def message_mentions(body: dict[str, Any], referenced: dict[str, Any] | None) -> list[int]:
    """Users in a bot message's ``mentions``: parsed from content, plus the pinged reply author."""
    content = body.get("content") or ""
    ids = payloads.parse_user_mentions(content)
    if referenced is not None:
        replied = int(referenced["author"]["id"])
        if replied in effective_pings(body, replied_user_id=replied)["users"] and \
                replied not in ids:
            ids.append(replied)
    return ids

