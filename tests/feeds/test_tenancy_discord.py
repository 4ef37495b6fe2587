"""Two servers on one bot through the Discord double: feeds, articles and answers stay apart."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.core.models import ArticleDraft, DatePrecision
from bot.core.scope import Scope
from bot.service import Briefings
from bot.service.feeds import Feeds
from bot.settings import Settings
from tests.discord_double.guilds import ExtraGuild, add_guild
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble
from tests.feeds.conftest import NOW_AT, SettableClock, local_policy
from tests.feeds.site import Site, article_page, rss, story

SCOOP = story("scoop", "Lithography scoop for server A", NOW_AT - timedelta(hours=2))
WIRE = story("wire", "Wafer wire story for server A", NOW_AT - timedelta(hours=3))


@pytest.fixture
def second(discord_double: DiscordDouble) -> ExtraGuild:
    """Server B, beside the double's standard server A."""
    return add_guild(discord_double, "Rivals")


@pytest.fixture
async def two_server_bot(
    discord_double: DiscordDouble,
    second: ExtraGuild,
    briefings: Briefings,
    clock: SettableClock,
    tmp_path: Path,
) -> AsyncIterator[BriefBot]:
    """The bot in both servers, its commands synced globally so both servers have them."""
    library = briefings.for_scope(Scope.library())
    await library.ingest_drafts(
        [
            ArticleDraft(
                title="Shared library chip note",
                body="Chip export controls widen this week, officials said on Monday.",
                publisher="Library Wire",
                url="https://library.example/chip-note",
                published_at=NOW_AT - timedelta(days=1),
                published_precision=DatePrecision.DAY,
            )
        ]
    )
    feeds = Feeds(briefings, policy=local_policy(), clock=clock, rng=random.Random(3))
    settings = Settings(
        discord_token=discord_double.token,
        dev_guild_id=None,
        database_path=tmp_path / "briefbot.db",
        seeds_dir=tmp_path / "no-seeds",
    )
    bot = BriefBot(briefings, settings, feeds=feeds)
    async with connected(bot, discord_double):
        await discord_double.wait_for_commands()
        yield bot


async def _text(
    double: DiscordDouble, command: str, options: dict[str, object], where: ExtraGuild | None = None
) -> str:
    """The visible answer to a command run by the manager of server A, or of ``where``."""
    if where is None:
        handle = await double.invoke(command, options)
    else:
        handle = await double.invoke(
            command, options, guild=where.guild, channel=where.channel, user=where.admin
        )
    return (await handle.final_message()).visible_text()


async def _offered(double: DiscordDouble, typed: str, where: ExtraGuild | None = None) -> list[str]:
    """The /brief topic choices offered for ``typed`` in server A, or in ``where``."""
    if where is None:
        handle = await double.autocomplete("brief", {"topic": typed}, focused="topic")
    else:
        handle = await double.autocomplete(
            "brief",
            {"topic": typed},
            focused="topic",
            guild=where.guild,
            channel=where.channel,
            user=where.admin,
        )
    return [str(choice["value"]) for choice in await handle.choices()]


async def test_each_server_sees_its_own_feeds_and_articles(
    discord_double: DiscordDouble,
    second: ExtraGuild,
    two_server_bot: BriefBot,
    site: Site,
    briefings: Briefings,
) -> None:
    for item in (SCOOP, WIRE):
        site.serve(f"/news/{item.slug}", article_page(item))
    site.serve("/rss.xml", rss(site.base, [WIRE]), content_type="application/rss+xml")

    added = await _text(discord_double, "ingest", {"url": site.url("/news/scoop")})
    assert "Added article" in added
    await _text(discord_double, "feed add", {"url": site.url("/rss.xml")})
    await two_server_bot.feed_commands.wait_background()

    # A sees its scoop and its feed; B sees neither, only the shared library (the seeds).
    assert "Lithography scoop for server A" in await _text(discord_double, "sources list", {})
    listed_b = await _text(discord_double, "sources list", {}, second)
    assert "server A" not in listed_b
    assert "Shared library chip note" in listed_b
    assert "No feeds" in await _text(discord_double, "feed list", {}, second)
    refused = await _text(discord_double, "feed remove", {"feed": "1"}, second)
    assert "No followed feed" in refused
    assert "Test Wire" in await _text(discord_double, "feed list", {})  # A keeps its feed

    scoop_id = next(a.id for a in await briefings.list_articles() if "scoop" in a.title)
    unknown = await _text(discord_double, "article", {"id": scoop_id}, second)
    assert f"No stored article has id {scoop_id}" in unknown
    assert "Lithography scoop" in await _text(discord_double, "article", {"id": scoop_id})

    brief_a = await _text(discord_double, "brief", {"topic": "lithography"})
    assert "Lithography scoop for server A" in brief_a
    brief_b = await _text(discord_double, "brief", {"topic": "lithography"}, second)
    assert "server A" not in brief_b
    timeline_b = await _text(discord_double, "timeline", {"topic": "lithography"}, second)
    assert "server A" not in timeline_b
    stories_b = await _text(discord_double, "stories", {"days": 30}, second)
    assert "server A" not in stories_b
    assert "server A" in await _text(discord_double, "stories", {"days": 30})

    assert "wafer" in await _offered(discord_double, "wafer")
    assert await _offered(discord_double, "wafer", second) == []
    assert all(
        "scoop" not in value for value in await _offered(discord_double, "lithograph", second)
    )
