"""Held requests: a route that keeps the bot waiting until the test lets it go, to catch a process
mid-request (and kill it there) without sleeping.

``hold(pattern)`` holds the next matching request before the route runs: once released, a request
whose client has gone (killed meanwhile) is dropped and never takes effect, as when a connection
dies before Discord read the request. With ``after_delivery`` the route runs first (the message
is created) and only the answer is held, as when Discord created a message and the answer was lost.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(slots=True)
class Hold:
    """One held route: ``arrived`` is set when a request is held, ``release()`` lets it go on."""

    pattern: re.Pattern[str]
    after_delivery: bool = False
    remaining: int = 1
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)
    held: list[str] = field(default_factory=list)

    def matches(self, request_line: str, *, after_delivery: bool) -> bool:
        """Whether this hold still applies to ``"METHOD /path"`` at this point of the request."""
        return (
            self.remaining > 0
            and self.after_delivery is after_delivery
            and self.pattern.search(request_line) is not None
        )

    async def wait_arrived(self, within: float = 10.0) -> None:
        """Wait until a request is held here."""
        async with asyncio.timeout(within):
            await self.arrived.wait()

    def release(self) -> None:
        """Let every request held here go on."""
        self.released.set()


async def wait_if_held(holds: list[Hold], request_line: str, *, after_delivery: bool) -> bool:
    """Keep the request until its hold is released; whether it was held."""
    hold = next((h for h in holds if h.matches(request_line, after_delivery=after_delivery)), None)
    if hold is None:
        return False
    hold.remaining -= 1
    hold.held.append(request_line)
    hold.arrived.set()
    await hold.released.wait()
    return True


async def client_gone(request: web.Request, *, within: float = 2.0) -> bool:
    """Whether the connection that sent ``request`` closed (its process was killed).

    The loss reaches the server a moment after the kill: it is looked for a short while.
    """
    loop = asyncio.get_running_loop()
    deadline_at = loop.time() + within
    while loop.time() < deadline_at:
        transport = request.transport
        if transport is None or transport.is_closing():
            return True
        await asyncio.sleep(0.02)
    return False
