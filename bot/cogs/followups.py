"""Follow-ups that outlast 429 bursts: retried with backoff while the interaction token lives."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

import discord

log = logging.getLogger(__name__)

T = TypeVar("T")

# Discord's interaction tokens accept follow-ups and edits for 15 minutes.
TOKEN_LIFETIME_SECONDS = 15 * 60.0
_DEADLINE_KEY = "briefbot_followups_until"
_FIRST_BACKOFF_SECONDS = 0.05
_MAX_BACKOFF_SECONDS = 30.0


def mark_received(interaction: discord.Interaction) -> None:
    """Note when the interaction arrived, so retries stop when its token expires."""
    deadline = asyncio.get_running_loop().time() + TOKEN_LIFETIME_SECONDS
    interaction.extras.setdefault(_DEADLINE_KEY, deadline)


def _retry_after(error: discord.HTTPException) -> float:
    header = getattr(error.response, "headers", {}).get("Retry-After")
    try:
        return max(0.0, float(header)) if header is not None else 0.0
    except ValueError:
        return 0.0


async def retry_rate_limited(
    interaction: discord.Interaction, call: Callable[[], Awaitable[T]]
) -> T:
    """Run a follow-up call again after each 429 discord.py gave up on, until the token expires.

    discord.py retries a rate-limited webhook request five times and then raises; an answer the
    user waits for is worth retrying for as long as Discord would still accept it.
    """
    mark_received(interaction)
    deadline: float = interaction.extras[_DEADLINE_KEY]
    loop = asyncio.get_running_loop()
    backoff = _FIRST_BACKOFF_SECONDS
    while True:
        try:
            return await call()
        except discord.HTTPException as error:
            if error.status != 429:
                raise
            wait = max(_retry_after(error), backoff)
            if loop.time() + wait >= deadline:
                raise
            log.warning(
                "follow-up still rate limited after discord.py's retries; retrying in %.2f s",
                wait,
                extra={"guild_id": interaction.guild_id, "user_id": interaction.user.id},
            )
            await asyncio.sleep(wait)
            backoff = min(backoff * 2, _MAX_BACKOFF_SECONDS)
