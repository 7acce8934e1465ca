"""Several stories on Discord: the `story` option, and channels tied to one story."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SECOND_STORY
from tests.discord_app.conftest import start_storybot
from tests.loopback.harness import assert_nothing_unexpected, stop_bot

AUTOCOMPLETE_RESULT = 8


@pytest.fixture
def facts_dir(facts_dir):
    shutil.copytree(SECOND_STORY, facts_dir / SECOND_STORY.name)
    return facts_dir


@pytest.fixture
async def tied(server, world, with_settings):
    """storybot with #bot-commands tied to the UK story."""
    channel = world.guild.channel_named("bot-commands")
    client, task = await start_storybot(
        server, with_settings(channel_stories={channel.id: "uk-election"}))
    try:
        yield client
    finally:
        await stop_bot(client, task)
        client.service.close()


async def _ask(server, world, channel_name: str, options: dict) -> dict:
    cmd = await server.send_slash_command("ask", options, user=world.user_named("bob"),
                                          channel=world.guild.channel_named(channel_name))
    return (await server.wait_for_response(cmd)).response_data


async def test_story_option_picks_the_story_and_the_answer_names_it(server, world, storybot):
    uk = await _ask(server, world, "general", {"question": "who is the PM?",
                                               "story": "uk-election"})
    embed = uk["embeds"][0]
    assert "Boris Johnson" in embed["description"]
    assert "Johnson wins UK election" in embed["footer"]["text"]
    iraq = await _ask(server, world, "general", {"question": "who is the PM?",
                                                 "story": "us-iraq-withdrawal"})
    assert "Abdul-Mahdi" in iraq["embeds"][0]["description"]
    assert_nothing_unexpected(server)


async def test_unknown_story_gets_a_private_hint(server, world, storybot):
    reply = await _ask(server, world, "general", {"question": "who is the PM?",
                                                  "story": "johnson wins"})
    assert "Boris Johnson" in reply["embeds"][0]["description"]  # a title works too
    reply = await _ask(server, world, "general", {"question": "who is the PM?",
                                                  "story": "zzzz qqqq"})
    assert "no story called" in reply["content"] and reply["flags"] == 64
    assert_nothing_unexpected(server)


async def test_story_option_autocompletes_titles_and_sends_ids(server, world, storybot):
    auto = await server.send_autocomplete("ask", {"question": "x", "story": "johns"},
                                          focused="story", user=world.user_named("bob"),
                                          channel=world.guild.channel_named("general"))
    answered = await server.wait_for_response(auto)
    assert answered.response_type == AUTOCOMPLETE_RESULT
    assert answered.choices[0]["value"] == "uk-election"
    assert answered.choices[0]["name"].startswith("Johnson wins UK election")


async def test_a_tied_channel_answers_from_its_story(server, world, tied):
    reply = await _ask(server, world, "bot-commands", {"question": "who is the PM?"})
    assert "Boris Johnson" in reply["embeds"][0]["description"]
    elsewhere = await _ask(server, world, "general",
                           {"question": "How many police officers were at polling stations?"})
    assert "3,000" in elsewhere["embeds"][0]["description"]  # all stories elsewhere
    tied_channel = world.guild.channel_named("bot-commands")
    mid = await server.send_message(tied_channel, world.user_named("bob"),
                                    "Who opposed the resolution?")
    answer = await server.wait_for_message(tied_channel, after=mid)
    assert "don't know" in answer.embeds[0]["description"]  # not in the UK story
    timeline = await server.send_slash_command("timeline", {}, user=world.user_named("bob"),
                                               channel=tied_channel)
    embed = (await server.wait_for_response(timeline)).response_data["embeds"][0]
    assert "Johnson wins the UK general election" in str(embed)
    assert "Soleimani" not in str(embed)
    assert_nothing_unexpected(server)


async def test_source_names_the_channels_story_or_every_story(server, world, tied):
    async def source(channel_name: str) -> dict:
        cmd = await server.send_slash_command("source", {}, user=world.user_named("bob"),
                                              channel=world.guild.channel_named(channel_name))
        return (await server.wait_for_response(cmd)).response_data["embeds"][0]

    tied_embed = await source("bot-commands")
    titles = [f["name"] for f in tied_embed["fields"] if f["name"] != "How to ask"]
    assert titles == ["Johnson wins UK election with large majority"]
    everywhere = await source("general")
    titles = [f["name"] for f in everywhere["fields"] if f["name"] != "How to ask"]
    assert titles == ["US leaders reject Iraqi demands for withdrawal of all military forces",
                      "Johnson wins UK election with large majority"]  # newest first
    assert everywhere["title"] == "Sources"
    assert_nothing_unexpected(server)


async def test_a_question_about_the_story_is_answered_for_the_channels_story(server, world,
                                                                           tied):
    """"Who wrote this article?": the tied channel's story answers; elsewhere, with several
    stories and none chosen, the reader hears which there are, not the newest one's byline."""
    general = await _ask(server, world, "general", {"question": "who wrote this article?"})
    described = general["embeds"][0]["description"]
    assert "several stories" in described and "Leo Shane" not in described
    assert "Johnson wins UK election" in described
    chosen = await _ask(server, world, "general", {"question": "who wrote this article?",
                                                   "story": "us-iraq-withdrawal"})
    assert "Leo Shane" in chosen["embeds"][0]["description"]
    tied_reply = await _ask(server, world, "bot-commands",
                            {"question": "when did the story run?"})
    assert "13 December 2019" in tied_reply["embeds"][0]["description"]
    tied_channel = world.guild.channel_named("bot-commands")
    mid = await server.send_message(tied_channel, world.user_named("bob"),
                                    "Who wrote this article?")
    answer = await server.wait_for_message(tied_channel, after=mid)
    assert "Ann Writer" in answer.embeds[0]["description"]
    assert_nothing_unexpected(server)
