"""/admin reload, stats and unanswered: admins only, and answers never stop."""

from __future__ import annotations

import asyncio

import pytest

from tests.loopback.harness import assert_nothing_unexpected

STORY = "us-iraq-withdrawal"


def _edit_facts(facts_dir, old: str, new: str) -> None:
    path = facts_dir / STORY / "facts.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def _ask(server, world, question, user="bob"):
    cmd = await server.send_slash_command("ask", {"question": question},
                                          user=world.user_named(user),
                                          channel=world.guild.channel_named("general"))
    return (await server.wait_for_response(cmd)).response_data["embeds"][0]["description"]


async def _admin(server, world, sub, user="carol"):
    cmd = await server.send_slash_command(f"admin {sub}", {}, user=world.user_named(user),
                                          channel=world.guild.channel_named("general"))
    return await server.wait_for_response(cmd)


async def test_reload_by_an_admin_serves_the_new_facts(server, world, storybot, facts_dir):
    assert "About 5,000" in await _ask(server, world, "how many US troops are in Iraq?")
    _edit_facts(facts_dir, 'answer = "About 5,000 US troops', 'answer = "About 5,500 US troops')
    answered = await _admin(server, world, "reload")
    assert answered.ephemeral  # deferred, thinking
    report = (await server.wait_for_followup(answered)).embeds[0]
    assert report["title"] == "Facts reloaded"
    fields = {f["name"]: f["value"] for f in report["fields"]}
    assert "us-troops-5000-in-iraq" in fields["Changed (1)"]
    assert fields["Added (0)"] == "none"
    assert "About 5,500" in await _ask(server, world, "how many US troops are in Iraq?")
    assert_nothing_unexpected(server)


async def test_reload_is_refused_to_a_member_who_is_not_an_admin(server, world, storybot,
                                                                 caplog):
    with pytest.raises(PermissionError):  # Discord hides it from members without Manage Server
        await _admin(server, world, "reload", user="bob")
    # ... unless the server's owner overrode who sees it; then the bot itself refuses.
    world.command_overrides["admin"] = {world.user_named("bob").id}
    refused = await _admin(server, world, "reload", user="bob")
    assert refused.ephemeral and "Only storybot admins" in refused.content
    assert storybot.service.last_reload is None
    assert any("refused /admin reload" in r.getMessage() for r in caplog.records)


async def test_reload_with_broken_facts_keeps_the_old_answers(server, world, storybot,
                                                              facts_dir):
    path = facts_dir / STORY / "facts.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fact]]\nid = \"half\"\n",
                    encoding="utf-8")
    answered = await _admin(server, world, "reload")
    report = (await server.wait_for_followup(answered)).embeds[0]
    assert report["title"].startswith("Reload refused")
    assert "facts.toml" in report["description"] and "half" in report["description"]
    assert "Sunni" in await _ask(server, world, "who opposed the resolution?")
    assert storybot.service.last_reload.ok is False


async def test_questions_asked_during_a_reload_are_all_answered(server, world, storybot,
                                                                 facts_dir):
    _edit_facts(facts_dir, 'answer = "About 5,000 US troops', 'answer = "About 5,500 US troops')
    reload = asyncio.ensure_future(_admin(server, world, "reload"))
    general = world.guild.channel_named("general")
    asked = [await server.send_slash_command("ask", {"question": "how many us troops in iraq"},
                                             user=world.user_named("bob"), channel=general)
             for _ in range(20)]
    answers = [(await server.wait_for_response(a)).response_data["embeds"][0]["description"]
               for a in asked]
    await server.wait_for_followup(await reload)
    assert all("About 5,000" in a or "About 5,500" in a for a in answers)


async def test_stats_and_unanswered(server, world, storybot):
    await _ask(server, world, "who opposed the resolution?")
    await _ask(server, world, "what is the GDP of Iran?")
    await _ask(server, world, "what is the GDP of Iran?")
    stats = (await server.wait_for_followup(await _admin(server, world, "stats"))).embeds[0]
    fields = {f["name"]: f["value"] for f in stats["fields"]}
    assert fields["Since start"] == "1 answered, 2 declined"
    assert fields["Median latency"].endswith("ms")
    assert "facts" in fields["Facts"] and fields["Last reload"] == "none since start"
    unanswered = (await _admin(server, world, "unanswered")).response_data["embeds"][0]
    assert "GDP of Iran" in unanswered["description"] and "×2" in unanswered["description"]
    assert_nothing_unexpected(server)


