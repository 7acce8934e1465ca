"""/admin reload, /admin stats, /admin unanswered.

Discord hides the group from members without Manage Server, but server owners can change
who sees a command, so the bot checks again against the configured admin roles and users.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from ..render import DESCRIPTION_LIMIT, FIELD_LIMIT, clip, fit

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


def reload_embed(report: ReloadReport) -> discord.Embed:
    if not report.ok:
        errors = "\n".join(f"• {p}" for p in report.errors[:20])
        more = f"\n… and {len(report.errors) - 20} more" if len(report.errors) > 20 else ""
        return discord.Embed(
            title="Reload refused: the facts have errors",
            description=clip(f"Still answering from the previous facts.\n\n{errors}{more}",
                             DESCRIPTION_LIMIT),
            colour=discord.Colour.red())
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    embed = discord.Embed(title="Facts reloaded",
                          description=f"{counts} (in {report.seconds:.2f} s)",
                          colour=discord.Colour.green())
    for name, ids in (("Added", report.added), ("Removed", report.removed),
                      ("Changed", report.changed)):
        embed.add_field(name=f"{name} ({len(ids)})", value=clip(_ids(ids) or "none",
                                                                FIELD_LIMIT), inline=False)
    if report.warnings:
        embed.add_field(name=f"Warnings ({len(report.warnings)})", value=clip(
            "\n".join(f"• {p}" for p in report.warnings[:10]), FIELD_LIMIT), inline=False)
    return fit(embed)


def setup(client: StorybotClient) -> None:
    group = app_commands.Group(
        name="admin", description="storybot administration",
        default_permissions=discord.Permissions(manage_guild=True), guild_only=True)

    async def refuse_unless_admin(interaction: discord.Interaction) -> bool:
        if is_admin(client, interaction):
            return False
        log.warning("refused /admin %s to %s in guild %s",
                    interaction.command.name if interaction.command else "?",
                    client.service.who(interaction.user.id, str(interaction.user)),
                    interaction.guild_id)
        await interaction.response.send_message(
            "Only storybot admins can do that.", ephemeral=True)
        return True

    @group.command(name="reload", description="Re-read the fact files and swap them in")
    async def reload(interaction: discord.Interaction) -> None:
        if await refuse_unless_admin(interaction):
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await client.service.reload(by=str(interaction.user),
                                             by_id=interaction.user.id)
        await interaction.followup.send(embed=reload_embed(report), ephemeral=True)

    @group.command(name="stats", description="Questions answered, latency, facts, reloads")
    async def stats(interaction: discord.Interaction) -> None:
        if await refuse_unless_admin(interaction):
            return
        service = client.service
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
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @group.command(name="unanswered", description="The latest questions storybot declined")
    async def unanswered(interaction: discord.Interaction) -> None:
        if await refuse_unless_admin(interaction):
            return
        rows = client.service.query_log.unanswered(interaction.guild_id, limit=15)
        lines = [f"• {clip(r.question, 150)}" + (f" (×{r.times})" if r.times > 1 else "")
                 + f" <t:{int(r.asked_at)}:R>" for r in rows]
        embed = discord.Embed(
            title="Declined questions (latest first)",
            description=clip("\n".join(lines) or "None yet.", DESCRIPTION_LIMIT),
            colour=discord.Colour.blurple())
        embed.set_footer(text="Add facts or phrasings for these, then /admin reload.")
        await interaction.response.send_message(embed=embed, ephemeral=True,
                                                allowed_mentions=discord.AllowedMentions.none())

    client.tree.add_command(group)
