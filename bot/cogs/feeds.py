"""Slash commands for feeds and links (/feed add|list|status|remove|resume, /ingest) and polling."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from discord import app_commands
from discord.ext import commands
from discord.utils import escape_markdown

from bot.core.reports import IngestReport
from bot.service.feeds import (
    DEFAULT_INTERVAL_MINUTES,
    FeedError,
    Feeds,
    feed_state,
    poll_due_feeds,
)
from bot.store.feeds import Feed

log = logging.getLogger(__name__)

POLL_JOB_ID = "feeds:poll"
NO_MENTIONS = discord.AllowedMentions.none()
_DESCRIPTION_MAX = 4000
_CONTENT_MAX = 1900
_STATE_MARK = {"ok": "🟢", "new": "🔵", "failing": "🟠", "paused": "🔴"}


def schedule_feed_polling(
    scheduler: AsyncIOScheduler, feeds: Feeds, *, every_seconds: int = 60
) -> None:
    """Add the polling job: each minute, poll the feeds that are due (each has its own interval,
    jittered in its ``next_poll_at``). One pass at a time; a missed pass is not repeated."""
    scheduler.add_job(
        poll_due_feeds,
        IntervalTrigger(seconds=every_seconds, jitter=max(1, every_seconds // 6)),
        args=[feeds],
        id=POLL_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=every_seconds,
    )


def _when(moment: datetime | None) -> str:
    return f"<t:{int(moment.timestamp())}:R>" if moment else "never"


def _name(feed: Feed) -> str:
    return escape_markdown(feed.title or feed.url)


def feed_lines(feeds: Sequence[Feed], *, health: bool) -> str:
    """Feeds as Discord markdown lines; with ``health``, polling times and the last error."""
    lines: list[str] = []
    for feed in feeds:
        state = feed_state(feed).value
        failures = f", {feed.failures} failed polls" if feed.failures else ""
        lines.append(f"{_STATE_MARK[state]} `{feed.id}` **{_name(feed)}** — {state}{failures}")
        if health:
            lines.append(
                f"  every {feed.interval_minutes} min · last poll {_when(feed.last_polled_at)} · "
                f"next {_when(feed.next_poll_at)} · {feed.articles_added} articles"
            )
            if feed.last_error:
                lines.append(f"  last error: {escape_markdown(feed.last_error)[:300]}")
        else:
            lines.append(f"  <{feed.url}> every {feed.interval_minutes} min")
    text = "\n".join(lines)
    if len(text) > _DESCRIPTION_MAX:
        text = text[: _DESCRIPTION_MAX - 1].rsplit("\n", 1)[0] + "\n…"
    return text


def report_text(report: IngestReport) -> str:
    """What adding a link did, in one or two plain lines."""
    lines = [f"Added article `{a.article_id}`: {escape_markdown(a.title)}" for a in report.added]
    lines += [f"Already stored as article `{d.existing_id}`." for d in report.duplicates]
    lines += [f"Not added: {escape_markdown(r.reason)}" for r in report.rejected]
    return "\n".join(lines)[:_CONTENT_MAX] or "Nothing was added."


class FeedCommands(commands.Cog):
    """/feed …: follow feeds and see their health; /ingest: add one article by its link."""

    feed = app_commands.Group(name="feed", description="Follow RSS/Atom feeds", guild_only=True)

    def __init__(self, feeds: Feeds) -> None:
        self.feeds = feeds
        self._background: set[asyncio.Task[object]] = set()

    async def wait_background(self) -> None:
        """Wait for first polls started by /feed add (tests and shutdown)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def cog_unload(self) -> None:
        """Cancel first polls still running."""
        for task in self._background:
            task.cancel()

    async def _reply(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.followup.send(
            text[:_CONTENT_MAX], ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @feed.command(name="add", description="Follow a feed (Manage Server)")
    @app_commands.describe(
        url="The feed's address, or a site page that advertises one",
        interval="Minutes between polls (default 30)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def add(
        self,
        interaction: discord.Interaction,
        url: app_commands.Range[str, 8, 2000],
        interval: app_commands.Range[int, 5, 1440] = DEFAULT_INTERVAL_MINUTES,
    ) -> None:
        """Check and follow a feed; its first poll starts in the background."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            added = await self.feeds.add(url, interval_minutes=interval)
        except FeedError as error:
            await self._reply(interaction, escape_markdown(str(error)))
            return
        verb = "Now following" if added.is_new else "Already following (re-enabled)"
        await self._reply(
            interaction,
            f"{verb} feed `{added.feed.id}`: **{_name(added.feed)}** ({added.items} items, "
            f"every {added.feed.interval_minutes} min). Articles from the last "
            f"{self.feeds.policy.new_item_days} days are being added now.",
        )
        task: asyncio.Task[object] = asyncio.create_task(self.feeds.poll([added.feed.id]))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @feed.command(name="list", description="The feeds this bot follows")
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        """List followed feeds, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = await self.feeds.list()
        await self._send_feeds(interaction, feeds, title="Followed feeds", health=False)

    @feed.command(name="status", description="Feed health: polls, failures, last error")
    @app_commands.describe(feed="A feed id or address (default: all)")
    async def status(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000] | None = None
    ) -> None:
        """Show each feed's health, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            feeds = [await self.feeds.find(_key(feed))] if feed else await self.feeds.list()
        except FeedError as error:
            await self._reply(interaction, escape_markdown(str(error)))
            return
        await self._send_feeds(interaction, feeds, title="Feed status", health=True)

    @feed.command(name="remove", description="Stop following a feed (Manage Server)")
    @app_commands.describe(feed="The feed id (see /feed list) or address")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def remove(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Stop following a feed; its articles stay."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            removed = await self.feeds.remove(_key(feed))
        except FeedError as error:
            await self._reply(interaction, escape_markdown(str(error)))
            return
        await self._reply(
            interaction, f"No longer following **{_name(removed)}**. Its articles stay."
        )

    @feed.command(name="resume", description="Re-enable a paused feed (Manage Server)")
    @app_commands.describe(feed="The feed id (see /feed status) or address")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def resume(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Lift a pause; the feed is polled on the next pass."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            resumed = await self.feeds.resume(_key(feed))
        except FeedError as error:
            await self._reply(interaction, escape_markdown(str(error)))
            return
        await self._reply(interaction, f"**{_name(resumed)}** is enabled and will be polled now.")

    @app_commands.command(name="ingest", description="Add one article by its link")
    @app_commands.describe(url="The article's web address")
    @app_commands.guild_only()
    async def ingest(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 8, 2000]
    ) -> None:
        """Fetch an article page and store it; the answer is private."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.feeds.ingest_url(url)
        await self._reply(interaction, report_text(report))

    async def _send_feeds(
        self, interaction: discord.Interaction, feeds: Sequence[Feed], *, title: str, health: bool
    ) -> None:
        if not feeds:
            await self._reply(interaction, "No feeds are followed yet; add one with /feed add.")
            return
        embed = discord.Embed(
            title=f"{title} ({len(feeds)})", description=feed_lines(feeds, health=health)
        )
        await interaction.followup.send(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


def _key(text: str) -> int | str:
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped
