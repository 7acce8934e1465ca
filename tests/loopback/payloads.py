"""JSON payloads in the shapes Discord's API v10 sends (what discord.py 2.7.1 parses)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .world import Channel, ChannelType, Guild, Member, Perm, Role, User, World, iso, snowflake_time

USER_MENTION = re.compile(r"<@!?(\d{15,21})>")
ROLE_MENTION = re.compile(r"<@&(\d{15,21})>")
ATTACHMENT_SIZE_LIMIT = 25 * 1024 * 1024

# Message flags.
EPHEMERAL = 1 << 6
LOADING = 1 << 7


def user(u: User) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(u.id),
        "username": u.username,
        "discriminator": "0",
        "global_name": u.global_name,
        "avatar": u.avatar,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "collectibles": None,
        "primary_guild": None,
    }
    if u.bot:
        payload["bot"] = True
    if u.system:
        payload["system"] = True
    return payload


def current_user(u: User) -> dict[str, Any]:
    return {**user(u), "verified": True, "mfa_enabled": True, "locale": "en-US",
            "email": None, "bio": ""}


def member(guild: Guild, m: Member, *, with_user: User | None = None,
           permissions: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "roles": [str(r) for r in m.roles],
        "nick": m.nick,
        "avatar": None,
        "banner": None,
        "joined_at": iso(m.joined_at),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }
    if with_user is not None:
        payload["user"] = user(with_user)
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def role(r: Role) -> dict[str, Any]:
    return {
        "id": str(r.id),
        "name": r.name,
        "color": r.color,
        "colors": {"primary_color": r.color, "secondary_color": None, "tertiary_color": None},
        "hoist": r.hoist,
        "icon": None,
        "unicode_emoji": None,
        "position": r.position,
        "permissions": str(r.permissions),
        "managed": r.managed,
        "mentionable": r.mentionable,
        "flags": 0,
    }


def channel(c: Channel, world: World, *, include_guild_id: bool = True) -> dict[str, Any]:
    if c.type == ChannelType.DM:
        recipient = world.users[c.recipient_id] if c.recipient_id else None
        return {
            "id": str(c.id),
            "type": ChannelType.DM,
            "last_message_id": str(c.last_message_id) if c.last_message_id else None,
            "recipients": [user(recipient)] if recipient else [],
            "flags": 0,
        }
    payload: dict[str, Any] = {
        "id": str(c.id),
        "type": c.type,
        "name": c.name,
        "position": c.position,
        "parent_id": str(c.parent_id) if c.parent_id else None,
        "topic": c.topic,
        "nsfw": c.nsfw,
        "rate_limit_per_user": 0,
        "last_message_id": str(c.last_message_id) if c.last_message_id else None,
        "flags": 0,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in c.overwrites
        ],
    }
    if include_guild_id and c.guild_id is not None:
        payload["guild_id"] = str(c.guild_id)
    return payload


def guild_create(guild: Guild, world: World, *, members: list[Member] | None = None,
                 joined_at: dt.datetime | None = None) -> dict[str, Any]:
    """A GUILD_CREATE payload. ``members`` defaults to every member, so that
    ``member_count == len(members)`` and discord.py considers the guild chunked."""
    if members is None:
        members = list(guild.members.values())
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "application_id": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": guild.preferred_locale,
        "system_channel_id": str(guild.system_channel_id) if guild.system_channel_id else None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "features": [],
        "roles": [role(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "channels": [channel(c, world, include_guild_id=False) for c in guild.channels.values()],
        "threads": [],
        "members": [member(guild, m, with_user=world.users[m.user_id]) for m in members],
        "member_count": len(guild.members),
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "joined_at": iso(joined_at or dt.datetime.now(dt.UTC)),
        "large": len(guild.members) >= 250,
        "unavailable": False,
        "lazy": True,
        "incidents_data": None,
    }


def guild_rest(guild: Guild, *, with_counts: bool = False) -> dict[str, Any]:
    """GET /guilds/{id}: no channels, members or counts unless asked."""
    payload = {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "preferred_locale": guild.preferred_locale,
        "system_channel_id": str(guild.system_channel_id) if guild.system_channel_id else None,
        "system_channel_flags": 0,
        "features": [],
        "roles": [role(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
    }
    if with_counts:
        payload["approximate_member_count"] = len(guild.members)
        payload["approximate_presence_count"] = 0
    return payload


def parse_user_mentions(content: str) -> list[int]:
    seen: list[int] = []
    for match in USER_MENTION.finditer(content or ""):
        uid = int(match.group(1))
        if uid not in seen:
            seen.append(uid)
    return seen


def parse_role_mentions(content: str) -> list[int]:
    seen: list[int] = []
    for match in ROLE_MENTION.finditer(content or ""):
        rid = int(match.group(1))
        if rid not in seen:
            seen.append(rid)
    return seen


def mention_list(world: World, guild: Guild | None, user_ids: list[int]) -> list[dict[str, Any]]:
    """``mentions`` of a message: users, with a partial ``member`` in guilds."""
    out = []
    for uid in user_ids:
        u = world.users.get(uid)
        if u is None:
            continue
        entry = user(u)
        if guild is not None and uid in guild.members:
            entry["member"] = member(guild, guild.members[uid])
        out.append(entry)
    return out


def message(
    world: World,
    *,
    id: int,
    channel_id: int,
    author: User,
    content: str = "",
    guild: Guild | None = None,
    include_member: bool = False,
    mentions: list[int] | None = None,
    mention_roles: list[int] | None = None,
    mention_everyone: bool = False,
    embeds: list[dict] | None = None,
    attachments: list[dict] | None = None,
    components: list[dict] | None = None,
    message_reference: dict | None = None,
    referenced_message: dict | None = None,
    flags: int = 0,
    tts: bool = False,
    type: int | None = None,
    webhook_id: int | None = None,
    application_id: int | None = None,
    interaction_metadata: dict | None = None,
    nonce: str | int | None = None,
    poll: dict | None = None,
    sticker_ids: list | None = None,
) -> dict[str, Any]:
    if mentions is None:
        mentions = parse_user_mentions(content)
    if mention_roles is None:
        mention_roles = parse_role_mentions(content)
    if type is None:
        type = 19 if message_reference else 0
    payload: dict[str, Any] = {
        "id": str(id),
        "type": type,
        "channel_id": str(channel_id),
        "author": user(author),
        "content": content,
        "timestamp": iso(snowflake_time(id)),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": mention_everyone,
        "mentions": mention_list(world, guild, mentions),
        "mention_roles": [str(r) for r in mention_roles],
        "attachments": list(attachments or []),
        "embeds": list(embeds or []),
        "pinned": False,
        "flags": flags,
        "components": list(components or []),
    }
    if guild is not None:
        payload["guild_id"] = str(guild.id)
        if include_member and author.id in guild.members:
            payload["member"] = member(guild, guild.members[author.id])
    if message_reference is not None:
        payload["message_reference"] = message_reference
        if referenced_message is not None or type == 19:
            payload["referenced_message"] = referenced_message
    if webhook_id is not None:
        payload["webhook_id"] = str(webhook_id)
    if application_id is not None:
        payload["application_id"] = str(application_id)
    if interaction_metadata is not None:
        payload["interaction_metadata"] = interaction_metadata
    if nonce is not None:
        payload["nonce"] = nonce
    if poll is not None:
        payload["poll"] = poll
    if sticker_ids:
        payload["sticker_items"] = [
            {"id": str(s), "name": "sticker", "format_type": 1} for s in sticker_ids
        ]
    return payload


def without_guild_fields(msg: dict[str, Any]) -> dict[str, Any]:
    """REST message objects carry neither ``guild_id`` nor ``member``."""
    out = dict(msg)
    out.pop("member", None)
    out.pop("guild_id", None)
    return out


def interaction_channel(world: World, c: Channel, guild: Guild | None,
                        user_id: int) -> dict[str, Any]:
    payload = channel(c, world)
    if guild is not None:
        payload["permissions"] = str(guild.channel_permissions(user_id, c.id))
    return payload


def resolved_for_option(world: World, guild: Guild | None, option_type: int,
                        value: Any, resolved: dict[str, dict]) -> None:
    """Add what Discord puts in ``data.resolved`` for a USER/CHANNEL/ROLE/MENTIONABLE value."""
    sid = str(value)
    vid = int(value)
    if option_type in (6, 9) and vid in world.users:
        resolved.setdefault("users", {})[sid] = user(world.users[vid])
        if guild is not None and vid in guild.members:
            resolved.setdefault("members", {})[sid] = member(
                guild, guild.members[vid], permissions=guild.base_permissions(vid))
        return
    if option_type in (8, 9) and guild is not None and vid in guild.roles:
        resolved.setdefault("roles", {})[sid] = role(guild.roles[vid])
        return
    if option_type == 7:
        c = world.channel(vid)
        if c is not None:
            bot_perms = guild.channel_permissions(world.bot.id, vid) if guild else Perm.ALL
            resolved.setdefault("channels", {})[sid] = {
                "id": sid,
                "type": c.type,
                "name": c.name,
                "parent_id": str(c.parent_id) if c.parent_id else None,
                "permissions": str(bot_perms),
                "topic": c.topic,
                "nsfw": c.nsfw,
                "position": c.position,
                "flags": 0,
            }
