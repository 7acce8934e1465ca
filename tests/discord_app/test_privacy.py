"""What the logs say about readers is the operator's choice, and a reader's words quoted
back never turn into mentions."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from tests.discord_app.conftest import start_storybot
from tests.loopback.harness import stop_bot


async def _refused_and_turned_away(server, world, client, caplog) -> str:
    """An /admin command refused and a timeline page refused: the lines naming readers."""
    caplog.set_level(logging.INFO)
    general = world.guild.channel_named("general")
    alice, bob = world.user_named("alice"), world.user_named("bob")
    await server.wait_for_response(
        await server.send_slash_command("timeline", {}, user=alice, channel=general))
    message = await server.wait_for_message(general, source="interaction")
    button = next(c for c in message.components[0]["components"] if c["label"] == "Next")
    await server.wait_for_response(await server.press_button(message.id, button["custom_id"],
                                                             user=bob))
    world.command_overrides["admin"] = {bob.id}
    refused = await server.send_slash_command("admin reload", {}, user=bob, channel=general)
    await server.wait_for_response(refused)
    return "\n".join(r.getMessage() for r in caplog.records
                     if "refused" in r.getMessage())


@pytest.mark.parametrize("log_users", ["id", "hash", "omit"])
async def test_logs_name_readers_as_the_operator_chooses(server, world, config, caplog,
                                                         log_users):
    client, task = await start_storybot(server, replace(config, log_users=log_users))
    try:
        lines = await _refused_and_turned_away(server, world, client, caplog)
    finally:
        await stop_bot(client, task)
        client.service.close()
    bob = world.user_named("bob")
    assert lines.count("refused") >= 2  # the audit trail stays
    if log_users == "id":
        assert str(bob.id) in lines
    else:
        assert str(bob.id) not in lines and bob.username not in lines
    if log_users == "hash":  # one reader, one code: the trail still follows them
        codes = {word for word in lines.split() if word.startswith("user-")}
        assert len(codes) == 1


async def test_a_readers_words_quoted_back_mention_nobody(server, world, storybot):
    general = world.guild.channel_named("general")
    admin_role = world.guild.role_named("Admin").id
    typed = f"@everyone <@&{admin_role}> @here"
    for command, options in (("who", {"name": typed}), ("timeline", {"about": typed}),
                             ("ask", {"question": "who opposed it?", "story": typed})):
        cmd = await server.send_slash_command(command, options, user=world.user_named("bob"),
                                              channel=general)
        content = (await server.wait_for_response(cmd)).content or ""
        assert "“" in content  # the reply quotes what was typed ...
        assert "@everyone" not in content and "@here" not in content  # ... as plain text
        assert "<@&" not in content
