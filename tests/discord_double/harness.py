"""Pointing the real, unmodified discord.py at a double, and running a client against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.discord_double.server import DiscordDouble


@contextlib.contextmanager
def pointed_at(double: DiscordDouble) -> Iterator[None]:
    """Set ``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` to the double, then restore."""
    previous_base = Route.BASE
    previous_gateway = DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = double.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(double.gateway_url)
    try:
        yield
    finally:
        Route.BASE = previous_base
        DiscordWebSocket.DEFAULT_GATEWAY = previous_gateway


@contextlib.asynccontextmanager
async def connected(
    client: discord.Client,
    double: DiscordDouble,
    *,
    wait_ready: bool = False,
    shard_id: int | None = None,
) -> AsyncIterator[discord.Client]:
    """Log ``client`` in, connect it to the double's gateway, and close it cleanly afterwards.

    Yields once the double has sent READY and every GUILD_CREATE (the client's own ``on_ready``
    waits ``guild_ready_timeout`` longer; pass ``wait_ready=True`` to wait for it too). A client
    running one shard of several passes ``shard_id``: READY on that shard is what counts.
    """
    with pointed_at(double):
        runner: asyncio.Task[None] | None = None
        try:
            await client.login(double.token)
            runner = asyncio.create_task(client.connect(reconnect=True), name="discord-client")
            ready = asyncio.create_task(
                double.wait_ready()
                if shard_id is None
                else double.gateway.wait_shard_ready(shard_id)
            )
            await asyncio.wait({ready, runner}, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                runner.result()
            await ready
            if wait_ready:
                await asyncio.wait_for(client.wait_until_ready(), timeout=10.0)
            yield client
        finally:
            await client.close()
            if runner is not None:
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.wait_for(runner, timeout=5.0)
