"""/feed and /ingest through the Discord double, against the local news site."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.client import BriefBot
from bot.cogs.feeds import POLL_JOB_ID, schedule_feed_polling
from bot.core.scope import Scope
from bot.render.embeds import EmbedCard, page_problems
from bot.service import Briefings
from bot.service.feeds import Feeds
from bot.store.feeds import PollFailure
from tests.bot.conftest import bot_settings
from tests.discord_double.harness import connected
from tests.discord_double.interactions import CommandUnavailableError
from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import RecordedMessage
from tests.feeds.conftest import NOW_AT, SettableClock, local_policy
from tests.feeds.site import Site, article_page, rss, story

STORIES = [story("fab", "Chipmaker opens new fab in Ohio", NOW_AT - timedelta(hours=3))]


@pytest.fixture
async def feed_bot(
    discord_double: DiscordDouble, briefings: Briefings, clock: SettableClock, tmp_path: Path
) -> AsyncIterator[BriefBot]:
    """The bot with feed commands, logged in to the double."""
    feeds = Feeds(briefings, policy=local_policy(), clock=clock, rng=random.Random(3))
    bot = BriefBot(briefings, bot_settings(discord_double, tmp_path), feeds=feeds)
    async with connected(bot, discord_double):
        yield bot


def publish(site: Site) -> str:
    """Serve a one-item feed."""
    site.serve("/news/fab", article_page(STORIES[0]))
    site.serve("/rss.xml", rss(site.base, STORIES), content_type="application/rss+xml")
    return site.url("/rss.xml")


async def test_feed_commands_are_registered(
    discord_double: DiscordDouble, feed_bot: BriefBot
) -> None:
    registered = {c["name"]: c for c in discord_double.commands(discord_double.guild)}
    assert "ingest" in registered
    subcommands = {o["name"] for o in registered["feed"]["options"]}
    assert subcommands == {"add", "list", "status", "remove", "resume"}


async def test_admin_adds_a_feed_and_everyone_sees_its_status(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site, briefings: Briefings
) -> None:
    url = publish(site)
    handle = await discord_double.invoke("feed add", {"url": url, "interval": 15})
    answer = await handle.final_message()
    assert answer.ephemeral
    assert (
        "Now following feed `1`: **Test Wire: Tech** (1 item, every 15 min)"
        in answer.visible_text()
    )
    await feed_bot.feed_commands.wait_background()
    assert await briefings.store.count_articles() == 1
    status = await (
        await discord_double.invoke("feed status", user=discord_double.member)
    ).final_message()
    text = status.visible_text()
    assert "Feed status (1)" in text
    assert "ok" in text
    assert "· 1 article" in text
    assert "1 articles" not in text
    listed = await (
        await discord_double.invoke("feed list", user=discord_double.member)
    ).final_message()
    assert url in listed.visible_text()


async def test_failing_feed_shows_its_reason(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site
) -> None:
    url = publish(site)
    await (await discord_double.invoke("feed add", {"url": url})).final_message()
    await feed_bot.feed_commands.wait_background()
    site.status("/rss.xml", 404)
    await feed_bot.feed_commands.feeds.poll()
    text = (
        await (await discord_double.invoke("feed status", {"feed": "1"})).final_message()
    ).visible_text()
    assert "failing, 1 failed polls" in text
    assert "HTTP 404" in text


async def test_members_cannot_change_feeds(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site
) -> None:
    handle = await discord_double.invoke(
        "feed add", {"url": publish(site)}, user=discord_double.member
    )
    answer = await handle.final_message()
    assert answer.ephemeral
    assert "Manage Server" in answer.visible_text()
    assert await feed_bot.feed_commands.feeds.list() == []


async def test_remove_and_bad_feed_answers(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site
) -> None:
    site.serve("/page", "<html><body><p>Hello</p></body></html>")
    refused = await (
        await discord_double.invoke("feed add", {"url": site.url("/page")})
    ).final_message()
    assert "Not added" in refused.visible_text()
    assert "web page, not a feed" in refused.visible_text()
    await (await discord_double.invoke("feed add", {"url": publish(site)})).final_message()
    await feed_bot.feed_commands.wait_background()
    removed = await (await discord_double.invoke("feed remove", {"feed": "1"})).final_message()
    assert "No longer following **Test Wire: Tech**" in removed.visible_text()
    unknown = await (await discord_double.invoke("feed remove", {"feed": "1"})).final_message()
    assert "No followed feed" in unknown.visible_text()
    empty = await (await discord_double.invoke("feed list")).final_message()
    assert "No feeds are followed yet" in empty.visible_text()


async def test_ingest_by_link(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site, briefings: Briefings
) -> None:
    site.serve("/news/fab", article_page(STORIES[0]))
    site.status("/gone", 404)
    added = await (
        await discord_double.invoke("ingest", {"url": site.url("/news/fab")})
    ).final_message()
    assert added.ephemeral
    assert "Added article `1`: Chipmaker opens new fab in Ohio" in added.visible_text()
    again = await (
        await discord_double.invoke("ingest", {"url": site.url("/news/fab")})
    ).final_message()
    assert "Already stored as article `1`" in again.visible_text()
    gone = await (await discord_double.invoke("ingest", {"url": site.url("/gone")})).final_message()
    assert "HTTP 404" in gone.visible_text()
    assert await briefings.store.count_articles() == 1


async def test_ingest_needs_manage_server_even_where_a_server_grants_it(
    discord_double: DiscordDouble, feed_bot: BriefBot, site: Site, briefings: Briefings
) -> None:
    site.serve("/news/fab", article_page(STORIES[0]))
    link = {"url": site.url("/news/fab")}
    with pytest.raises(CommandUnavailableError, match="lacks the permissions of /ingest"):
        await discord_double.invoke("ingest", link, user=discord_double.member)
    refused = await (
        await discord_double.invoke(
            "ingest", link, user=discord_double.member, permission_override=True
        )
    ).final_message()
    assert refused.ephemeral
    assert refused.visible_text().startswith(
        "Only members with the Manage Server permission can use /ingest."
    )
    assert await briefings.store.count_articles() == 0
    assert site.count("/news/fab") == 0


async def test_polling_job_runs_on_the_scheduler(
    briefings: Briefings, site: Site, clock: SettableClock
) -> None:
    feeds = Feeds(briefings, policy=local_policy(), clock=clock)
    await feeds.add(publish(site))
    scheduler = AsyncIOScheduler(timezone="UTC")
    schedule_feed_polling(scheduler, feeds, every_seconds=60)
    job = scheduler.get_job(POLL_JOB_ID)
    assert job.max_instances == 1
    assert job.coalesce
    summary = await job.func(*job.args)  # what the scheduler awaits each minute
    assert summary.added == 1
    assert (await job.func(*job.args)).results == ()  # nothing due a moment later


def buttons(message: RecordedMessage) -> dict[str, bool]:
    """Each button's custom_id and whether it is disabled."""
    return {
        str(button["custom_id"]): bool(button.get("disabled"))
        for row in message.components
        for button in row.get("components", [])
    }


