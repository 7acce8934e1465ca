"""The loopback Discord against the real discord.py client (no mocks).

A tiny ``commands.Bot`` replies to mentions and has ``/ping`` with an autocompleted option and
a button. Every test fails as soon as discord.py logs at ERROR level.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
from collections.abc import AsyncIterator

import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands
from discord.ext import commands

from tests.loopback import LoopbackDiscord, Overwrite, Perm, World
from tests.loopback.harness import assert_nothing_unexpected, start_bot, stop_bot

TOPICS = ["alpha", "alpine", "beta", "gamma", "delta"]


# -- the bot under test -------------------------------------------------------------------


class PingView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Again", style=discord.ButtonStyle.primary, custom_id="ping:again")
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_message(f"again, {interaction.user.name}!",
                                                ephemeral=True)


class SmokeBot(commands.Bot):
    def __init__(self, guild_id: int, *, intents: discord.Intents | None = None,
                 **options) -> None:
        if intents is None:
            intents = discord.Intents.default()
            intents.message_content = True
        super().__init__(
            command_prefix="!",
            intents=intents,
            guild_ready_timeout=0.1,
            allowed_mentions=discord.AllowedMentions(everyone=False, roles=False),
            **options,
        )
        self.guild_id = guild_id
        self.seen_contents: list[str] = []
        guild = discord.Object(guild_id)

        @self.tree.command(name="ping", description="Ping the bot", guild=guild)
        @app_commands.describe(topic="What to ping about")
        async def ping(interaction: discord.Interaction, topic: str) -> None:
            await interaction.response.send_message(f"pong: {topic}", view=PingView())

        @ping.autocomplete("topic")
        async def topic_autocomplete(interaction: discord.Interaction,
                                     current: str) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=t, value=t) for t in TOPICS
                    if t.startswith(current.lower())][:25]

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before every non-initial IDENTIFY; not on a loopback.
        return None

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen_contents.append(message.content)
        if self.user in message.mentions:
            await message.reply(f"pong {message.author.name}", mention_author=False)


class ShardedSmokeBot(commands.AutoShardedBot, SmokeBot):
    pass


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture
async def bot(server: LoopbackDiscord, world: World) -> AsyncIterator[SmokeBot]:
    bot = SmokeBot(world.guild.id)
    task = await start_bot(server, bot)
    try:
        yield bot
    finally:
        await stop_bot(bot, task)


async def sync_guild_commands(bot: SmokeBot) -> None:
    await bot.tree.sync(guild=discord.Object(bot.guild_id))



# -- tests --------------------------------------------------------------------------------


async def test_login_ready_and_guild_sync(server: LoopbackDiscord, world: World,
                                          bot: SmokeBot) -> None:
    assert bot.user is not None and bot.user.id == world.bot.id
    assert bot.application_id == world.application_id
    guild = bot.get_guild(world.guild.id)
    assert guild is not None and guild.name == "Loopback Guild"
    assert {c.name for c in guild.text_channels} == {"general", "bot-commands"}
    assert guild.member_count == len(world.guild.members)
    # Without the members intent discord.py caches only itself; REST fills the gaps.
    assert [m.id for m in guild.members] == [world.bot.id]
    carol = await guild.fetch_member(world.user_named("carol").id)
    assert carol.guild_permissions.manage_guild
    assert not carol.guild_permissions.administrator
    assert guild.owner_id == world.user_named("alice").id
    assert (await bot.application_info()).owner.name == "alice"

    commands_synced = await bot.tree.sync(guild=discord.Object(world.guild.id))
    assert [c.name for c in commands_synced] == ["ping"]
    stored = await server.wait_for_commands(world.guild.id)
    assert stored[0]["options"][0]["name"] == "topic"
    assert stored[0]["options"][0]["autocomplete"] is True

    paths = [(r.method, r.path) for r in server.requests]
    assert ("GET", "/users/@me") in paths
    assert ("GET", "/oauth2/applications/@me") in paths
    assert ("PUT", f"/applications/{world.application_id}/guilds/{world.guild.id}/commands") \
        in paths
    identify = next(f["d"] for _, f in server.gateway.received if f["op"] == 2)
    assert identify["token"] == server.token
    assert identify["intents"] & discord.Intents.message_content.flag
    assert_nothing_unexpected(server)


async def test_mention_gets_a_reply(server: LoopbackDiscord, world: World,
                                    bot: SmokeBot) -> None:
    general = world.guild.channel_named("general")
    alice = world.user_named("alice")
    await server.send_message(general, alice, "no mention here")
    mid = await server.send_message(general, alice, f"<@{world.bot.id}> hello there")

    reply = await server.wait_for_message(general, after=mid)
    assert reply.content == "pong alice"
    assert reply.source == "channel"
    assert int(reply.message_reference["message_id"]) == mid
    assert reply.allowed_mentions["replied_user"] is False
    assert "everyone" not in reply.allowed_mentions["parse"]
    assert reply.pings(replied_user_id=alice.id) == {"users": set(), "roles": set(),
                                                     "everyone": False}
    # Only the mention was answered; the bot saw both messages' content.
    assert [m.id for m in server.messages] == [reply.id]
    assert bot.seen_contents == ["no mention here", f"<@{world.bot.id}> hello there"]
    assert_nothing_unexpected(server)


async def test_slash_command_autocomplete_and_button(server: LoopbackDiscord, world: World,
                                                     bot: SmokeBot) -> None:
    await sync_guild_commands(bot)
    general = world.guild.channel_named("general")
    bob = world.user_named("bob")

    auto = await server.send_autocomplete("ping", {"topic": "al"}, focused="topic",
                                          user=bob, channel=general)
    answered = await server.wait_for_response(auto)
    assert answered.response_type == 8
    assert answered.choices == [{"name": "alpha", "value": "alpha"},
                                {"name": "alpine", "value": "alpine"}]

    cmd = await server.send_slash_command("ping", {"topic": "beta"}, user=bob, channel=general)
    answered = await server.wait_for_response(cmd)
    assert answered.response_type == 4
    assert answered.content == "pong: beta"
    message = await server.wait_for_message(general, source="interaction")
    assert message.id == answered.original_message_id
    assert message.custom_ids() == ["ping:again"]
    assert server.interaction_responses[-1].interaction_id == cmd.id

    press = await server.press_button(message.id, "ping:again", user=bob)
    pressed = await server.wait_for_response(press)
    assert pressed.response_type == 4
    assert pressed.content == "again, bob!"
    assert pressed.ephemeral
    assert_nothing_unexpected(server)


async def test_resumes_after_gateway_drop(server: LoopbackDiscord, world: World,
                                          bot: SmokeBot) -> None:
    general = world.guild.channel_named("general")
    carol = world.user_named("carol")
    resumed = asyncio.ensure_future(bot.wait_for("resumed", timeout=5))

    assert await server.drop_gateway(4000) == 1
    # Sent while the client is disconnected: replayed on RESUME.
    mid = await server.send_message(general, carol, f"<@{world.bot.id}> still there?")
    await server.wait_for_gateway("resume")
    await resumed
    reply = await server.wait_for_message(general, after=mid)
    assert reply.content == "pong carol"
    resume_index, resume_conn = next((i, c) for i, c in enumerate(server.gateway.connections)
                                     if c.kind == "resume")
    assert resume_conn.path == "/resume-gateway"  # the resume_gateway_url from READY
    dispatched = [f["t"] for i, f in server.gateway.sent if i == resume_index and f["op"] == 0]
    assert dispatched[:2] == ["MESSAGE_CREATE", "RESUMED"]  # the missed event, then RESUMED
    assert sum(1 for c in server.gateway.connections if c.kind == "identify") == 1

    # And once more with the TCP connection cut instead of a close frame.
    await server.drop_gateway(None)
    await server.wait_for_gateway("resume", count=2)
    await sync_guild_commands(bot)
    cmd = await server.send_slash_command("ping", {"topic": "gamma"}, user=carol,
                                          channel=general)
    assert (await server.wait_for_response(cmd)).content == "pong: gamma"
    assert_nothing_unexpected(server)


async def test_invalid_session_makes_the_bot_identify_again(server: LoopbackDiscord,
                                                            world: World,
                                                            bot: SmokeBot) -> None:
    ready_again = asyncio.ensure_future(bot.wait_for("ready", timeout=5))
    assert await server.invalidate_session(resumable=False) == 1
    await server.wait_for_gateway("identify", count=2)
    await ready_again
    general = world.guild.channel_named("general")
    mid = await server.send_message(general, world.user_named("bob"), f"<@{world.bot.id}> hi")
    assert (await server.wait_for_message(general, after=mid)).content == "pong bob"
    assert_nothing_unexpected(server)


async def test_rejected_token(server: LoopbackDiscord, world: World) -> None:
    bot = SmokeBot(world.guild.id)
    try:
        with pytest.raises(discord.LoginFailure):
            await bot.start("not-the-token")
    finally:
        await bot.close()
    assert server.requests[0].path == "/users/@me"
    assert server.requests[0].status == 401
    assert server.requests[0].response == {"message": "401: Unauthorized", "code": 0}
    assert server.gateway.connections == []


async def test_without_message_content_intent_content_is_blank(server: LoopbackDiscord,
                                                               world: World) -> None:
    bot = SmokeBot(world.guild.id, intents=discord.Intents.default())
    task = await start_bot(server, bot)
    try:
        general = world.guild.channel_named("general")
        alice = world.user_named("alice")
        await server.send_message(general, alice, "secret words")
        mid = await server.send_message(general, alice, f"<@{world.bot.id}> visible")
        await server.wait_for_message(general, after=mid)
        assert bot.seen_contents == ["", f"<@{world.bot.id}> visible"]
    finally:
        await stop_bot(bot, task)


async def test_unknown_route_is_recorded(server: LoopbackDiscord, bot: SmokeBot) -> None:
    with pytest.raises(discord.NotFound):
        await bot.http.request(discord.http.Route("GET", "/no/such/thing"))
    assert [(r.method, r.path) for r in server.unhandled] == [("GET", "/no/such/thing")]


async def test_auto_sharded_bot_gets_each_guild_on_its_shard(server: LoopbackDiscord,
                                                            world: World) -> None:
    alice = world.user_named("alice")
    second = world.add_guild("Second Guild", owner=alice, id=world.guild.id + (1 << 22))
    world.add_channel(second, "lobby")
    assert (world.guild.id >> 22) % 2 != (second.id >> 22) % 2
    server.shard_count = 2
    bot = ShardedSmokeBot(world.guild.id)
    task = await start_bot(server, bot)
    try:
        assert bot.shard_count == 2
        assert {g.id for g in bot.guilds} == {world.guild.id, second.id}
        for session in server.gateway.sessions.values():
            ready = next(p["d"] for p in session.log if p["t"] == "READY")
            expected = {str(g) for g in world.guilds if (g >> 22) % 2 == session.shard_id}
            assert {g["id"] for g in ready["guilds"]} == expected
            assert ready["shard"] == [session.shard_id, 2]
        lobby = second.channel_named("lobby")
        mid = await server.send_message(lobby, alice, f"<@{world.bot.id}> shard?")
        assert (await server.wait_for_message(lobby, after=mid)).content == "pong alice"
        assert ("GET", "/gateway/bot") in [(r.method, r.path) for r in server.requests]
    finally:
        await stop_bot(bot, task)


async def test_discord_limits_and_permissions_are_enforced(server: LoopbackDiscord,
                                                           world: World, bot: SmokeBot) -> None:
    general = bot.get_channel(world.guild.channel_named("general").id)
    with pytest.raises(discord.HTTPException) as too_long:
        await general.send("x" * 2001)
    assert too_long.value.status == 400 and too_long.value.code == 50035
    with pytest.raises(discord.HTTPException) as too_big:
        await general.send(embed=discord.Embed(description="x" * 4097))
    assert too_big.value.code == 50035

    read_only = world.add_channel(world.guild, "read-only", overwrites=[
        Overwrite(id=world.guild.id, type=0, deny=Perm.SEND_MESSAGES)])
    with pytest.raises(discord.Forbidden) as forbidden:
        await bot.http.send_message(read_only.id, params=discord.http.handle_message_parameters(
            content="hello"))
    assert forbidden.value.code == 50013
    assert server.messages == [] and server.unhandled == []


# -- more of the API: subcommands, defer/followups, selects, modals, context menus ----------


class Feedback(discord.ui.Modal, title="Feedback"):
    text = discord.ui.TextInput(label="Your text", custom_id="feedback:text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks for: {self.text.value}")


class Picker(discord.ui.View):
    @discord.ui.select(custom_id="picker:letter", options=[
        discord.SelectOption(label="A", value="a"), discord.SelectOption(label="B", value="b")])
    async def letter(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"picked {select.values[0]}", view=None)


class ExtrasBot(SmokeBot):
    def __init__(self, guild_id: int) -> None:
        super().__init__(guild_id)
        guild = discord.Object(guild_id)
        admin = app_commands.Group(name="admin", description="Admin tools", guild_ids=[guild_id],
                                   default_permissions=discord.Permissions(manage_guild=True))
        points = app_commands.Group(name="points", description="Points", parent=admin)

        @points.command(name="grant", description="Grant points")
        async def grant(interaction: discord.Interaction, member: discord.Member,
                        amount: int = 1) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(f"{member.name} +{amount}")
            await interaction.followup.send("log attached", ephemeral=True,
                                            file=discord.File(io.BytesIO(b"log"), "log.txt"))
            await interaction.edit_original_response(content=f"{member.name} now has {amount}")

        self.tree.add_command(admin)

        @self.tree.command(name="feedback", description="Send feedback", guild=guild)
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(Feedback())

        @self.tree.command(name="pick", description="Pick a letter", guild=guild)
        async def pick(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pick one", view=Picker())

        @self.tree.command(name="slow", description="Too slow", guild=guild)
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(0.3)
            with contextlib.suppress(discord.NotFound):
                await interaction.response.send_message("late")

        @self.tree.context_menu(name="Quote", guild=guild)
        async def quote(interaction: discord.Interaction, message: discord.Message) -> None:
            await interaction.response.send_message(f"> {message.content}")


async def test_more_interaction_flows(server: LoopbackDiscord, world: World) -> None:
    bot = ExtrasBot(world.guild.id)
    task = await start_bot(server, bot)
    try:
        await sync_guild_commands(bot)
        general = world.guild.channel_named("general")
        alice, bob = world.user_named("alice"), world.user_named("bob")

        with pytest.raises(PermissionError):  # /admin needs Manage Guild; bob lacks it
            await server.send_slash_command("admin points grant", {"member": bob},
                                            user=bob, channel=general)
        grant = await server.send_slash_command("admin points grant",
                                                {"member": bob, "amount": 3},
                                                user=alice, channel=general)
        options = grant.payload["data"]["options"]
        assert options[0]["name"] == "points" and options[0]["options"][0]["name"] == "grant"
        assert str(bob.id) in grant.payload["data"]["resolved"]["members"]
        assert (await grant.response()).response_type == 5  # deferred, "thinking"
        log = await grant.followup(count=2)
        assert log.ephemeral and log.files[0].data == b"log"
        await server.wait_for_request("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
        original = server.message(grant.original_message_id)
        assert original["content"] == "bob now has 3"
        assert grant.followups[0].id == grant.original_message_id  # 1st followup filled it

        feedback = await (await server.send_slash_command("feedback", user=bob,
                                                          channel=general)).response()
        assert feedback.response_type == 9
        submitted = await server.submit_modal(feedback, {"feedback:text": "great bot"})
        assert (await submitted.response()).content == "thanks for: great bot"

        pick = await (await server.send_slash_command("pick", user=bob,
                                                      channel=general)).response()
        chosen = await server.send_component(pick.original_message_id, "picker:letter",
                                             user=bob, values=["b"])
        assert (await chosen.response()).response_type == 7
        assert server.message(pick.original_message_id)["content"] == "picked b"
        assert server.message(pick.original_message_id)["components"] == []

        mid = await server.send_message(general, alice, "quote me")
        quoted = await server.send_context_menu("Quote", mid, user=bob, channel=general,
                                                message=True)
        assert (await quoted.response()).content == "> quote me"

        server.interaction_timeout = 0.1
        slow = await server.send_slash_command("slow", user=bob, channel=general)
        await server.wait_for_request("POST", rf"/interactions/{slow.id}/.*/callback")
        assert slow.callback is None and slow.errors[0]["code"] == 10062
        assert server.unhandled == []
    finally:
        await stop_bot(bot, task)
