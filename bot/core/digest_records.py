"""Digest records shared by the store, the service and the renderers: settings, attempts, outcomes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """One guild's digest configuration; ``channel_id`` is ``None`` until a channel is chosen."""

    guild_id: int
    channel_id: int | None
    weekday: int
    time_of_day: time
    timezone: str
    enabled: bool = True
    post_when_quiet: bool = True
    # Bumped by every save, so a process sharing the store can tell its copy is out of date.
    revision: int = 0
    # When the current schedule (slot, channel, on/off) took effect; earlier slots were never due.
    schedule_since_at: datetime | None = None

    def same_slot(self, other: DigestSettings) -> bool:
        """Whether both settings fire at the same weekly slot (day, time, zone)."""
        return (self.weekday, self.time_of_day, self.timezone) == (
            other.weekday,
            other.time_of_day,
            other.timezone,
        )

    def schedule_changed(self, other: DigestSettings) -> bool:
        """Whether ``other`` posts at another slot, to another channel, or is turned on or off."""
        return not self.same_slot(other) or (self.channel_id, self.enabled) != (
            other.channel_id,
            other.enabled,
        )


@dataclass(frozen=True, slots=True)
class DigestAttempt:
    """One logged attempt: when, what started it, how it ended and why."""

    guild_id: int
    channel_id: int | None
    period: str | None
    attempted_at: datetime
    trigger: str
    outcome: str
    reason: str


class Outcome(StrEnum):
    """How a posting attempt ended."""

    POSTED = "posted"
    ALREADY_POSTED = "already posted"
    BUSY = "in progress elsewhere"
    QUIET_SKIPPED = "quiet week, not posted"
    ALREADY_SKIPPED = "already skipped as a quiet week"
    NO_CHANNEL = "no channel"
    FAILED = "failed"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class PostResult:
    """What one posting attempt did."""

    outcome: Outcome
    guild_id: int
    channel_id: int | None
    period: str | None
    message_id: int | None = None
    reason: str = ""
    retryable: bool = False


@dataclass(frozen=True, slots=True)
class DigestStatus:
    """What ``/digest status`` shows: settings, next run, last post and recent attempts."""

    settings: DigestSettings
    configured: bool
    next_run_at: datetime | None
    attempts: tuple[DigestAttempt, ...]


NONCE_LENGTH = 25


def post_nonce(guild_id: int, channel_id: int, period: str) -> str:
    """The message nonce of one period's digest in one channel (25 characters, Discord's limit).

    The same for every attempt and every process, so Discord returns the message it already
    created instead of creating a second one when a send whose answer was lost is repeated.
    """
    digest = hashlib.sha256(f"{guild_id}:{channel_id}:{period}".encode()).hexdigest()
    return "d" + digest[: NONCE_LENGTH - 1]
