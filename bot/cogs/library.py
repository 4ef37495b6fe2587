"""Slash commands about the store and the bot: /sources list|remove, /stories and /help."""

from __future__ import annotations

from datetime import timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.pages import NO_MENTIONS, send_private_pages
from bot.cogs.permissions import manage_server_only
from bot.cogs.scoping import briefings_for
from bot.core.removals import discord_remover
from bot.render.embed_library import CommandHelp, render_help, render_sources
from bot.render.embed_stories import render_stories
from bot.render.removal_text import removal_message
from bot.service import Briefings
from bot.service.removal import Removals
from bot.store.date_keys import ID_MASK

SOURCES_LIMIT = 50
# The largest id the store's date keys can hold.
MAX_ARTICLE_ID = ID_MASK
MANAGE_SERVER = "Manage Server"
HELP = (
    CommandHelp(
        "/brief topic [days] [source]",
        "A cited brief on a topic: TL;DR, what changed, why it matters, voices, what to do next, "
        "who should care, and numbered sources. Long briefs turn with Previous/Next.",
        (
            "/brief topic:chips",
            "/brief topic:export controls days:30",
            "/brief topic:ai source:Reuters",
        ),
    ),
    CommandHelp(
        "/timeline topic [from] [to] [upcoming]",
        "Dated events the stored articles mention on a topic, oldest first, with a PNG chart; "
        "dates may be a year, a month or a day.",
        (
            "/timeline topic:chips",
            "/timeline topic:chips from:2022 to:2023-06",
            "/timeline topic:export controls upcoming:True",
        ),
    ),
    CommandHelp(
        "/article id",
        "The brief of one stored article, by the id /sources list shows.",
        ("/article id:3",),
    ),
    CommandHelp(
        "/sources list|remove",
        "What is stored, newest first, with ids, publishers and dates; only you see the list. "
        "/sources remove takes a wrong article out for good.",
        ("/sources list", "/sources list topic:lithography", "/sources remove id:3"),
        who="list: everyone · remove: Manage Server",
    ),
    CommandHelp(
        "/stories [days]",
        "The stories of the last days: the same event from several outlets is one entry, "
        "listing every outlet.",
        ("/stories", "/stories days:30"),
    ),
    CommandHelp(
        "/ingest url",
        "Add one article by its link (the page's main text, title, author and date).",
        ("/ingest url:https://example.com/news/chips-export-rules",),
        who=MANAGE_SERVER,
    ),
    CommandHelp(
        "/feed add|list|status|remove|resume",
        "Follow RSS/Atom feeds; the bot polls them and shows their health.",
        ("/feed add url:https://example.com/rss interval:60", "/feed status"),
        who="list, status: everyone · add, remove, resume: Manage Server",
    ),
    CommandHelp(
        "/digest channel|schedule|off|now|preview|status",
        "The weekly recap of top stories, what changed and what is coming up, posted once a week "
        "to a channel.",
        (
            "/digest channel channel:#news",
            "/digest schedule day:fri time:16:00 timezone:Europe/Paris",
            "/digest preview",
        ),
        who=MANAGE_SERVER,
    ),
    CommandHelp("/help", "This list.", ("/help",)),
)


class LibraryCommands(commands.Cog):
    """/sources list|remove and /help: what is stored, taking wrong articles out, how to ask."""

    # Discord sets default permissions on top-level commands only, and members must keep
    # /sources list: /sources remove checks Manage Server itself.
    sources = app_commands.Group(
        name="sources", description="What is stored; remove wrong articles"
    )

    def __init__(self, service: Briefings, *, page_timeout: float) -> None:
        self.service = service
        self.page_timeout = page_timeout

    @app_commands.command(name="stories", description="Current stories, each with all its outlets")
    @app_commands.describe(days="Only stories with an article from the last N days (default 7)")
    async def list_stories(
        self, interaction: discord.Interaction, days: app_commands.Range[int, 1, 3650] = 7
    ) -> None:
        """List the stories active in the last ``days`` days, newest activity first, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        since_at = self.service.clock() - timedelta(days=days)
        service = briefings_for(self.service, interaction)
        found = await service.stories.current(since_at=since_at, limit=SOURCES_LIMIT)
        pages = render_stories(found, since_at=since_at)
        await send_private_pages(interaction, pages, page_timeout=self.page_timeout)

    @sources.command(name="list", description="What is stored, newest first")
    @app_commands.describe(topic="Only articles matching these words")
    async def list_sources(
        self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        """List stored articles (matching the topic when given), newest first, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        service = briefings_for(self.service, interaction)
        if topic:
            hits = await service.search(topic, limit=SOURCES_LIMIT)
            articles = sorted((hit.article for hit in hits), key=lambda a: a.dated_at, reverse=True)
        else:
            articles = await service.list_articles(limit=SOURCES_LIMIT)
        pages = render_sources(articles, topic=topic)
        await send_private_pages(interaction, pages, page_timeout=self.page_timeout)

    @sources.command(
        name="remove", description="Take a wrong article out of the store (Manage Server)"
    )
    @app_commands.describe(id="The article's id, as /sources list shows it")
    @app_commands.guild_only()
    @manage_server_only
    async def remove(
        self,
        interaction: discord.Interaction,
        id: app_commands.Range[int, 1, MAX_ARTICLE_ID],
    ) -> None:
        """Remove one article from search, briefs, timelines, stories and digests, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        service = briefings_for(self.service, interaction)
        removals = Removals(service.store, clock=service.clock)
        report = await removals.remove([id], removed_by=discord_remover(interaction.user.id))
        # Already escaped and cut to size by the renderer.
        await interaction.followup.send(
            removal_message(report), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    @app_commands.command(name="help", description="What each briefbot command does, with examples")
    async def help(self, interaction: discord.Interaction) -> None:
        """Show every command with examples, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        await send_private_pages(interaction, render_help(HELP), page_timeout=self.page_timeout)
