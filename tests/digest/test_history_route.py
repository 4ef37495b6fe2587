"""The double's GET /channels/{id}/messages: newest first, anchors, permissions, validation."""

from __future__ import annotations

from typing import Any

import aiohttp

from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import READ_MESSAGE_HISTORY, VIEW_CHANNEL, FakeOverwrite


async def _get(double: DiscordDouble, channel_id: int, **query: str) -> tuple[int, Any]:
    headers = {"Authorization": f"Bot {double.token}"}
    url = f"{double.api_base}/channels/{channel_id}/messages"
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, params=query, headers=headers) as response,
    ):
        return response.status, await response.json()


async def _post(double: DiscordDouble, channel_id: int, content: str) -> int:
    headers = {"Authorization": f"Bot {double.token}"}
    url = f"{double.api_base}/channels/{channel_id}/messages"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"content": content}, headers=headers) as response,
    ):
        assert response.status == 200
        return int((await response.json())["id"])


async def test_history_is_newest_first_and_honours_limit_and_anchors(
    discord_double: DiscordDouble,
) -> None:
    channel = discord_double.channel.id
    ids = [await _post(discord_double, channel, f"message {n}") for n in range(6)]
    status, page = await _get(discord_double, channel)
    assert status == 200
    assert [int(m["id"]) for m in page] == ids[::-1]
    assert page[0]["content"] == "message 5"
    assert page[0]["author"]["id"] == str(discord_double.bot_user.id)
    _, latest = await _get(discord_double, channel, limit="2")
    assert [int(m["id"]) for m in latest] == [ids[5], ids[4]]
    _, older = await _get(discord_double, channel, limit="2", before=str(ids[3]))
    assert [int(m["id"]) for m in older] == [ids[2], ids[1]]
    _, newer = await _get(discord_double, channel, limit="2", after=str(ids[1]))
    assert [int(m["id"]) for m in newer] == [ids[3], ids[2]]
    _, around = await _get(discord_double, channel, limit="3", around=str(ids[3]))
    assert [int(m["id"]) for m in around] == [ids[4], ids[3], ids[2]]
    _, other = await _get(discord_double, discord_double.forbidden_channel.id)
    assert other == []


async def test_history_refuses_unknown_and_unreadable_channels(
    discord_double: DiscordDouble,
) -> None:
    status, body = await _get(discord_double, 424242)
    assert (status, body["code"]) == (404, 10003)
    hidden = discord_double.forbidden_channel
    hidden.overwrites.append(FakeOverwrite(discord_double.guild.id, 0, deny=VIEW_CHANNEL))
    status, body = await _get(discord_double, hidden.id)
    assert (status, body["code"]) == (403, 50001)


async def test_history_without_read_message_history_is_empty_as_on_discord(
    discord_double: DiscordDouble,
) -> None:
    channel = discord_double.channel
    await _post(discord_double, channel.id, "hello")
    channel.overwrites.append(FakeOverwrite(discord_double.guild.id, 0, deny=READ_MESSAGE_HISTORY))
    status, page = await _get(discord_double, channel.id)
    assert (status, page) == (200, [])


async def test_history_rejects_queries_discord_rejects(discord_double: DiscordDouble) -> None:
    channel = discord_double.channel.id
    for query in ({"limit": "0"}, {"limit": "101"}, {"before": "abc"}):
        status, body = await _get(discord_double, channel, **query)
        assert (status, body["code"]) == (400, 50035)
    status, _ = await _get(discord_double, channel, before="5", after="1")
    assert status == 400
    kinds = [v.kind for v in discord_double.violations]
    assert kinds == ["spec", "spec", "spec", "limit"]
    discord_double.violations.clear()
