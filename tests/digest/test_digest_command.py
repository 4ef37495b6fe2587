"""/digest end to end through the Discord double: post, repeat, forbidden channel, refusals, limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.client import BriefBot
from bot.core.digest import build_digest
from bot.core.models import ArticleDraft
from bot.render.digest_embeds import render_digest, render_digest_message
from bot.render.embeds import page_problems
from bot.service.digests import Trigger
from bot.store import ArticleStore
from tests.digest.conftest import MONDAY_AT, draft
from tests.discord_double.interactions import CommandUnavailableError
from tests.discord_double.server import DiscordDouble


async def _ask(double: DiscordDouble, name: str, options: dict[str, object] | None = None) -> str:
    answer = await (await double.invoke(name, options or {})).final_message()
    assert answer.ephemeral
    return answer.visible_text()


async def test_digest_now_posts_once_in_the_chosen_channel(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    [command] = [c for c in discord_double.commands(discord_double.guild) if c["name"] == "digest"]
    assert str(command["default_member_permissions"]) == "32"  # Manage Server
    chosen = await _ask(discord_double, "digest channel", {"channel": discord_double.channel})
    assert f"goes to <#{discord_double.channel.id}>," in chosen
    assert "Mon at 09:00 (UTC)" in chosen
    done = await _ask(discord_double, "digest now")
    assert done.startswith("Posted the digest for 2026-W23")
    [posted] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    text = posted.visible_text()
    assert "Weekly digest · 2026-05-25 – 2026-06-01" in text
    assert "Taiwan chipmakers" in text
    assert all(outlet in text for outlet in ("Reuters", "Nikkei", "Taipei Times"))
    assert "Coming up" in text
    assert posted.allowed_mentions == {"parse": []}
    again = await _ask(discord_double, "digest now")
    assert "already posted" in again
    assert len(discord_double.messages(discord_double.channel, include_ephemeral=False)) == 1
    status = await _ask(discord_double, "digest status")
    assert "now for 2026-W23: posted" in status
    assert "Next run: 2026-06-08 09:00 UTC." in status


async def test_forbidden_channel_is_recorded_and_shown_in_status(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    # The channel was fine when chosen; its permissions changed afterwards.
    guild_id, channel_id = discord_double.guild.id, discord_double.forbidden_channel.id
    await digest_bot.digests.configure_channel(guild_id, channel_id)
    failed = await _ask(discord_double, "digest now")
    assert failed.startswith("Could not post the digest: missing permission")
    status = await _ask(discord_double, "digest status")
    assert f"failed (missing permission to post in <#{channel_id}>)" in status
    assert discord_double.messages(discord_double.forbidden_channel) == []


async def test_members_without_manage_server_are_refused(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    with pytest.raises(CommandUnavailableError):
        await discord_double.invoke("digest now", user=discord_double.member)
    handle = await discord_double.invoke(
        "digest off", user=discord_double.member, permission_override=True
    )
    answer = await handle.final_message()
    assert answer.ephemeral
    assert "Manage Server" in answer.visible_text()
    status = await digest_bot.digests.status(discord_double.guild.id)
    assert not status.configured  # the refused command changed nothing


async def test_schedule_explains_bad_input_and_applies_good_input_live(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    bad_zone = await _ask(discord_double, "digest schedule", {"timezone": "Mars/Olympus"})
    assert "'Mars/Olympus' is not a known IANA time zone" in bad_zone
    bad_time = await _ask(discord_double, "digest schedule", {"time": "25:00"})
    assert "'25:00' is not a time of day in HH:MM form" in bad_time
    await _ask(discord_double, "digest channel", {"channel": discord_double.channel})
    good = await _ask(
        discord_double,
        "digest schedule",
        {"day": "fri", "time": "17:30", "timezone": "Europe/Paris", "quiet_weeks": "skip"},
    )
    assert "every Fri at 17:30 (Europe/Paris); quiet weeks get no post" in good
    next_at = digest_bot.digest_scheduler.next_run_at(discord_double.guild.id)
    assert next_at is not None
    assert (next_at.weekday(), next_at.hour, next_at.minute) == (4, 17, 30)
    off = await _ask(discord_double, "digest off")
    assert "off" in off
    assert digest_bot.digest_scheduler.next_run_at(discord_double.guild.id) is None


async def test_preview_is_private_and_pages_a_long_digest(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    text = await _ask(discord_double, "digest preview")
    assert "Taiwan chipmakers" in text
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []


def _long_stories(count: int) -> list[ArticleDraft]:
    words = [
        "lorem",
        "ipsum",
        "dolor",
        "sit",
        "amet",
        "consectetur",
        "adipiscing",
        "elit",
        "sed",
        "do",
        "eiusmod",
    ]
    drafts = []
    for n in range(count):
        body = " ".join(f"{words[i % len(words)]}{n}x{i}" for i in range(120)) + "."
        sentences = " ".join([body] * 3)
        drafts.append(
            draft(
                " ".join(f"headline{n}word{i}" for i in range(14)),
                sentences,
                f"Outlet {n}",
                MONDAY_AT - timedelta(days=2, hours=n),
            )
        )
    return drafts


async def test_a_long_digest_stays_within_embed_limits_when_posted(
    discord_double: DiscordDouble, digest_bot: BriefBot, store: ArticleStore
) -> None:
    await store.add_articles(_long_stories(12), ingested_at=MONDAY_AT)
    digest = await digest_bot.digests.build(discord_double.guild.id)
    assert len(digest.stories) == 8
    message = render_digest_message(digest, period="2026-W23")
    assert page_problems(message) == []
    assert message[-1].footer == "briefbot weekly digest · 2026-W23"
    assert all(page_problems(page) == [] for page in render_digest(digest))
    await digest_bot.digests.configure_channel(discord_double.guild.id, discord_double.channel.id)
    result = await digest_bot.digests.post(
        discord_double.guild.id, digest_bot.digest_poster, trigger=Trigger.NOW
    )
    assert result.outcome.value == "posted"
    [posted] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert "more stories: see /digest preview" in posted.visible_text()
    assert posted.embeds[-1]["footer"]["text"] == "briefbot weekly digest · 2026-W23"
    quiet = build_digest([], period_start_at=MONDAY_AT, period_end_at=MONDAY_AT, now_at=MONDAY_AT)
    assert page_problems(render_digest_message(quiet)) == []


async def test_discord_server_errors_and_rate_limits_are_retryable_or_retried(
    discord_double: DiscordDouble, digest_bot: BriefBot
) -> None:
    guild_id = discord_double.guild.id
    await digest_bot.digests.configure_channel(guild_id, discord_double.channel.id)
    discord_double.inject_status(r"^POST /channels/\d+/messages", 503)
    failed = await digest_bot.digest_scheduler.run(guild_id, MONDAY_AT, Trigger.SCHEDULE)
    assert failed is not None
    assert failed.outcome.value == "failed"
    assert failed.retryable
    assert digest_bot.digest_scheduler.pending_retry_at(guild_id) is not None
    discord_double.inject_rate_limit(r"^POST /channels/\d+/messages", retry_after=0.05)
    retried = await digest_bot.digest_scheduler.run(guild_id, MONDAY_AT, Trigger.RETRY, 1)
    assert retried is not None
    assert retried.outcome.value == "posted"
    assert len(discord_double.messages(discord_double.channel, include_ephemeral=False)) == 1
