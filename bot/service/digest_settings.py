"""Digest settings input: defaults, the timing rules of posting, time zones, the next run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.digest import next_weekly_at, parse_weekday
from bot.core.digest_records import DigestSettings
from bot.settings import Settings

STALE_CLAIM = timedelta(minutes=15)


class DigestSettingsError(ValueError):
    """A digest setting a person typed that cannot be used, as one plain sentence."""


@dataclass(frozen=True, slots=True)
class DigestDefaults:
    """Defaults for guilds without stored settings, and the timing rules of posting."""

    weekday: int = 0
    time_of_day: time = time(9, 0)
    timezone: str = "UTC"
    grace: timedelta = timedelta(hours=12)
    stale_claim: timedelta = STALE_CLAIM

    @classmethod
    def from_settings(cls, settings: Settings) -> DigestDefaults:
        """Defaults from ``BRIEFBOT_DIGEST_*`` and ``BRIEFBOT_TIMEZONE``."""
        return cls(
            parse_weekday(settings.digest_weekday),
            settings.digest_time_of_day,
            settings.timezone,
            timedelta(hours=settings.digest_grace_hours),
            timedelta(seconds=settings.digest_stale_claim_seconds),
        )


def zone_of(name: str) -> ZoneInfo:
    """The IANA zone, or ``DigestSettingsError`` with an example of a valid name."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise DigestSettingsError(
            f"'{name}' is not a known IANA time zone (for example Europe/Paris or America/New_York)."
        ) from None


def next_run_at(settings: DigestSettings, after_at: datetime) -> datetime | None:
    """When the guild's digest runs next after ``after_at``; ``None`` when off or unconfigured."""
    if not settings.enabled or settings.channel_id is None:
        return None
    zone = zone_of(settings.timezone)
    return next_weekly_at(settings.weekday, settings.time_of_day, zone, after_at)
