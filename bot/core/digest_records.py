"""Digest records shared by the store, the service and the renderers: settings, attempts, outcomes."""

from __future__ import annotations

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
