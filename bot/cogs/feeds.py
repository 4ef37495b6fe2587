"""Slash commands for feeds and links (/feed add|list|status|remove|resume, /ingest) and polling."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import discord
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from discord import app_commands
from discord.ext import commands

from bot.cogs.pages import NO_MENTIONS, reply_privately, send_private_pages
from bot.cogs.permissions import manage_server_only
from bot.cogs.scoping import feeds_for
from bot.core.feeds import DEFAULT_INTERVAL_MINUTES, Feed, parse_feed_key
from bot.render.embed_feeds import (
    NO_FEEDS,
    added_message,
    ingest_message,
    removed_message,
    render_feeds,
    resumed_message,
)
from bot.service.feeds import FeedError, Feeds, poll_due_feeds

log = logging.getLogger(__name__)

POLL_JOB_ID = "feeds:poll"
# The bot's own page timeout, for callers that do not pass theirs.
DEFAULT_PAGE_TIMEOUT = 600.0


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


class FeedCommands(commands.Cog):
    """/feed …: follow feeds and see their health; /ingest: add one article by its link."""

    feed = app_commands.Group(name="feed", description="Follow RSS/Atom feeds", guild_only=True)

    def __init__(self, feeds: Feeds, *, page_timeout: float = DEFAULT_PAGE_TIMEOUT) -> None:
        self.feeds = feeds
        self.page_timeout = page_timeout
        self._background: set[asyncio.Task[object]] = set()

    async def wait_background(self) -> None:
        """Wait for first polls started by /feed add (tests and shutdown)."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)

    async def cog_unload(self) -> None:
        """Cancel first polls still running."""
        for task in self._background:
            task.cancel()

    async def _reply(self, interaction: discord.Interaction, content: str) -> None:
        """Send content the renderer already made safe and short enough."""
        await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @feed.command(name="add", description="Follow a feed (Manage Server)")
    @app_commands.describe(
        url="The feed's address, or a site page that advertises one",
        interval=f"Minutes between polls (default {DEFAULT_INTERVAL_MINUTES}; a followed feed keeps its own)",
    )
    @manage_server_only
    async def add(
        self,
        interaction: discord.Interaction,
        url: app_commands.Range[str, 8, 2000],
        interval: app_commands.Range[int, 5, 1440] | None = None,
    ) -> None:
        """Check and follow a feed; its first poll starts in the background."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = feeds_for(self.feeds, interaction)
        try:
            added = await feeds.add(url, interval_minutes=interval)
        except FeedError as error:
            await reply_privately(interaction, str(error))
            return
        days = self.feeds.policy.new_item_days
        await self._reply(interaction, added_message(added, new_item_days=days))
        task: asyncio.Task[object] = asyncio.create_task(feeds.poll([added.feed.id]))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @feed.command(name="list", description="The feeds this bot follows")
    async def list_feeds(self, interaction: discord.Interaction) -> None:
        """List followed feeds, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = await feeds_for(self.feeds, interaction).list()
        await self._send_feeds(interaction, feeds, title="Followed feeds", health=False)

    @feed.command(name="status", description="Feed health: polls, failures, last error")
    @app_commands.describe(feed="A feed id or address (default: all)")
    async def status(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000] | None = None
    ) -> None:
        """Show each feed's health, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        scoped = feeds_for(self.feeds, interaction)
        try:
            feeds = [await scoped.find(parse_feed_key(feed))] if feed else await scoped.list()
        except FeedError as error:
            await reply_privately(interaction, str(error))
            return
        await self._send_feeds(interaction, feeds, title="Feed status", health=True)

    @feed.command(name="remove", description="Stop following a feed (Manage Server)")
    @app_commands.describe(feed="The feed id (see /feed list) or address")
    @manage_server_only
    async def remove(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Stop following a feed; its articles stay."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            removed = await feeds_for(self.feeds, interaction).remove(parse_feed_key(feed))
        except FeedError as error:
            await reply_privately(interaction, str(error))
            return
        await self._reply(interaction, removed_message(removed))

    @feed.command(name="resume", description="Re-enable a paused feed (Manage Server)")
    @app_commands.describe(feed="The feed id (see /feed status) or address")
    @manage_server_only
    async def resume(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        """Lift a pause; the feed is polled on the next pass."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            resumed = await feeds_for(self.feeds, interaction).resume(parse_feed_key(feed))
        except FeedError as error:
            await reply_privately(interaction, str(error))
            return
        await self._reply(interaction, resumed_message(resumed))

    @app_commands.command(name="ingest", description="Add one article by its link (Manage Server)")
    @app_commands.describe(url="The article's web address")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @manage_server_only
    async def ingest(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 8, 2000]
    ) -> None:
        """Fetch an article page and store it (Manage Server, so a removed one comes back)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await feeds_for(self.feeds, interaction).ingest_url(url, restore_removed=True)
        await self._reply(interaction, ingest_message(report))

    async def _send_feeds(
        self, interaction: discord.Interaction, feeds: Sequence[Feed], *, title: str, health: bool
    ) -> None:
        if not feeds:
            await reply_privately(interaction, NO_FEEDS)
            return
        pages = render_feeds(feeds, title=title, health=health)
        await send_private_pages(interaction, pages, page_timeout=self.page_timeout)
