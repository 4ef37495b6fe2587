"""Slash command /timeline: dated events on a topic as paged embeds with the PNG chart attached."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.choices import topic_choices
from bot.cogs.page_keys import PageKey, option
from bot.cogs.pager import PageBuilder
from bot.cogs.pages import BLANK_TOPIC, publish_pages, reply_privately
from bot.cogs.scoping import briefings_for
from bot.core.brief import TopicNotFound
from bot.core.date_bounds import DateBoundError, parse_date_bound
from bot.render.chart_fonts import FONT_ADVICE
from bot.render.embed_library import topic_not_found_text
from bot.render.embed_timeline import CHART_FILENAME, render_timeline
from bot.render.embeds import Page
from bot.render.timeline_chart import missing_glyphs, render_timeline_chart
from bot.render.timeline_view import TimelineView, view_timeline
from bot.service import Briefings, TimelineRequest

log = logging.getLogger(__name__)


def draw_chart(view: TimelineView, now_at: datetime) -> bytes:
    """The PNG chart; characters no font draws are logged, as they come out as empty boxes."""
    if missing := missing_glyphs(view):
        log.warning(
            "the /timeline chart of %r draws %d characters as empty boxes (%s…): %s",
            view.topic,
            len(missing),
            missing[:8],
            FONT_ADVICE,
        )
    return render_timeline_chart(view, now_at=now_at)


def _typed_bounds(
    from_: str | None, to: str | None
) -> tuple[datetime | None, datetime | None] | str:
    """The typed range as UTC bounds (``to`` inclusive), or the sentence saying what is wrong."""
    try:
        from_at = parse_date_bound(from_, end=False) if from_ else None
    except DateBoundError as error:
        return error.sentence("from date")
    try:
        to_at = parse_date_bound(to, end=True) if to else None
    except DateBoundError as error:
        return error.sentence("to date")
    if from_at is not None and to_at is not None and from_at >= to_at:
        return f"The from date {from_} is after the to date {to}; give the earlier date as from."
    return from_at, to_at


class TimelineCommands(commands.Cog):
    """/timeline: the dated events stored articles mention on a topic."""

    def __init__(self, service: Briefings, *, page_timeout: float) -> None:
        self.service = service
        self.page_timeout = page_timeout

    def page_builders(self) -> dict[str, PageBuilder]:
        """How a pager rebuilds a timeline's pages after a restart (the chart stays attached)."""
        return {"timeline": PageBuilder("timeline", self._rebuild)}

    async def _rebuild(
        self, interaction: discord.Interaction, args: tuple[str, ...]
    ) -> list[Page] | None:
        topic, from_, to, upcoming = (*args, "", "", "", "")[:4]
        bounds = _typed_bounds(from_ or None, to or None)
        if not topic.strip() or isinstance(bounds, str):
            return None
        request = TimelineRequest(topic, *bounds, upcoming_only=upcoming == "True")
        result = await briefings_for(self.service, interaction).timeline(request)
        return (
            None
            if isinstance(result, TopicNotFound)
            else render_timeline(view_timeline(result, topic))
        )

    @app_commands.command(name="timeline", description="Dated events on a topic, with a chart")
    @app_commands.rename(from_="from")
    @app_commands.describe(
        topic="What the timeline is about, e.g. chips",
        from_="Only events from this date: 2024, 2024-05 or 2024-05-17",
        to="Only events up to this date (inclusive): 2025, 2025-06 or 2025-06-30",
        upcoming="Only events still to come",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 100],
        from_: app_commands.Range[str, 1, 10] | None = None,
        to: app_commands.Range[str, 1, 10] | None = None,
        upcoming: bool = False,
    ) -> None:
        """Answer /timeline with paged events and the chart, or a specific private refusal."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not topic.strip():
            await reply_privately(interaction, BLANK_TOPIC.format(command="timeline"))
            return
        bounds = _typed_bounds(from_, to)
        if isinstance(bounds, str):
            await reply_privately(interaction, bounds)
            return
        from_at, to_at = bounds
        request = TimelineRequest(topic, from_at, to_at, upcoming_only=upcoming)
        result = await briefings_for(self.service, interaction).timeline(request)
        if isinstance(result, TopicNotFound):
            await reply_privately(interaction, topic_not_found_text(result))
            return
        view = view_timeline(result, topic)
        chart = await asyncio.to_thread(draw_chart, view, self.service.clock())
        await publish_pages(
            interaction,
            render_timeline(view),
            note=f"Posting the timeline of {topic}…",
            page_timeout=self.page_timeout,
            files=[discord.File(io.BytesIO(chart), filename=CHART_FILENAME)],
            key=PageKey("timeline", (topic, option(from_), option(to), str(upcoming))),
        )

    @timeline.autocomplete("topic")
    async def timeline_topics(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest stored topics for what has been typed so far."""
        return await topic_choices(briefings_for(self.service, interaction), current)
