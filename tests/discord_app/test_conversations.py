"""Follow-up questions on Discord: per person per channel, continued by replying to the
bot's answer, and "which one?" buttons when a pronoun could mean two people."""

from __future__ import annotations

import shutil

import pytest

from tests.conversation.conftest import CONVERSATION_FACTS
from tests.discord_app.conftest import start_storybot
from tests.loopback.harness import assert_nothing_unexpected, stop_bot


@pytest.fixture
def facts_dir(tmp_path):
    """The frozen stories of the labelled conversations, not the live facts/."""
    target = tmp_path / "facts"
    shutil.copytree(CONVERSATION_FACTS, target)
    return target


async def ask(server, world, channel, user, text, reply_to=None):
    mention = f"<@{world.bot.id}> " if reply_to is None else ""
    mid = await server.send_message(channel, user, mention + text, reply_to=reply_to)
    return await server.wait_for_message(channel, after=mid)


async def test_a_follow_up_leans_on_the_askers_last_question(server, world, storybot):
    general = world.guild.channel_named("general")
    alice, bob = world.user_named("alice"), world.user_named("bob")
    await ask(server, world, general, alice, "who is Pompeo?")
    said = await ask(server, world, general, alice, "where did he speak?")
    description = said.embeds[0]["description"]
    assert description.startswith("*Taking 'he' as Mike Pompeo*")
    assert "White House briefing" in description
    # Bob's own conversation in the channel knows nothing of Alice's.
    his = await ask(server, world, general, bob, "where did he speak?")
    assert "Taking" not in his.embeds[0].get("description", "")
    assert_nothing_unexpected(server)


async def test_replying_to_an_answer_continues_its_conversation_whoever_replies(
        server, world, storybot):
    general = world.guild.channel_named("general")
    alice, bob = world.user_named("alice"), world.user_named("bob")
    answer = await ask(server, world, general, alice, "who is Pompeo?")
    # No mention and not a Q&A channel: the reply to the bot's answer is enough.
    follow = await ask(server, world, general, bob, "where did he speak?", reply_to=answer.id)
    assert follow.embeds[0]["description"].startswith("*Taking 'he' as Mike Pompeo*")
    more = await ask(server, world, general, alice, "and Trump?", reply_to=follow.id)
    assert "Taking 'and Trump?' as" in more.embeds[0]["description"]
    assert_nothing_unexpected(server)


async def test_a_pronoun_that_could_mean_two_people_gets_buttons(server, world, storybot):
    general = world.guild.channel_named("general")
    alice = world.user_named("alice")
    await ask(server, world, general, alice, "Did Pompeo say Trump made the right choice?")
    which = await ask(server, world, general, alice, "what else did he say?")
    assert "Mike Pompeo or Donald Trump" in which.embeds[0]["description"]
    labels = {c["label"]: c["custom_id"] for c in which.components[0]["components"]}
    assert set(labels) == {"Mike Pompeo", "Donald Trump"}
    press = await server.press_button(which.id, labels["Donald Trump"], user=alice)
    picked = await server.wait_for_response(press)
    assert picked.response_data["embeds"][0]["description"].startswith(
        "*Taking 'he' as Donald Trump*")
    await server.wait_for_request("GET", r"/webhooks/.*/messages/@original")
    assert_nothing_unexpected(server)


async def test_slash_ask_keeps_the_conversation_and_routes_requests(server, world, storybot):
    general = world.guild.channel_named("general")
    alice = world.user_named("alice")
    first = await server.send_slash_command("ask", {"question": "who is Pompeo?"},
                                            user=alice, channel=general)
    await server.wait_for_response(first)
    second = await server.send_slash_command("ask", {"question": "where did he speak?"},
                                             user=alice, channel=general)
    answered = await server.wait_for_response(second)
    assert "Taking 'he' as Mike Pompeo" in answered.response_data["embeds"][0]["description"]
    timeline = await server.send_slash_command("ask", {"question": "give me the timeline"},
                                               user=alice, channel=general)
    routed = await server.wait_for_response(timeline)
    assert "3 January 2020" in routed.response_data["embeds"][0]["description"]
    # Replying to a slash command's answer continues the asker's conversation.
    message = await server.wait_for_message(general, source="interaction",
                                            predicate=lambda m: "Taking" in str(m.embeds))
    follow = await ask(server, world, general, world.user_named("bob"), "when?",
                       reply_to=message.id)
    assert "10 January 2020" in follow.embeds[0]["description"]
    assert_nothing_unexpected(server)


async def test_a_quiet_conversation_is_forgotten(server, world, with_settings):
    client, task = await start_storybot(server, with_settings(conversation_seconds=0.0))
    try:
        general = world.guild.channel_named("general")
        alice = world.user_named("alice")
        await ask(server, world, general, alice, "who is Pompeo?")
        later = await ask(server, world, general, alice, "where did he speak?")
        assert "Taking" not in later.embeds[0].get("description", "")
    finally:
        await stop_bot(client, task)
        client.service.close()
