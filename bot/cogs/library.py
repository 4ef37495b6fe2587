"""Slash commands about the store and the bot: /sources and /help."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.pages import send_private_pages
from bot.render.embed_library import CommandHelp, render_help, render_sources
from bot.service import Briefings

SOURCES_LIMIT = 50
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
        "The brief of one stored article, by the id /sources shows.",
        ("/article id:3",),
    ),
    CommandHelp(
        "/sources [topic]",
        "What is stored, newest first, with ids, publishers and dates; only you see the list.",
        ("/sources", "/sources topic:lithography"),
    ),
    CommandHelp(
        "/ingest url",
        "Add one article by its link (the page's main text, title, author and date).",
        ("/ingest url:https://example.com/news/chips-export-rules",),
    ),
    CommandHelp(
        "/feed add|list|status|remove|resume",
        "Follow RSS/Atom feeds; the bot polls them and shows their health. Changes need Manage "
        "Server.",
        ("/feed add url:https://example.com/rss interval:60", "/feed status"),
    ),
    CommandHelp(
        "/digest channel|schedule|off|now|preview|status",
        "The weekly recap of top stories, what changed and what is coming up, posted once a week "
        "to a channel. Changes need Manage Server.",
        (
            "/digest channel channel:#news",
            "/digest schedule day:fri time:16:00 timezone:Europe/Paris",
            "/digest preview",
        ),
    ),
    CommandHelp("/help", "This list.", ("/help",)),
)


class LibraryCommands(commands.Cog):
    """/sources and /help: what is stored and how to ask for it."""

    def __init__(self, service: Briefings, *, page_timeout: float) -> None:
        self.service = service
        self.page_timeout = page_timeout

    @app_commands.command(name="sources", description="What is stored, newest first")
    @app_commands.describe(topic="Only articles matching these words")
    async def sources(
        self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        """List stored articles (matching the topic when given), newest first, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        if topic:
            hits = await self.service.search(topic, limit=SOURCES_LIMIT)
            articles = sorted((hit.article for hit in hits), key=lambda a: a.dated_at, reverse=True)
        else:
            articles = await self.service.list_articles(limit=SOURCES_LIMIT)
        pages = render_sources(articles, topic=topic)
        await send_private_pages(interaction, pages, page_timeout=self.page_timeout)

    @app_commands.command(name="help", description="What each briefbot command does, with examples")
    async def help(self, interaction: discord.Interaction) -> None:
        """Show every command with examples, privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        await send_private_pages(interaction, render_help(HELP), page_timeout=self.page_timeout)
