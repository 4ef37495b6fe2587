"""What posting a digest involves: what started an attempt, how a send fails, what a poster does."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from bot.core.digest import Digest


class Trigger(StrEnum):
    """What started a posting attempt."""

    SCHEDULE = "schedule"
    CATCH_UP = "catch-up"
    RETRY = "retry"
    NOW = "now"


class PostError(Exception):
    """Posting failed; ``reason`` is one plain sentence, ``retryable`` whether to try again.

    ``uncertain`` when Discord may have created the message anyway (a 5xx or no answer).
    """

    def __init__(self, reason: str, *, retryable: bool, uncertain: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.uncertain = uncertain


class DigestPoster(Protocol):
    """Sends a digest to a channel and finds one already there; Discord errors are ``PostError``."""

    async def post(self, channel_id: int, digest: Digest, *, period: str, nonce: str) -> int:
        """Post the digest as one message marked with its period; return the message id.

        ``nonce`` is the same for every attempt at this period in this channel: the message is
        created with it enforced, so a repeated send returns the first message, not a second.
        """
        ...

    async def find_posted(self, channel_id: int, period: str) -> int | None:
        """The id of this period's digest among the channel's recent messages, or ``None``."""
        ...
