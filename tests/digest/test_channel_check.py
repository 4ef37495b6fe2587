"""/digest channel checks briefbot's permissions there at once; digest notices keep their lines
and name channels as mentions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.service import Briefings
from bot.store import ArticleStore
from tests.bot.conftest import bot_settings
from tests.conftest import SEEDS_DIR
from tests.digest.conftest import Clock
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import (
    EMBED_LINKS,
    READ_MESSAGE_HISTORY,
    VIEW_CHANNEL,
    FakeChannel,
    FakeOverwrite,
)


def _add_channel(double: DiscordDouble, name: str, deny: int) -> FakeChannel:
    guild = double.guild
    channel = FakeChannel(
        double.hub.world.ids.next_id(),
        guild.id,
        name,
        position=len(guild.channels),
        overwrites=[FakeOverwrite(double.bot_user.id, 1, deny=deny)],
    )
    guild.channels.append(channel)
    return channel


@pytest.fixture
async def channels(discord_double: DiscordDouble) -> dict[str, FakeChannel]:
    """Channels where the bot lacks some permission (added before the bot connects)."""
    return {
        "hidden": _add_channel(discord_double, "hidden", VIEW_CHANNEL),
        "plain": _add_channel(discord_double, "plain", EMBED_LINKS),
        "no-history": _add_channel(discord_double, "no-history", READ_MESSAGE_HISTORY),
    }


@pytest.fixture
async def checking_bot(
    discord_double: DiscordDouble,
    channels: dict[str, FakeChannel],
    store: ArticleStore,
    clock: Clock,
    tmp_path: Path,
) -> AsyncIterator[BriefBot]:
    """BriefBot connected after the extra channels exist."""
    service = Briefings(store, seeds_dir=SEEDS_DIR, clock=clock)
    bot = BriefBot(service, bot_settings(discord_double, tmp_path), page_timeout=30.0)
    async with connected(bot, discord_double):
        yield bot


async def _ask(double: DiscordDouble, name: str, options: dict[str, object] | None = None) -> str:
    answer = await (await double.invoke(name, options or {})).final_message()
    assert answer.ephemeral
    return answer.content


async def test_a_channel_the_bot_cannot_post_in_is_refused_at_once_naming_what_is_missing(
    discord_double: DiscordDouble, checking_bot: BriefBot, channels: dict[str, FakeChannel]
) -> None:
    forbidden = discord_double.forbidden_channel
    refused = await _ask(discord_double, "digest channel", {"channel": forbidden})
    # Discord drops Embed Links where Send Messages is denied; discord.py computes the same.
    assert refused.startswith(
        f"The digest cannot go to <#{forbidden.id}>: briefbot lacks Send Messages and Embed "
        "Links there. Grant them to briefbot"
    )
    assert "nothing was changed" in refused
    hidden = await _ask(discord_double, "digest channel", {"channel": channels["hidden"]})
    # Without View Channel nothing else applies either, as on Discord.
    assert "lacks View Channel, Send Messages and Embed Links there" in hidden
    plain = await _ask(discord_double, "digest channel", {"channel": channels["plain"]})
    assert "lacks Embed Links there. Grant it to briefbot" in plain
    status = await checking_bot.digests.status(discord_double.guild.id)
    assert not status.configured


async def test_a_channel_without_history_is_accepted_with_a_note_on_its_own_line(
    discord_double: DiscordDouble, checking_bot: BriefBot, channels: dict[str, FakeChannel]
) -> None:
    target = channels["no-history"]
    chosen = await _ask(discord_double, "digest channel", {"channel": target})
    first, note = chosen.split("\n")
    assert first.startswith(f"The weekly digest goes to <#{target.id}>, every Mon at 09:00")
    assert note.startswith(f"Note: without Read Message History in <#{target.id}>")
    settings = await checking_bot.digests.settings_for(discord_double.guild.id)
    assert settings.channel_id == target.id


async def test_digest_status_keeps_one_line_per_item(
    discord_double: DiscordDouble, checking_bot: BriefBot
) -> None:
    await _ask(discord_double, "digest channel", {"channel": discord_double.channel})
    await _ask(discord_double, "digest now")
    lines = (await _ask(discord_double, "digest status")).split("\n")
    channel = discord_double.channel.id
    assert lines[0].startswith(f"Digest: on · <#{channel}> · every Mon at 09:00 (UTC)")
    assert lines[1] == "Next run: 2026-06-08 09:00 UTC."
    assert lines[2] == "Last attempts:"
    assert lines[3] == "- 2026-06-01 09:00 UTC, now for 2026-W23: posted"
    assert len(lines) == 4