async def page_texts(double: DiscordDouble, message: RecordedMessage) -> list[str]:
    """Each page's visible text, turning with the pager; every page is checked against limits."""
    texts = []
    while True:
        assert message.ephemeral
        assert page_problems([as_card(embed) for embed in message.embeds]) == []
        texts.append(message.visible_text())  # the message is edited in place on each turn
        if buttons(message).get("pager:next", True):
            return texts
        message = await (await double.click(message, "pager:next")).final_message()


def as_card(embed: dict[str, object]) -> EmbedCard:
    """The parts of a sent embed that count towards Discord's limits, as an ``EmbedCard``."""
    footer = embed.get("footer")
    return EmbedCard(
        title=str(embed.get("title", "")),
        description=str(embed.get("description", "")),
        footer=str(footer.get("text", "")) if isinstance(footer, dict) else "",
    )


async def test_a_long_feed_list_pages_within_discord_limits(
    discord_double: DiscordDouble, feed_bot: BriefBot, briefings: Briefings
) -> None:
    # The server's own feeds: /feed list and /feed status show those.
    store = briefings.store.scoped(Scope.server(discord_double.guild.id))
    wordy = " ".join(f"*word{n}* [/b] @everyone" for n in range(40))
    for number in range(1, 121):
        feed, _ = await store.add_feed(
            f"https://news{number}.example.com/rss.xml",
            title=f"Wire {number} {wordy}",
            interval_minutes=30,
            added_at=NOW_AT,
        )
        failure = PollFailure(NOW_AT, NOW_AT, 1, False, f"HTTP 500 {wordy} {wordy}", "http")
        await store.record_feed_failure(feed.id, failure)
    for command in ("feed status", "feed list"):
        first = await (await discord_double.invoke(command)).final_message()
        pages = await page_texts(discord_double, first)
        assert len(pages) > 1
        text = "\n".join(pages)
        assert all(f"`{number}` **Wire {number} " in text for number in range(1, 121))
        assert "@everyone" not in text  # defused with a zero-width space
        assert "…" in text  # titles and errors cut at a word boundary
