"""The double's after-delivery faults and nonces, driven by the real discord.py client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord
import pytest

from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble

POSTS = r"^POST /channels/\d+/messages$"


@pytest.fixture
async def client(discord_double: DiscordDouble) -> AsyncIterator[discord.Client]:
    """A plain discord.py client connected to the double."""
    bot = discord.Client(intents=discord.Intents.none())
    async with connected(bot, discord_double):
        yield bot


def _channel(client: discord.Client, double: DiscordDouble) -> discord.TextChannel:
    channel = client.get_channel(double.channel.id)
    assert isinstance(channel, discord.TextChannel)
    return channel


def _post_statuses(double: DiscordDouble) -> list[int]:
    return [r.status for r in double.requests if r.method == "POST" and "/messages" in r.path]


async def test_discord_py_repeats_a_post_answered_502_after_delivery_with_its_own_nonce(
    discord_double: DiscordDouble, client: discord.Client
) -> None:
    discord_double.inject_status_after_delivery(POSTS, 502)
    sent = await _channel(client, discord_double).send("hello")
    [shown] = discord_double.messages(discord_double.channel)
    assert sent.id == shown.id
    assert _post_statuses(discord_double) == [502, 200]  # the repeat got the first message
    [first, repeat] = [r.body for r in discord_double.requests if r.method == "POST"]
    assert isinstance(first, dict)
    assert first == repeat
    assert first["enforce_nonce"] is True


async def test_a_send_repeated_by_the_caller_with_a_fresh_nonce_posts_twice(
    discord_double: DiscordDouble, client: discord.Client
) -> None:
    discord_double.inject_status_after_delivery(POSTS, 503)
    channel = _channel(client, discord_double)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("hello")
    await channel.send("hello")  # discord.py picks a new random nonce: Discord cannot tell
    assert [m.content for m in discord_double.messages(discord_double.channel)] == ["hello"] * 2


async def test_an_enforced_nonce_returns_the_first_message_instead_of_a_second(
    discord_double: DiscordDouble, client: discord.Client
) -> None:
    discord_double.inject_status_after_delivery(POSTS, 502)
    sent = await _channel(client, discord_double).send("hello", nonce="digest-2026-W23")
    [shown] = discord_double.messages(discord_double.channel)
    assert sent.id == shown.id
    assert _post_statuses(discord_double) == [502, 200]
    again = await _channel(client, discord_double).send("hello", nonce="digest-2026-W23")
    assert again.id == shown.id
    other = await _channel(client, discord_double).send("hello", nonce="digest-2026-W24")
    assert [m.id for m in discord_double.messages(discord_double.channel)] == [shown.id, other.id]
