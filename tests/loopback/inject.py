"""Builders for what a test injects: INTERACTION_CREATE payloads and command options.

Slash-command options are typed from the command definitions the bot synced (PUT .../commands),
so a test writes ``{"query": "abc", "user": bob}`` and gets the option types, nesting of
subcommand groups/subcommands and ``resolved`` data Discord would send.
"""

from __future__ import annotations

import secrets
from typing import Any

from . import payloads
from .payloads import ATTACHMENT_SIZE_LIMIT
from .world import Channel, Perm, World

# Option types.
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN = 1, 2, 3, 4, 5
USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = 6, 7, 8, 9, 10, 11


def as_id(value: Any) -> int:
    """Accept ids, or objects with an ``id`` (world dataclasses, discord.py models)."""
    return int(getattr(value, "id", value))


def find_command(commands: dict[int | None, dict[str, dict]], name: str, guild_id: int | None,
                 command_type: int = 1) -> dict[str, Any]:
    scopes = ([guild_id] if guild_id is not None else []) + [None]
    for scope in scopes:
        for cmd in commands.get(scope, {}).values():
            if cmd["name"] == name and cmd.get("type", 1) == command_type:
                return cmd
    known = sorted({c["name"] for scope in scopes for c in commands.get(scope, {}).values()})
    raise LookupError(
        f"command {name!r} (type {command_type}) is not registered for guild {guild_id} or "
        f"globally: did the bot sync its command tree? registered: {known}")


def check_command_permissions(world: World, command: dict[str, Any], user_id: int,
                              channel: Channel) -> None:
    """Discord clients do not offer commands whose ``default_member_permissions`` the user
    lacks (``"0"``: administrators only); raise PermissionError like that refusal."""
    required = command.get("default_member_permissions")
    guild = world.guild_of_channel(channel.id)
    if required is None or guild is None or user_id in world.command_overrides.get(
            command["name"], ()):
        return
    perms = guild.channel_permissions(user_id, channel.id)
    needed = int(required) or Perm.ADMINISTRATOR
    if perms & needed != needed:
        raise PermissionError(
            f"{world.users[user_id].username!r} cannot use {command['name']!r}: it needs "
            f"permissions {needed:#x} (default_member_permissions), user has {perms:#x}")


def _convert(opt: dict[str, Any], value: Any, *, raw: bool = False) -> Any:
    otype = opt["type"]
    if raw:
        return str(value)
    if otype in (USER, CHANNEL, ROLE, MENTIONABLE, ATTACHMENT):
        return str(as_id(value))
    if otype == INTEGER:
        return int(value)
    if otype == NUMBER:
        return float(value)
    if otype == BOOLEAN:
        return bool(value)
    return str(value)


def build_command_options(world: World, guild_id: int | None, command: dict[str, Any],
                          path: list[str], values: dict[str, Any], *,
                          focused: str | None = None,
                          resolved: dict[str, dict] | None = None) -> list[dict[str, Any]]:
    """The ``data.options`` tree for ``/name path... values`` (focused: autocomplete)."""
    schema = command.get("options") or []
    if path:
        sub = next((o for o in schema if o["name"] == path[0] and o["type"] in
                    (SUB_COMMAND, SUB_COMMAND_GROUP)), None)
        if sub is None:
            names = [o["name"] for o in schema if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise LookupError(f"no subcommand {path[0]!r} in {command['name']!r}: {names}")
        inner = build_command_options(world, guild_id, sub, path[1:], values, focused=focused,
                                      resolved=resolved)
        return [{"type": sub["type"], "name": sub["name"], "options": inner}]
    if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in schema):
        names = [o["name"] for o in schema]
        raise LookupError(f"{command['name']!r} needs a subcommand: one of {names}")
    by_name = {o["name"]: o for o in schema}
    unknown = set(values) - set(by_name)
    if unknown:
        raise LookupError(f"unknown option(s) {sorted(unknown)} for {command['name']!r}; "
                          f"options: {sorted(by_name)}")
    if focused is None:
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in values]
        if missing:
            raise ValueError(f"required option(s) {missing} missing for {command['name']!r}")
    elif focused not in by_name:
        raise LookupError(f"focused option {focused!r} is not an option of {command['name']!r}")
    guild = world.guilds.get(guild_id) if guild_id else None
    out = []
    for opt in schema:  # Discord sends options in definition order
        name = opt["name"]
        if name not in values:
            continue
        is_focused = name == focused
        entry: dict[str, Any] = {"type": opt["type"], "name": name,
                                 "value": _convert(opt, values[name], raw=is_focused)}
        if is_focused:
            entry["focused"] = True
        elif resolved is not None and opt["type"] in (USER, CHANNEL, ROLE, MENTIONABLE):
            payloads.resolved_for_option(world, guild, opt["type"], entry["value"], resolved)
        out.append(entry)
    return out


def interaction_payload(world: World, *, interaction_id: int, type: int, data: dict[str, Any],
                        user_id: int, channel: Channel, message: dict[str, Any] | None = None,
                        locale: str = "en-US",
                        app_permissions: int | None = None) -> dict[str, Any]:
    """A complete INTERACTION_CREATE payload (everything discord.py 2.7.1 reads)."""
    guild = world.guild_of_channel(channel.id)
    user = world.users[user_id]
    if app_permissions is None:
        app_permissions = (guild.channel_permissions(world.bot.id, channel.id) if guild
                           else Perm.EVERYONE_DEFAULT)
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(world.application_id),
        "type": type,
        "data": data,
        "token": f"lbtok_{secrets.token_urlsafe(48)}",
        "version": 1,
        "channel_id": str(channel.id),
        "channel": payloads.interaction_channel(world, channel, guild, user_id),
        "app_permissions": str(app_permissions),
        "locale": locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild is not None:
        if user_id not in guild.members:
            raise ValueError(f"user {user.username!r} is not a member of guild {guild.name!r}")
        payload["guild_id"] = str(guild.id)
        payload["guild"] = {"id": str(guild.id), "locale": guild.preferred_locale,
                            "features": []}
        payload["guild_locale"] = guild.preferred_locale
        payload["member"] = payloads.member(
            guild, guild.members[user_id], with_user=user,
            permissions=guild.channel_permissions(user_id, channel.id))
        payload["authorizing_integration_owners"] = {"0": str(guild.id)}
        payload["context"] = 0
    else:
        payload["user"] = payloads.user(user)
        payload["authorizing_integration_owners"] = {"0": "0"}
        payload["context"] = 1
    if message is not None:
        payload["message"] = message
    return payload
