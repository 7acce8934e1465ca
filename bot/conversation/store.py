"""Many conversations at once, bounded: one Context per key (on Discord, a person in a
channel or thread), forgotten after a short quiet spell or when the store is full (the
least recently used first). A message the bot sent maps back to the conversation it
belongs to, so a reply to it continues that conversation, whoever replies."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.conversation.context import Context

DEFAULT_EXPIRY_SECONDS = 300.0
DEFAULT_MAX_CONVERSATIONS = 10_000
MESSAGES_PER_CONVERSATION = 4  # the bot's latest replies that can be replied to


class ConversationStore:
    def __init__(self, expiry_seconds: float = DEFAULT_EXPIRY_SECONDS,
                 max_conversations: int = DEFAULT_MAX_CONVERSATIONS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if expiry_seconds < 0 or max_conversations < 1:
            raise ValueError("expiry must be >= 0 and the store must hold a conversation")
        self.expiry_seconds = expiry_seconds
        self.max_conversations = max_conversations
        self._clock = clock
        self._contexts: OrderedDict[Hashable, Context] = OrderedDict()
        self._messages: OrderedDict[int, Hashable] = OrderedDict()

    def __len__(self) -> int:
        return len(self._contexts)

    def get(self, key: Hashable, story: str | None = None) -> Context:
        """The conversation under key, or a new one when there is none or it went quiet
        (or its story changed)."""
        now = self._clock()
        context = self._contexts.get(key)
        if context is not None and (now - context.last_used > self.expiry_seconds
                                    or context.story != story):
            context = None
        if context is None:
            context = Context(story=story)
            self._contexts[key] = context
            while len(self._contexts) > self.max_conversations:
                self._contexts.popitem(last=False)
        else:
            self._contexts.move_to_end(key)
        context.last_used = now
        return context

    def remember_message(self, message_id: int, key: Hashable) -> None:
        """A message the bot sent in the conversation under key."""
        self._messages[message_id] = key
        self._messages.move_to_end(message_id)
        while len(self._messages) > self.max_conversations * MESSAGES_PER_CONVERSATION:
            self._messages.popitem(last=False)

    def key_of_message(self, message_id: int | None) -> Hashable | None:
        """The conversation a message of the bot's belongs to, if it is still kept."""
        if message_id is None:
            return None
        key = self._messages.get(message_id)
        return key if key in self._contexts else None
