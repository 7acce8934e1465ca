"""Slash commands and their buttons, through the real client and the loopback Discord."""

from __future__ import annotations

import discord
import pytest

from bot.discord_app.views import FACT_BUTTON_PREFIX
from tests.loopback.harness import assert_nothing_unexpected

CHANNEL_MESSAGE = 4
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8


async def test_commands_are_synced_to_the_guild(server, world, storybot):
    stored = await server.wait_for_commands(world.guild.id)
    by_name = {c["name"]: c for c in stored}
    assert set(by_name) == {"ask", "timeline", "who", "source", "help", "admin"}
    question = by_name["ask"]["options"][0]
    assert question["name"] == "question" and question["autocomplete"] is True
    admin = by_name["admin"]
    assert int(admin["default_member_permissions"]) == discord.Permissions(
        manage_guild=True).value
    assert {o["name"] for o in admin["options"]} == {"reload", "stats", "unanswered", "teach",
                                                      "undo"}
    assert_nothing_unexpected(server)


async def test_ask_answers_in_an_embed(server, world, storybot):
    general = world.guild.channel_named("general")
    cmd = await server.send_slash_command("ask", {"question": "When was Soleimani killed?"},
                                          user=world.user_named("bob"), channel=general)
    answered = await server.wait_for_response(cmd)
    assert answered.response_type == CHANNEL_MESSAGE
    embed = answered.response_data["embeds"][0]
    assert "3 January 2020" in embed["description"]
    assert "> " in embed["description"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["When"].startswith("3 January 2020")
    assert fields["Confidence"].endswith("/100")
    assert "Military Times" in embed["footer"]["text"]
    assert answered.response_data["allowed_mentions"] == {"parse": []}
    assert_nothing_unexpected(server)


async def test_ask_autocompletes_from_the_fact_base(server, world, storybot):
    general = world.guild.channel_named("general")
    auto = await server.send_autocomplete("ask", {"question": "soleim"}, focused="question",
                                          user=world.user_named("bob"), channel=general)
    answered = await server.wait_for_response(auto)
    assert answered.response_type == AUTOCOMPLETE_RESULT
    choices = answered.choices
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert any("soleimani" in c["name"].lower() for c in choices)
    empty = await server.send_autocomplete("ask", {"question": ""}, focused="question",
                                           user=world.user_named("bob"), channel=general)
    assert len((await server.wait_for_response(empty)).choices) == 25


async def test_did_you_mean_buttons_answer_the_fact_they_name(server, world, storybot):
    general = world.guild.channel_named("general")
    bob = world.user_named("bob")
    cmd = await server.send_slash_command("ask", {"question": "troops"}, user=bob,
                                          channel=general)  # too vague to answer outright
    answered = await server.wait_for_response(cmd)
    assert "don't know" in answered.response_data["embeds"][0]["description"]
    message = await server.wait_for_message(general, source="interaction")
    buttons = [c for c in message.custom_ids() if c.startswith(FACT_BUTTON_PREFIX)]
    assert 1 <= len(buttons) <= 3, answered.response_data
    fact_id = buttons[0].removeprefix(FACT_BUTTON_PREFIX)
    press = await server.press_button(message.id, buttons[0], user=bob)
    pressed = await server.wait_for_response(press)
    expected = storybot.service.engine.fact(fact_id).answer
    assert expected in pressed.response_data["embeds"][0]["description"]
    assert_nothing_unexpected(server)


async def test_timeline_pages_turn_for_the_asker_only(server, world, storybot):
    general = world.guild.channel_named("general")
    alice, bob = world.user_named("alice"), world.user_named("bob")
    cmd = await server.send_slash_command("timeline", {}, user=alice, channel=general)
    answered = await server.wait_for_response(cmd)
    first = answered.response_data["embeds"][0]
    assert "Page 1 of" in first["footer"]["text"]
    assert "the 3rd January" in first["description"] or "last week" in first["description"]
    message = await server.wait_for_message(general, source="interaction")
    next_id = next(c for c in message.components[0]["components"] if c["label"] == "Next")
    press = await server.press_button(message.id, next_id["custom_id"], user=alice)
    turned = await server.wait_for_response(press)
    assert turned.response_type == UPDATE_MESSAGE
    assert "Page 2 of" in turned.response_data["embeds"][0]["footer"]["text"]
    previous = next(c for c in message.components[0]["components"] if c["label"] == "Previous")
    intruder = await server.press_button(message.id, previous["custom_id"], user=bob)
    refused = await server.wait_for_response(intruder)
    assert refused.ephemeral and "Only the person who asked" in refused.content
    assert_nothing_unexpected(server)


async def test_timeline_about_an_entity_autocompletes_and_filters(server, world, storybot):
    general = world.guild.channel_named("general")
    bob = world.user_named("bob")
    auto = await server.send_autocomplete("timeline", {"about": "soleim"}, focused="about",
                                          user=bob, channel=general)
    choices = (await server.wait_for_response(auto)).choices
    assert choices and choices[0]["value"] == "Qassem Soleimani"
    cmd = await server.send_slash_command("timeline", {"about": "Qassem Soleimani"}, user=bob,
                                          channel=general)
    embed = (await server.wait_for_response(cmd)).response_data["embeds"][0]
    assert "Soleimani" in embed["title"] and "3 January 2020" in embed["description"]
    unknown = await server.send_slash_command("timeline", {"about": "Napoleon"}, user=bob,
                                              channel=general)
    refused = await server.wait_for_response(unknown)
    assert refused.ephemeral and "Napoleon" in refused.content


async def test_who_source_and_help(server, world, storybot):
    general = world.guild.channel_named("general")
    bob = world.user_named("bob")
    who = await server.send_slash_command("who", {"name": "the Iraqi PM"}, user=bob,
                                          channel=general)
    embed = (await server.wait_for_response(who)).response_data["embeds"][0]
    assert embed["title"] == "Adel Abdul-Mahdi"
    source = await server.send_slash_command("source", {}, user=bob, channel=general)
    embed = (await server.wait_for_response(source)).response_data["embeds"][0]
    text = str(embed)
    assert "Military Times" in text and "Leo Shane III" in text and "10 January 2020" in text
    help_reply = await server.send_slash_command("help", {}, user=bob, channel=general)
    answered = await server.wait_for_response(help_reply)
    assert answered.ephemeral and "/ask" in answered.response_data["embeds"][0]["description"]
    assert_nothing_unexpected(server)


@pytest.mark.parametrize("cooldown", [2])
async def test_cooldown_gives_a_friendly_ephemeral_message(server, world, with_settings,
                                                           cooldown):
    from tests.discord_app.conftest import start_storybot
    from tests.loopback.harness import stop_bot

    client, task = await start_storybot(server, with_settings(cooldown_questions=cooldown))
    try:
        general = world.guild.channel_named("general")
        bob = world.user_named("bob")
        replies = []
        for _ in range(cooldown + 1):
            cmd = await server.send_slash_command("ask", {"question": "who is pompeo"},
                                                  user=bob, channel=general)
            replies.append(await server.wait_for_response(cmd))
        assert all(r.response_data.get("embeds") for r in replies[:cooldown])
        limited = replies[-1]
        assert limited.ephemeral and "asking quickly" in limited.content
        other = await server.send_slash_command("ask", {"question": "who is pompeo"},
                                                user=world.user_named("alice"), channel=general)
        assert (await server.wait_for_response(other)).response_data.get("embeds")
    finally:
        await stop_bot(client, task)
        client.service.close()
