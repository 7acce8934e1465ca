"""Questions asked in messages: on mention anywhere, in the configured Q&A channels, and
in direct messages."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from bot.conversation.phrases import is_request

from .conversations import answer_in_conversation, replied_conversation
from .replies import NO_PINGS, cooldown_text

if TYPE_CHECKING:
    from .client import StorybotClient

log = logging.getLogger("storybot.discord")


_MARKUP = re.compile(r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here")


def strip_markup(content: str) -> str:
    """The question without mentions, channel links or custom emoji: they name nobody the
    story knows, and echoing them must not ping anyone."""
    return " ".join(_MARKUP.sub(" ", content).split())


def looks_like_a_turn(engine, text: str) -> bool:
    """A question, or a request such as "give me the timeline" or "tell me more"."""
    return engine.looks_like_question(text) or is_request(text)


async def handle_message(client: StorybotClient, message: discord.Message) -> None:
    if message.author.bot or client.user is None:
        return  # other bots and ourselves
    # A reply to the bot lists it in message.mentions too; only its mention in the text
    # asks a question ("thanks!" under an answer is not one).
    mentioned = client.user.id in message.raw_mentions
    # A direct message is a conversation with the bot: every question in it is for us.
    in_qa_channel = (message.guild is None
                     or message.channel.id in client.service.config.discord.qa_channel_ids)
    # A question replying to one of our answers continues that answer's conversation.
    replying = replied_conversation(client, message) is not None
    if not mentioned and not in_qa_channel and not replying:
        return
    text = strip_markup(message.content)
    if not mentioned and not looks_like_a_turn(client.service.engine, text):
        return
    retry_after = client.cooldown.retry_after(message.author.id)
    if retry_after:
        await message.reply(cooldown_text(retry_after), mention_author=False,
                            allowed_mentions=NO_PINGS, delete_after=10)
        return
    await answer_in_conversation(client, message, text,
                                 "mention" if mentioned else "reply" if replying else
                                 "dm" if message.guild is None else "channel")
