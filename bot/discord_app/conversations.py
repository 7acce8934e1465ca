"""Conversations on Discord: one per person per channel (a thread is a channel of its own),
and a reply to one of the bot's messages continues the conversation that message belongs
to, whoever replies. When a pronoun could mean several people, buttons ask which."""

from __future__ import annotations

import logging
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import discord

from bot.conversation import Choice, ConversationStore, Reply

from .render import BUTTON_LABEL_LIMIT, DESCRIPTION_LIMIT, TITLE_LIMIT, clip
from .replies import NO_PINGS, answer_payload

if TYPE_CHECKING:
    from .client import StorybotClient

log = logging.getLogger("storybot.discord")

NOTE_LIMIT = 300
ROUTED_COLOUR = discord.Colour.blurple()


def new_store(client: StorybotClient) -> ConversationStore:
    settings = client.service.config.discord
    return ConversationStore(settings.conversation_seconds, settings.max_conversations)


def conversation_key(channel_id: int | None, user_id: int) -> Hashable:
    return (channel_id, user_id)


def replied_conversation(client: StorybotClient, message: discord.Message
                         ) -> Hashable | None:
    """The conversation of the bot's message this message replies to, if any: one the bot
    remembers sending, or an answer to a slash command (whose asker Discord names, so no
    extra request is needed to learn the answer's id)."""
    reference = message.reference
    if reference is None:
        return None
    key = client.conversations.key_of_message(reference.message_id)
    if key is not None:
        return key
    replied = reference.resolved
    if (isinstance(replied, discord.Message) and client.user is not None
            and replied.author.id == client.user.id and replied.interaction_metadata):
        return conversation_key(replied.channel.id, replied.interaction_metadata.user.id)
    return None


def reply_payload(client: StorybotClient, reply: Reply, key: Hashable) -> dict[str, Any]:
    """embed and buttons for a turn's reply: the answer with what a follow-up was taken to
    mean above it; "which one?" buttons; or a routed feature's text."""
    answer, follow_up = reply.answer, reply.follow_up
    if follow_up is not None and follow_up.choices:
        embed = discord.Embed(title=clip(answer.question or "Your question", TITLE_LIMIT),
                              description=clip(answer.message or "", DESCRIPTION_LIMIT),
                              colour=ROUTED_COLOUR)
        return {"embed": embed, "view": ChoiceView(client, key, follow_up.note, follow_up.choices)}
    if answer.answered and answer.fact_id is None:  # the timeline, the people, the source
        embed = discord.Embed(title=clip(answer.question or "Your question", TITLE_LIMIT),
                              description=clip(answer.answer or "", DESCRIPTION_LIMIT),
                              colour=ROUTED_COLOUR)
        return {"embed": embed}
    payload = answer_payload(answer, client.service.config.answer_threshold)
    if follow_up is not None and follow_up.kind != "intent":
        embed = payload["embed"]
        note = clip(follow_up.note, NOTE_LIMIT)
        embed.description = clip(f"*{note}*\n{embed.description or ''}", DESCRIPTION_LIMIT)
    return payload


class ChoiceView(discord.ui.View):
    """One button per person a pronoun could mean; pressing one answers the question about
    them, in the conversation it was asked in (whoever presses it)."""

    def __init__(self, client: StorybotClient, key: Hashable, note: str,
                 choices: tuple[Choice, ...]) -> None:
        super().__init__(timeout=client.service.config.discord.conversation_seconds or None)
        self.client, self.key = client, key
        word = note.split("'")[1] if note.count("'") >= 2 else "that"
        for choice in choices:
            button = discord.ui.Button(label=clip(choice.name, BUTTON_LABEL_LIMIT),
                                       style=discord.ButtonStyle.primary)
            button.callback = self._answer(word, choice)
            self.add_item(button)

    def _answer(self, word: str, choice: Choice):
        async def callback(interaction: discord.Interaction) -> None:
            service = self.client.service
            story = service.channel_story(interaction.channel_id)
            context = self.client.conversations.get(self.key, story)
            reply = service.converse(choice.question, context, guild_id=interaction.guild_id,
                                     channel_id=interaction.channel_id, source="button",
                                     choice=(word, choice))
            await interaction.response.send_message(
                **reply_payload(self.client, reply, self.key), allowed_mentions=NO_PINGS)
            sent = await interaction.original_response()
            self.client.conversations.remember_message(sent.id, self.key)
        return callback


async def answer_in_conversation(client: StorybotClient, message: discord.Message, text: str,
                                 source: str) -> None:
    """Answer a message as a turn of its conversation, and remember the reply's id."""
    key = (replied_conversation(client, message)
           or conversation_key(message.channel.id, message.author.id))
    story = client.service.channel_story(message.channel.id)
    context = client.conversations.get(key, story)
    reply = client.service.converse(
        text, context, guild_id=message.guild.id if message.guild else None,
        channel_id=message.channel.id, source=source)
    sent = await message.reply(**reply_payload(client, reply, key), mention_author=False,
                               allowed_mentions=NO_PINGS)
    client.conversations.remember_message(sent.id, key)
