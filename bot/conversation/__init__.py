"""Conversations above the engine: follow-up questions read against what came before.

The engine answers one question at a time and knows nothing of who asks; this package
keeps a short memory per conversation (the people, places, dates and fact of the last
turns), reads a follow-up ("what did he say?", "why?", "and Trump?", "tell me more",
"give me the timeline") into what it means, and asks the engine that. It knows nothing of
Discord either: fronts keep one Context per conversation (see store.py).
"""

from bot.conversation.context import Context, Turn
from bot.conversation.conversation import Choice, FollowUp, Reply, answer_choice, converse
from bot.conversation.store import ConversationStore

__all__ = ["Choice", "Context", "ConversationStore", "FollowUp", "Reply", "Turn", "answer_choice",
           "converse"]
