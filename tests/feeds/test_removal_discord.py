"""/ingest of a removed article through the Discord double: only a manager brings it back."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.service import Briefings
from bot.service.feeds import Feeds
from tests.bot.conftest import bot_settings
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble
from tests.feeds.conftest import NOW_AT, SettableClock, local_policy
from tests.feeds.site import Site, article_page, story

FAB = story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(hours=3))


@pytest.fixture
async def feed_bot(
    discord_double: DiscordDouble, briefings: Briefings, clock: SettableClock, tmp_path: Path
) -> AsyncIterator[BriefBot]:
    """The bot with feed commands, logged in to the double."""
    feeds = Feeds(briefings, policy=local_policy(), clock=clock, rng=random.Random(3))
    bot = BriefBot(briefings, bot_settings(discord_double, tmp_path), feeds=feeds)
    async with connected(bot, discord_double):
        yield bot


async def test_a_manager_ingests_a_removed_article_again(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site, briefings: Briefings
) -> None:
    site.serve("/news/fab", article_page(FAB))
    link = {"url": site.url("/news/fab")}
    await (await discord_double.invoke("ingest", link)).final_message()
    removed = await (await discord_double.invoke("sources remove", {"id": 1})).final_message()
    assert "Removed article `1`" in removed.visible_text()
    assert await briefings.store.count_articles() == 0

    restored = await (await discord_double.invoke("ingest", link)).final_message()
    text = restored.visible_text()
    assert "Added article `2`: Chipmaker opens new fab in Ohio" in text
    assert "Stored again:" in text
    assert await briefings.store.count_articles() == 1
    assert await briefings.store.list_tombstones() == []
