"""A loopback Discord server for end-to-end tests of a discord.py 2.7.1 bot."""

from .records import CallbackRecord, InteractionRecord, MessageRecord, RecordedRequest
from .server import LoopbackDiscord
from .world import Channel, Guild, Member, Overwrite, Perm, Role, User, World

__all__ = [
    "CallbackRecord",
    "Channel",
    "Guild",
    "InteractionRecord",
    "LoopbackDiscord",
    "Member",
    "MessageRecord",
    "Overwrite",
    "Perm",
    "RecordedRequest",
    "Role",
    "User",
    "World",
]
