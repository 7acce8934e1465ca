"""Questions asked in messages: on mention anywhere, in the configured Q&A channels, and
in direct messages."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord

from .replies import NO_PINGS, answer_payload, cooldown_text

if TYPE_CHECKING:
    from .client import StorybotClient

log = logging.getLogger("storybot.discord")


_MARKUP = re.compile(r"<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here")


def strip_markup(content: str) -> str:
    """The question without mentions, channel links or custom emoji: they name nobody the
    story knows, and echoing them must not ping anyone."""
    return " ".join(_MARKUP.sub(" ", content).split())


async def handle_message(client: StorybotClient, message: discord.Message) -> None:
    if message.author.bot or client.user is None:
        return  # other bots and ourselves
    # A reply to the bot lists it in message.mentions too; only its mention in the text
    # asks a question ("thanks!" under an answer is not one).
    mentioned = client.user.id in message.raw_mentions
    # A direct message is a conversation with the bot: every question in it is for us.
    in_qa_channel = (message.guild is None
                     or message.channel.id in client.service.config.discord.qa_channel_ids)
    if not mentioned and not in_qa_channel:
        return
    text = strip_markup(message.content)
    if not mentioned and not client.service.engine.looks_like_question(text):
        return
    retry_after = client.cooldown.retry_after(message.author.id)
    if retry_after:
        await message.reply(cooldown_text(retry_after), mention_author=False,
                            allowed_mentions=NO_PINGS, delete_after=10)
        return
    answer = client.service.ask(text, guild_id=message.guild.id if message.guild else None,
                                channel_id=message.channel.id,
                                source="mention" if mentioned else
                                "dm" if message.guild is None else "channel")
    payload = answer_payload(answer, client.service.config.answer_threshold)
    await message.reply(**payload, mention_author=False, allowed_mentions=NO_PINGS)
