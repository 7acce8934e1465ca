"""/admin: reload, stats, unanswered, teach and undo, one group with one admin check.

Discord hides the group from members without Manage Server, but server owners can change
who sees a command, so the group checks every use against the configured admin roles and
users before any of its commands runs (and autocomplete offers nothing to others).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.factbase.story_facts import NOT_IN_STORY as NOT_IN_STORY_SUFFIX

from ..render import CHOICE_LIMIT, DESCRIPTION_LIMIT, FIELD_LIMIT, clip, fit
from .stories import story_choices

if TYPE_CHECKING:
    from ..client import StorybotClient
    from ..service import ReloadReport

log = logging.getLogger("storybot.admin")


def is_admin(client: StorybotClient, interaction: discord.Interaction) -> bool:
    settings = client.service.config.discord
    if interaction.user.id in settings.admin_user_ids:
        return True
    roles = {role.id for role in getattr(interaction.user, "roles", ())}
    if roles & set(settings.admin_role_ids):
        return True
    if not settings.admin_user_ids and not settings.admin_role_ids:
        # Nobody named in the config: fall back to Discord's own Manage Server permission.
        return bool(interaction.permissions.manage_guild)
    return False


def _ids(ids: list[str], limit: int = 15) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


BROKEN_STATES = {"kept": "still served as it last validated",
                 "left out": "left out until it validates"}


def reload_embed(report: ReloadReport) -> discord.Embed:
    if not report.ok:
        errors = "\n".join(f"• {p}" for p in report.errors[:20])
        more = f"\n… and {len(report.errors) - 20} more" if len(report.errors) > 20 else ""
        broken = "".join(f"\n• `{story}`" for story in report.broken)
        return discord.Embed(
            title="Reload refused: the facts have errors",
            description=clip("Still answering from the previous facts."
                             + (f"\n\nStories with errors:{broken}" if broken else "")
                             + f"\n\n{errors}{more}", DESCRIPTION_LIMIT),
            colour=discord.Colour.red())
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    embed = discord.Embed(title="Facts reloaded",
                          description=f"{counts} (in {report.seconds:.2f} s)",
                          colour=discord.Colour.green())
    for name, ids in (("Added", report.added), ("Removed", report.removed),
                      ("Changed", report.changed)):
        embed.add_field(name=f"{name} ({len(ids)})", value=clip(_ids(ids) or "none",
                                                                FIELD_LIMIT), inline=False)
    if report.broken:
        embed.add_field(name=f"Stories with errors ({len(report.broken)})", value=clip(
            "\n".join([f"• `{story}`: {BROKEN_STATES.get(how, how)}"
                        for story, how in report.broken.items()]
                       + [f"• {p}" for p in report.errors[:10]]), FIELD_LIMIT), inline=False)
    if report.warnings:
        embed.add_field(name=f"Warnings ({len(report.warnings)})", value=clip(
            "\n".join(f"• {p}" for p in report.warnings[:10]), FIELD_LIMIT), inline=False)
    return fit(embed)


NOT_IN_STORY_CHOICE = "-"  # the teach command's fact value for "the story doesn't say"
NOT_IN_STORY_LABEL = "The story doesn't say (decline it with confidence)"


class AdminCommands(app_commands.Group):
    """The /admin commands; interaction_check runs before each of them."""

    def __init__(self, client: StorybotClient) -> None:
        super().__init__(name="admin", description="storybot administration",
                         default_permissions=discord.Permissions(manage_guild=True),
                         guild_only=True)
        self.client = client

    @property
    def service(self):
        return self.client.service

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if is_admin(self.client, interaction):
            return True
        log.warning("refused /admin %s to %s in guild %s",
                    interaction.command.name if interaction.command else "?",
                    self.service.who(interaction.user.id, str(interaction.user)),
                    interaction.guild_id)
        await interaction.response.send_message(
            "Only storybot admins can do that.", ephemeral=True)
        return False

    @app_commands.command(name="reload", description="Re-read the fact files and swap them in")
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.service.reload(by=str(interaction.user), by_id=interaction.user.id)
        await interaction.followup.send(embed=reload_embed(report), ephemeral=True)

    @app_commands.command(name="stats",
                          description="Questions answered, latency, facts, reloads, each story")
    async def stats(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        service = self.service
        since_start = service.query_log.summary(interaction.guild_id, since=service.started_at)
        overall = service.query_log.summary(interaction.guild_id)
        uptime = dt.timedelta(seconds=int(time.time() - service.started_at))
        embed = discord.Embed(title="storybot stats",
                              description="Questions asked in this server.",
                              colour=discord.Colour.blurple())
        embed.add_field(name="Uptime", value=str(uptime))
        embed.add_field(name="Since start", value=(
            f"{since_start.answered} answered, {since_start.declined} declined"))
        embed.add_field(name="All time", value=(
            f"{overall.answered} answered, {overall.declined} declined"))
        latency = overall.median_latency_ms
        embed.add_field(name="Median latency",
                        value=f"{latency:.2f} ms" if latency is not None else "no questions yet")
        embed.add_field(name="Facts", value=", ".join(
            f"{n} {name}" for name, n in service.engine.counts().items()))
        last = service.last_reload
        embed.add_field(name="Last reload", value=(
            f"<t:{int(last.at)}:R> by {clip(last.by, 100)}"
            + ("" if last.ok else " (refused: errors)") if last else "none since start"))
        stories = await asyncio.to_thread(_story_lines, service.config)
        embed.add_field(name="Each story (questions: last 7 days, every server)",
                        value=clip(stories, FIELD_LIMIT), inline=False)
        await interaction.followup.send(embed=fit(embed), ephemeral=True)

    @app_commands.command(name="unanswered",
                          description="Declined and doubtful questions, most asked first")
    async def unanswered(self, interaction: discord.Interaction) -> None:
        groups = _unanswered_groups(self.service, interaction.guild_id)[:15]
        lines = [f"• {clip(g.question, 150)}" + (f" (×{g.times})" if g.times > 1 else "")
                 + (" (answered with low confidence)" if not g.declined else "")
                 + f" <t:{int(g.last_asked)}:R>" for g in groups]
        embed = discord.Embed(
            title="Declined questions (most asked first)",
            description=clip("\n".join(lines) or "None yet.", DESCRIPTION_LIMIT),
            colour=discord.Colour.blurple())
        embed.set_footer(text="Teach them with /admin teach, or add facts and /admin reload.")
        await interaction.response.send_message(embed=embed, ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())

    @app_commands.command(name="teach",
                          description="Add a reader's question to the fact that answers it")
    @app_commands.describe(question="a question readers asked (from the unanswered list)",
                           fact="the fact that answers it, or: the story doesn't say",
                           story="for 'the story doesn't say': which story (default: the "
                                 "channel's)")
    async def teach(self, interaction: discord.Interaction, question: str, fact: str,
                    story: str | None = None) -> None:
        from bot.curation.lessons import LessonLog
        from bot.curation.lessons import teach as teach_lesson
        from bot.curation.teach import TeachError

        service = self.service
        story_id = None
        if fact == NOT_IN_STORY_CHOICE:
            story_id = _story_for(service, story, interaction.channel_id)
            if story_id is None:
                await interaction.response.send_message(
                    "Which story does not say? Pick it in the `story` option.", ephemeral=True)
                return
        await interaction.response.defer(ephemeral=True, thinking=True)
        by = service.who(interaction.user.id, str(interaction.user))
        lessons = LessonLog(service.config.query_log)
        try:
            record = await asyncio.to_thread(
                teach_lesson, service.config.facts_dir, lessons, question, by=by,
                fact_id=None if story_id else fact, story_id=story_id)
        except TeachError as exc:
            await interaction.followup.send(f"Not taught: {clip(str(exc), 1800)}",
                                            ephemeral=True)
            return
        finally:
            lessons.close()
        log.info("lesson %d by %s: %r -> %s", record.id, by, record.lesson.question,
                 record.lesson.fact_id or f"not in {record.lesson.story_id}")
        report = await service.reload(by=str(interaction.user), by_id=interaction.user.id)
        await interaction.followup.send(
            content=_lesson_text(record, service, "Taught"), embed=reload_embed(report),
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())

    @teach.autocomplete("question")
    async def question_choices(self, interaction: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        if not is_admin(self.client, interaction):  # autocomplete skips interaction_check
            return []
        groups = _unanswered_groups(self.service, interaction.guild_id)
        typed = current.casefold().strip()
        questions = [g.question for g in groups if typed in g.question.casefold()]
        if current.strip() and current.strip() not in questions:
            questions.insert(0, current.strip())  # a question of one's own may be taught too
        return [app_commands.Choice(name=clip(q, CHOICE_LIMIT), value=clip(q, CHOICE_LIMIT))
                for q in questions[:25]]

    @teach.autocomplete("fact")
    async def fact_choices(self, interaction: discord.Interaction,
                           current: str) -> list[app_commands.Choice[str]]:
        if not is_admin(self.client, interaction):  # autocomplete skips interaction_check
            return []
        engine = self.service.engine
        question = getattr(interaction.namespace, "question", None) or ""
        found = _facts_for(engine, question, current)
        choices = [app_commands.Choice(name=NOT_IN_STORY_LABEL, value=NOT_IN_STORY_CHOICE)]
        choices += [app_commands.Choice(name=clip(f"{fid}: {answer}", CHOICE_LIMIT),
                                        value=fid) for fid, answer in found]
        return choices[:25]

    @teach.autocomplete("story")
    async def story_choices_(self, interaction: discord.Interaction, current: str):
        if not is_admin(self.client, interaction):  # autocomplete skips interaction_check
            return []
        return story_choices(self.client, current)

    @app_commands.command(name="undo", description="Take back the latest lesson taught")
    async def undo(self, interaction: discord.Interaction) -> None:
        from bot.curation.lessons import LessonLog
        from bot.curation.lessons import undo as undo_lesson
        from bot.curation.teach import TeachError

        service = self.service
        await interaction.response.defer(ephemeral=True, thinking=True)
        by = service.who(interaction.user.id, str(interaction.user))
        lessons = LessonLog(service.config.query_log)
        try:
            record = await asyncio.to_thread(undo_lesson, service.config.facts_dir, lessons,
                                             by=by)
        except TeachError as exc:
            await interaction.followup.send(f"Nothing undone: {clip(str(exc), 1800)}",
                                            ephemeral=True)
            return
        finally:
            lessons.close()
        log.info("lesson %d undone by %s", record.id, by)
        report = await service.reload(by=str(interaction.user), by_id=interaction.user.id)
        await interaction.followup.send(
            content=_lesson_text(record, service, "Undone"), embed=reload_embed(report),
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())


def _lesson_text(record, service, done: str) -> str:
    lesson = record.lesson
    target = (f"fact `{lesson.fact_id}`" if lesson.fact_id
              else f"what `{lesson.story_id}` does not say")
    answer = service.engine.ask(lesson.question)
    now = (f"now answered from `{answer.fact_id}`" if answer.answered
           else f"now declined ({answer.reason})")
    return clip(f"{done} (lesson {record.id}): “{lesson.question}” → {target}; {now}.", 1900)


def _story_for(service, typed: str | None, channel_id: int | None) -> str | None:
    story, known = service.pick_story(typed, channel_id)
    if story is None and known and len(service.engine.stories) == 1:
        story = next(iter(service.engine.stories))
    return story


def _facts_for(engine, question: str, typed: str, limit: int = 24) -> list[tuple[str, str]]:
    """Facts to offer for a question: what the engine ranks best for it, then facts whose
    id or answer looks like what the admin is typing."""
    from rapidfuzz import fuzz, process, utils

    found: dict[str, str] = {}
    if question.strip() and not typed.strip():
        answer = engine.ask(question)
        if answer.answered and answer.fact_id:
            found[answer.fact_id] = answer.answer or ""
        for alternative in answer.alternatives:
            found.setdefault(alternative.fact_id, alternative.answer)
    if typed.strip():
        labels = {f"{fid} {answer}": (fid, answer)
                  for fid, answer in engine.reader.fact_answers() if not fid.endswith(
                      NOT_IN_STORY_SUFFIX)}
        for label, _, _ in process.extract(typed, list(labels), scorer=fuzz.WRatio,
                                           processor=utils.default_process, limit=limit):
            fid, answer = labels[label]
            found.setdefault(fid, answer)
    return list(found.items())[:limit]


def _unanswered_groups(service, guild_id):
    """This server's declined questions (the log's, and those still waiting to be written)
    with its doubtful answers, grouped by wording."""
    from bot.curation.asked import Asked, group_unanswered, read_asked

    rows = [Asked(r.asked_at, guild_id, None, r.question, None, 0.0, False)
            for r in service.query_log.unanswered(guild_id, limit=200) for _ in range(r.times)]
    rows += [a for a in read_asked(service.config.query_log, since=time.time() - 30 * 86400)
             if a.answered and a.guild_id == guild_id]
    return group_unanswered(rows, service.config.answer_threshold)


def _story_lines(config) -> str:
    from bot.curation.asked import read_asked, week_ago
    from bot.curation.story_numbers import story_numbers
    from bot.factbase.loader import load_factbase

    base, _ = load_factbase(config.facts_dir)
    numbers, elsewhere = story_numbers(base, read_asked(config.query_log, since=week_ago()),
                                       config.discord.channel_stories)
    lines = [f"`{n.stats.story_id}`: {n.stats.facts} facts, {n.stats.questions_per_fact:.1f} "
             f"questions a fact, {n.stats.entities} entities, sentences quoted "
             f"{n.stats.sentences_quoted}/{n.stats.sentences}; {n.week.asked} asked, "
             f"{n.week.answered} answered, {n.week.declined} declined" for n in numbers]
    if elsewhere.asked:
        lines.append(f"no story (asked of every story, nothing near): {elsewhere.asked} asked, "
                     f"{elsewhere.answered} answered, {elsewhere.declined} declined")
    return "\n".join(lines) or "no stories"


def setup(client: StorybotClient) -> None:
    client.tree.add_command(AdminCommands(client))
