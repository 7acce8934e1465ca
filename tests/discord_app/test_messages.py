"""Questions in channels: mentions anywhere, questions in Q&A channels, never a ping."""

from __future__ import annotations

import asyncio

from tests.loopback.harness import assert_nothing_unexpected


def _mention(world) -> str:
    return f"<@{world.bot.id}>"


async def test_mention_is_answered_with_answer_quote_and_source(server, world, storybot):
    general = world.guild.channel_named("general")
    alice = world.user_named("alice")
    mid = await server.send_message(general, alice,
                                    f"{_mention(world)} who opposed the resolution?")
    reply = await server.wait_for_message(general, after=mid)
    embed = reply.embeds[0]
    assert "Sunni" in embed["description"] and "Kurdish" in embed["description"]
    assert "> " in embed["description"]  # the quote
    assert "Military Times" in embed["footer"]["text"]  # the source
    assert int(reply.message_reference["message_id"]) == mid
    assert reply.allowed_mentions == {"parse": [], "replied_user": False}
    assert_nothing_unexpected(server)


async def test_qa_channel_answers_questions_and_ignores_remarks(server, world, storybot):
    qa = world.guild.channel_named("bot-commands")
    alice = world.user_named("alice")
    await server.send_message(qa, alice, "nice weather in here today")
    mid = await server.send_message(qa, alice, "how many US troops are in Iraq?")
    reply = await server.wait_for_message(qa, after=mid - 1)
    assert int(reply.message_reference["message_id"]) == mid  # the remark got no reply
    assert "5,000" in reply.embeds[0]["description"]
    await asyncio.sleep(0.2)
    assert len(server.messages) == 1


async def test_plain_messages_outside_qa_channels_are_ignored(server, world, storybot):
    general = world.guild.channel_named("general")
    await server.send_message(general, world.user_named("bob"), "who opposed the resolution?")
    await asyncio.sleep(0.3)
    assert server.messages == []


async def test_other_bots_are_ignored(server, world, storybot):
    general = world.guild.channel_named("general")
    other = world.user_named("OtherBot")
    await server.send_message(general, other, f"{_mention(world)} who opposed the resolution?")
    await server.send_message(world.guild.channel_named("bot-commands"), other,
                              "who opposed the resolution?")
    await asyncio.sleep(0.3)
    assert server.messages == []


async def test_everyone_role_and_user_mentions_are_echoed_without_pinging(server, world,
                                                                       storybot):
    general = world.guild.channel_named("general")
    alice, bob = world.user_named("alice"), world.user_named("bob")
    role = world.guild.role_named("Regular")
    text = (f"{_mention(world)} @everyone <@&{role.id}> <@{bob.id}> who opposed the "
            "resolution?")
    mid = await server.send_message(general, alice, text, mention_everyone=True,
                                    mention_roles=[role.id])
    reply = await server.wait_for_message(general, after=mid)
    assert reply.allowed_mentions["parse"] == []
    assert reply.pings(replied_user_id=alice.id) == {"users": set(), "roles": set(),
                                                     "everyone": False}
    assert "Sunni" in reply.embeds[0]["description"]


async def test_mention_without_a_question_gets_the_how_to(server, world, storybot):
    general = world.guild.channel_named("general")
    mid = await server.send_message(general, world.user_named("alice"), f"{_mention(world)}")
    reply = await server.wait_for_message(general, after=mid)
    assert "Please type a question" in reply.embeds[0]["description"]


async def test_answers_continue_after_the_gateway_drops(server, world, storybot):
    general = world.guild.channel_named("general")
    carol = world.user_named("carol")
    await server.drop_gateway(4000)
    mid = await server.send_message(general, carol, f"{_mention(world)} who is pompeo")
    await server.wait_for_gateway("resume")
    reply = await server.wait_for_message(general, after=mid)
    assert "Secretary of State" in reply.embeds[0]["description"]
    await server.drop_gateway(None)  # the TCP connection cut, no close frame
    await server.wait_for_gateway("resume", count=2)
    mid = await server.send_message(general, carol, f"{_mention(world)} when was soleimani "
                                                    "killed?")
    reply = await server.wait_for_message(general, after=mid)
    assert "3 January 2020" in reply.embeds[0]["description"]
    assert_nothing_unexpected(server)


async def test_a_reply_to_the_bot_without_its_mention_is_not_a_question(server, world,
                                                                       storybot):
    general = world.guild.channel_named("general")
    alice = world.user_named("alice")
    mid = await server.send_message(general, alice, f"{_mention(world)} who is pompeo")
    answer = await server.wait_for_message(general, after=mid)
    await server.send_message(general, alice, "thanks!", reply_to=answer.id)
    await asyncio.sleep(0.3)
    assert len(server.messages) == 1


async def test_direct_messages_are_answered_without_a_mention(server, world, storybot):
    alice = world.user_named("alice")
    dm = world.dm_channel(alice)
    mid = await server.send_message(dm, alice, "how many us troops are in iraq?")
    reply = await server.wait_for_message(dm, after=mid)
    assert "5,000" in reply.embeds[0]["description"]
    await server.send_message(dm, alice, "ok cool")  # not a question: no reply
    await asyncio.sleep(0.3)
    assert len([m for m in server.messages if m.channel_id == dm.id]) == 1
