"""Slash commands for briefs: /brief on a topic and /article for one stored article."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.choices import source_choices, topic_choices
from bot.cogs.page_keys import PageKey, option
from bot.cogs.pager import PageBuilder
from bot.cogs.pages import BLANK_TOPIC, publish_pages, reply_privately
from bot.cogs.scoping import briefings_for
from bot.core.brief import TopicNotFound
from bot.render.embed_brief import render_brief
from bot.render.embed_library import topic_not_found_text
from bot.render.embeds import Page
from bot.service import Briefings, BriefRequest

MAX_DAYS = 3650
# Discord integer options stop at 2**53 - 1 (JavaScript safe integers).
MAX_ARTICLE_ID = 2**53 - 1


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


class BriefCommands(commands.Cog):
    """/brief and /article: cited, extractive briefs as paged embeds."""

    def __init__(self, service: Briefings, *, page_timeout: float) -> None:
        self.service = service
        self.page_timeout = page_timeout

    def page_builders(self) -> dict[str, PageBuilder]:
        """How a pager rebuilds a brief or an article's brief after a restart."""
        return {
            "brief": PageBuilder("brief", self._rebuild_brief),
            "article": PageBuilder("article", self._rebuild_article),
        }

    async def _brief_pages(
        self, interaction: discord.Interaction, request: BriefRequest
    ) -> list[Page] | TopicNotFound:
        result = await briefings_for(self.service, interaction).brief(request)
        return result if isinstance(result, TopicNotFound) else render_brief(result)

    async def _rebuild_brief(
        self, interaction: discord.Interaction, args: tuple[str, ...]
    ) -> list[Page] | None:
        topic, days, source = (*args, "", "", "")[:3]
        if not topic.strip():
            return None
        request = BriefRequest(topic=topic, days=_number(days), publisher=source or None)
        pages = await self._brief_pages(interaction, request)
        return None if isinstance(pages, TopicNotFound) else pages

    async def _rebuild_article(
        self, interaction: discord.Interaction, args: tuple[str, ...]
    ) -> list[Page] | None:
        article_id = _number(args[0]) if args else None
        service = briefings_for(self.service, interaction)
        brief = await service.article_brief(article_id) if article_id else None
        if brief is None:
            return None
        return render_brief(brief, heading=f"Article {article_id}: {brief.topic}")

    @app_commands.command(name="brief", description="A cited brief on a topic from stored articles")
    @app_commands.describe(
        topic="What the brief is about, e.g. chips or export controls",
        days="Only articles from the last N days",
        source="Only articles from this publisher",
    )
    async def brief(
        self,
        interaction: discord.Interaction,
        topic: app_commands.Range[str, 1, 100],
        days: app_commands.Range[int, 1, MAX_DAYS] | None = None,
        source: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer /brief with the brief's pages, or suggestions when the topic is unknown."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not topic.strip():
            await reply_privately(interaction, BLANK_TOPIC.format(command="brief"))
            return
        request = BriefRequest(topic=topic, days=days, publisher=source)
        pages = await self._brief_pages(interaction, request)
        if isinstance(pages, TopicNotFound):
            text = topic_not_found_text(pages, publisher=source, days=days)
            await reply_privately(interaction, text)
            return
        key = PageKey("brief", (topic, option(days), option(source)))
        note = f"Posting the brief on {topic}…"
        await publish_pages(interaction, pages, note=note, page_timeout=self.page_timeout, key=key)

    @brief.autocomplete("topic")
    async def brief_topics(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest stored topics for what has been typed so far."""
        return await topic_choices(briefings_for(self.service, interaction), current)

    @brief.autocomplete("source")
    async def brief_sources(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest stored publishers."""
        return await source_choices(briefings_for(self.service, interaction), current)

    @app_commands.command(name="article", description="The brief of one stored article, by its id")
    @app_commands.describe(id="The article's id, as /sources list shows it")
    async def article(
        self, interaction: discord.Interaction, id: app_commands.Range[int, 1, MAX_ARTICLE_ID]
    ) -> None:
        """Answer /article with that article's own brief, or say the id is unknown."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        pages = await self._rebuild_article(interaction, (str(id),))
        if pages is None:
            text = (
                f"No stored article has id {id}. /sources list shows the stored articles and ids."
            )
            await reply_privately(interaction, text)
            return
        note = f"Posting the brief of article {id}…"
        key = PageKey("article", (str(id),))
        await publish_pages(interaction, pages, note=note, page_timeout=self.page_timeout, key=key)
