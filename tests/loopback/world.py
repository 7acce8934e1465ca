"""The configurable world a :class:`~tests.loopback.server.LoopbackDiscord` serves.

Plain data: users, guilds with roles, text channels and members, DM channels. Ids are
snowflakes. ``World.default()`` builds a small, ready-to-use world; tests can add to it or
build their own with the ``add_*`` helpers.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from dataclasses import dataclass, field

DISCORD_EPOCH_MS = 1420070400000


class Perm:
    """Permission bits used by the server (values from Discord's documentation)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 53) - 1
    #: What @everyone gets in a freshly created guild (roughly Discord's default).
    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | MENTION_EVERYONE
        | USE_EXTERNAL_EMOJIS
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )


class ChannelType:
    GUILD_TEXT = 0
    DM = 1
    GUILD_CATEGORY = 4


class Snowflakes:
    """Monotonic snowflake generator; every id gets its own millisecond (so that
    ``id >> 22`` differs between consecutive ids, which spreads guilds over shards)."""

    def __init__(self) -> None:
        self._last_ms = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            now = int(time.time() * 1000)
            self._last_ms = max(now, self._last_ms + 1)
            return ((self._last_ms - DISCORD_EPOCH_MS) << 22) | (1 << 17)


def snowflake_time(snowflake: int) -> dt.datetime:
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def iso(ts: dt.datetime) -> str:
    return ts.isoformat()


@dataclass
class User:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    avatar: str | None = None
    system: bool = False


@dataclass
class Role:
    id: int
    name: str
    permissions: int = 0
    position: int = 0
    color: int = 0
    hoist: bool = False
    mentionable: bool = False
    managed: bool = False


@dataclass
class Overwrite:
    id: int
    type: int  # 0 role, 1 member
    allow: int = 0
    deny: int = 0


@dataclass
class Channel:
    id: int
    name: str
    guild_id: int | None
    type: int = ChannelType.GUILD_TEXT
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    nsfw: bool = False
    overwrites: list[Overwrite] = field(default_factory=list)
    #: DM channels only.
    recipient_id: int | None = None
    last_message_id: int | None = None


@dataclass
class Member:
    user_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    preferred_locale: str = "en-US"
    system_channel_id: int | None = None

    @property
    def everyone_role(self) -> Role:
        return self.roles[self.id]

    def role_named(self, name: str) -> Role:
        for role in self.roles.values():
            if role.name == name:
                return role
        raise KeyError(f"no role named {name!r} in guild {self.name!r}")

    def channel_named(self, name: str) -> Channel:
        for channel in self.channels.values():
            if channel.name == name:
                return channel
        raise KeyError(f"no channel named {name!r} in guild {self.name!r}")

    def base_permissions(self, user_id: int) -> int:
        """Guild-level permissions of a member (owner and Administrator get everything)."""
        if user_id == self.owner_id:
            return Perm.ALL
        member = self.members.get(user_id)
        if member is None:
            return 0
        perms = self.everyone_role.permissions
        for role_id in member.roles:
            role = self.roles.get(role_id)
            if role is not None:
                perms |= role.permissions
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        return perms

    def channel_permissions(self, user_id: int, channel_id: int | None) -> int:
        """Permissions in a channel, applying overwrites the way Discord does."""
        perms = self.base_permissions(user_id)
        if perms == Perm.ALL or channel_id is None:
            return perms
        channel = self.channels.get(channel_id)
        if channel is None:
            return perms
        member = self.members.get(user_id)
        role_ids = set(member.roles) if member else set()
        by_id = {(ow.type, ow.id): ow for ow in channel.overwrites}
        everyone = by_id.get((0, self.id))
        if everyone:
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for ow in channel.overwrites:
            if ow.type == 0 and ow.id in role_ids:
                allow |= ow.allow
                deny |= ow.deny
        perms = (perms & ~deny) | allow
        own = by_id.get((1, user_id))
        if own:
            perms = (perms & ~own.deny) | own.allow
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        return perms