async def test_admin_user_ids_grant_access_without_the_role(server, world, with_settings):
    from tests.discord_app.conftest import start_storybot
    from tests.loopback.harness import stop_bot

    bob = world.user_named("bob")
    world.command_overrides["admin"] = {bob.id}
    client, task = await start_storybot(server, with_settings(admin_user_ids=(bob.id,),
                                                              admin_role_ids=()))
    try:
        carol_stats = await _admin(server, world, "stats", user="carol")
        assert "Only storybot admins" in carol_stats.content  # Manage Server is not enough
        bob_stats = await server.wait_for_followup(await _admin(server, world, "stats",
                                                                user="bob"))
        assert bob_stats.embeds[0]["title"] == "storybot stats"
    finally:
        await stop_bot(client, task)
        client.service.close()


async def _admin_with(server, world, sub, options, user="carol"):
    cmd = await server.send_slash_command(f"admin {sub}", options, user=world.user_named(user),
                                          channel=world.guild.channel_named("general"))
    return await server.wait_for_response(cmd)


async def _choices(server, world, options, focused, user="carol"):
    auto = await server.send_autocomplete("admin teach", options, focused=focused,
                                          user=world.user_named(user),
                                          channel=world.guild.channel_named("general"))
    return (await server.wait_for_response(auto)).choices


async def test_teach_from_the_unanswered_list_and_undo(server, world, storybot, facts_dir):
    question = "what does the pentagon budget look like"
    assert "I don't know" in await _ask(server, world, question)
    offered = await _choices(server, world, {"question": "penta"}, "question")
    assert question in [c["value"] for c in offered]
    facts = await _choices(server, world, {"question": question, "fact": ""}, "fact")
    assert facts[0]["value"] == "-"  # "the story doesn't say" comes first
    typed = await _choices(server, world, {"question": question, "fact": "nato increase"},
                           "fact")
    assert "nato-increase-could-decrease-us-personnel" in [c["value"] for c in typed]
    taught = await _admin_with(server, world, "teach", {
        "question": question, "fact": "nato-increase-could-decrease-us-personnel"})
    done = await server.wait_for_followup(taught)
    assert "Taught (lesson 1)" in done.content and "now answered" in done.content
    assert done.embeds[0]["title"] == "Facts reloaded"
    assert question in (facts_dir / STORY / "facts.toml").read_text(encoding="utf-8")
    assert "NATO" in await _ask(server, world, question)
    undone = await server.wait_for_followup(await _admin(server, world, "undo"))
    assert "Undone (lesson 1)" in undone.content and "now declined" in undone.content
    assert question not in (facts_dir / STORY / "facts.toml").read_text(encoding="utf-8")
    assert_nothing_unexpected(server)


async def test_teach_that_the_story_does_not_say(server, world, storybot):
    taught = await _admin_with(server, world, "teach", {"question": "What is the GDP of Iran?",
                                                        "fact": "-"})
    done = await server.wait_for_followup(taught)
    assert "what `us-iraq-withdrawal` does not say" in done.content
    assert "now declined (not-in-story)" in done.content
    refused = await _admin_with(server, world, "teach", {"question": "What is the GDP of Iran?",
                                                         "fact": "-"})
    again = await server.wait_for_followup(refused)
    assert "Not taught" in again.content and "already lists" in again.content


async def test_autocomplete_offers_nothing_to_a_member_who_is_not_an_admin(server, world,
                                                                         storybot):
    world.command_overrides["admin"] = {world.user_named("bob").id}
    assert await _choices(server, world, {"question": "x", "fact": ""}, "fact",
                          user="bob") == []


async def test_reload_names_a_broken_story_and_serves_the_rest(server, world, storybot,
                                                               facts_dir):
    import shutil

    from tests.conftest import SECOND_STORY

    shutil.copytree(SECOND_STORY, facts_dir / "uk-election")
    assert (await server.wait_for_followup(await _admin(server, world, "reload"))
            ).embeds[0]["title"] == "Facts reloaded"
    with (facts_dir / "uk-election" / "facts.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[fact]]\nid = "half-written"\n')
    _edit_facts(facts_dir, 'answer = "About 5,000 US troops', 'answer = "About 5,500 US troops')
    report = (await server.wait_for_followup(await _admin(server, world, "reload"))).embeds[0]
    assert report["title"] == "Facts reloaded"
    fields = {f["name"]: f["value"] for f in report["fields"]}
    broken = fields["Stories with errors (1)"]
    assert "`uk-election`: still served as it last validated" in broken
    assert "half-written" in broken
    assert "About 5,500" in await _ask(server, world, "how many US troops are in Iraq?")
    assert "Pompeo" in await _ask(server, world, "who congratulated Johnson?")
    stats = (await server.wait_for_followup(await _admin(server, world, "stats"))).embeds[0]
    each = {f["name"]: f["value"] for f in stats["fields"]}[
        "Each story (questions: last 7 days, every server)"]
    assert "`us-iraq-withdrawal`:" in each and "`uk-election`:" in each