class World:
    """Users, guilds, channels and the bot's identity.

    ``World.default()`` gives: a bot ``LoopbackBot``, a guild owner ``alice`` (also the
    application owner), ``bob`` (plain member), ``carol`` (member with the ``Admin`` role:
    Manage Guild + Manage Messages), another bot ``OtherBot``, a guild ``Loopback Guild`` with
    channels ``#general`` and ``#bot-commands`` and a user ``mallory`` who shares no guild.
    """

    def __init__(
        self,
        *,
        bot_name: str = "LoopbackBot",
        bot_id: int | None = None,
        application_id: int | None = None,
        token: str | None = None,
        application_name: str | None = None,
    ) -> None:
        self.ids = Snowflakes()
        self.token: str = token or f"loopback.{secrets.token_urlsafe(18)}"
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.dm_channels: dict[int, Channel] = {}
        self.bot: User = self.add_user(bot_name, bot=True, id=bot_id)
        #: Usually the bot's user id, as for every bot created since 2019 or so.
        self.application_id: int = application_id or self.bot.id
        self.application_name: str = application_name or bot_name
        self.application_flags: int = 0
        self.application_owner_id: int | None = None
        #: Command name -> user ids a server admin has let use it whatever its
        #: ``default_member_permissions`` (Server Settings > Integrations).
        self.command_overrides: dict[str, set[int]] = {}

    # -- building -------------------------------------------------------------------------

    def add_user(self, username: str, *, bot: bool = False, id: int | None = None,
                 global_name: str | None = None) -> User:
        user = User(id=id or self.ids.next(), username=username, bot=bot,
                    global_name=global_name)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, *, owner: User | int, id: int | None = None,
                  everyone_permissions: int = Perm.EVERYONE_DEFAULT,
                  add_bot: bool = True) -> Guild:
        gid = id or self.ids.next()
        owner_id = owner if isinstance(owner, int) else owner.id
        guild = Guild(id=gid, name=name, owner_id=owner_id)
        guild.roles[gid] = Role(id=gid, name="@everyone", permissions=everyone_permissions)
        self.guilds[gid] = guild
        self.add_member(guild, owner_id)
        if add_bot:
            bot_role = self.add_role(guild, self.bot.username, permissions=0, managed=True)
            self.add_member(guild, self.bot, roles=[bot_role])
        return guild

    def add_role(self, guild: Guild | int, name: str, *, permissions: int = 0,
                 id: int | None = None, position: int | None = None,
                 mentionable: bool = False, managed: bool = False) -> Role:
        guild = self._guild(guild)
        if position is None:
            position = max((r.position for r in guild.roles.values()), default=0) + 1
        role = Role(id=id or self.ids.next(), name=name, permissions=permissions,
                    position=position, mentionable=mentionable, managed=managed)
        guild.roles[role.id] = role
        return role

    def add_channel(self, guild: Guild | int, name: str, *, id: int | None = None,
                    type: int = ChannelType.GUILD_TEXT, topic: str | None = None,
                    parent_id: int | None = None,
                    overwrites: list[Overwrite] | None = None) -> Channel:
        guild = self._guild(guild)
        channel = Channel(id=id or self.ids.next(), name=name, guild_id=guild.id, type=type,
                          position=len(guild.channels), topic=topic, parent_id=parent_id,
                          overwrites=list(overwrites or []))
        guild.channels[channel.id] = channel
        if guild.system_channel_id is None and type == ChannelType.GUILD_TEXT:
            guild.system_channel_id = channel.id
        return channel

    def add_member(self, guild: Guild | int, user: User | int, *,
                   roles: list[Role | int] | None = None, nick: str | None = None) -> Member:
        guild = self._guild(guild)
        user_id = user if isinstance(user, int) else user.id
        if user_id not in self.users:
            raise KeyError(f"unknown user {user_id}: add_user() first")
        role_ids = [r if isinstance(r, int) else r.id for r in roles or []]
        member = Member(user_id=user_id, roles=role_ids, nick=nick)
        guild.members[user_id] = member
        return member

    def dm_channel(self, user: User | int) -> Channel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        user_id = user if isinstance(user, int) else user.id
        for channel in self.dm_channels.values():
            if channel.recipient_id == user_id:
                return channel
        channel = Channel(id=self.ids.next(), name="", guild_id=None, type=ChannelType.DM,
                          recipient_id=user_id)
        self.dm_channels[channel.id] = channel
        return channel

    # -- lookups --------------------------------------------------------------------------

    def _guild(self, guild: Guild | int) -> Guild:
        return guild if isinstance(guild, Guild) else self.guilds[guild]

    @property
    def guild(self) -> Guild:
        """The first guild (convenient when there is only one)."""
        return next(iter(self.guilds.values()))

    def user_named(self, username: str) -> User:
        for user in self.users.values():
            if user.username == username:
                return user
        raise KeyError(f"no user named {username!r}")

    def channel(self, channel_id: int) -> Channel | None:
        if channel_id in self.dm_channels:
            return self.dm_channels[channel_id]
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        return None

    def guild_of_channel(self, channel_id: int) -> Guild | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild
        return None

    # -- ready-made -----------------------------------------------------------------------

    @classmethod
    def default(cls, **kwargs) -> World:
        world = cls(**kwargs)
        alice = world.add_user("alice", global_name="Alice")
        bob = world.add_user("bob", global_name="Bob")
        carol = world.add_user("carol", global_name="Carol")
        other_bot = world.add_user("OtherBot", bot=True)
        world.add_user("mallory")
        world.application_owner_id = alice.id
        guild = world.add_guild("Loopback Guild", owner=alice)
        admin = world.add_role(guild, "Admin",
                               permissions=Perm.MANAGE_GUILD | Perm.MANAGE_MESSAGES,
                               mentionable=True)
        world.add_role(guild, "Regular", mentionable=True)
        world.add_channel(guild, "general", topic="General chat")
        world.add_channel(guild, "bot-commands")
        world.add_member(guild, bob)
        world.add_member(guild, carol, roles=[admin])
        world.add_member(guild, other_bot)
        return world
