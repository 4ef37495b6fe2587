"""Digest use cases: build and preview a guild's digest, post it exactly once, configure, status."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial

from bot.core.digest import (
    PERIOD_DAYS,
    Digest,
    build_digest,
    decode_snapshot,
    encode_snapshot,
    parse_time_of_day,
    parse_weekday,
    period_key,
)
from bot.core.digest_records import (
    DigestAttempt,
    DigestSettings,
    DigestStatus,
    Outcome,
    PostResult,
    post_nonce,
)
from bot.core.scope import Scope
from bot.service.briefings import Clock, utc_now
from bot.service.digest_posting import DigestPoster, PostError, Trigger
from bot.service.digest_settings import (
    STALE_CLAIM,
    DigestDefaults,
    DigestSettingsError,
    next_run_at,
    zone_of,
)
from bot.service.stories import StoryLibrary
from bot.store import ArticleStore
from bot.store.digests import ClaimStatus, PostedDigest

# Callers import the posting contract and the settings rules from here too.
__all__ = [
    "STALE_CLAIM",
    "DigestDefaults",
    "DigestPoster",
    "DigestSettingsError",
    "Digests",
    "PostError",
    "Trigger",
    "next_run_at",
    "zone_of",
]

log = logging.getLogger(__name__)

MAX_ARTICLES = 500
SettingsListener = Callable[[int], Awaitable[None]]


class Digests:
    """The digest use cases over the store, with an injected clock."""

    def __init__(
        self,
        store: ArticleStore,
        defaults: DigestDefaults | None = None,
        clock: Clock = utc_now,
        *,
        stories: StoryLibrary | None = None,
    ) -> None:
        self.store = store
        self.defaults = defaults or DigestDefaults()
        self.clock = clock
        # Shared with the briefing service when given, so the state is loaded once per process.
        self.stories = stories or StoryLibrary(store, clock)
        self.listeners: list[SettingsListener] = []

    async def settings_for(self, guild_id: int) -> DigestSettings:
        """The guild's stored settings, or the defaults (no channel yet)."""
        stored = await self.store.digest_settings(guild_id)
        if stored is not None:
            return stored
        d = self.defaults
        return DigestSettings(guild_id, None, d.weekday, d.time_of_day, d.timezone)

    async def all_settings(self) -> list[DigestSettings]:
        """Every guild's stored settings."""
        return await self.store.all_digest_settings()

    async def build(
        self,
        guild_id: int | None,
        *,
        channel_id: int | None = None,
        since_at: datetime | None = None,
        until_at: datetime | None = None,
    ) -> Digest:
        """The digest of [since_at, until_at) (default: the 7 days before now), compared with the
        previous digest posted to ``channel_id`` when there is one."""
        now_at = self.clock()
        end_at = until_at or now_at
        start_at = since_at or end_at - timedelta(days=PERIOD_DAYS)
        previous: PostedDigest | None = None
        if guild_id is not None and channel_id is not None:
            zone = zone_of((await self.settings_for(guild_id)).timezone)
            previous = await self.store.last_digest_post(
                guild_id, channel_id, before_period=period_key(end_at, zone)
            )
        snapshot = decode_snapshot(previous.snapshot) if previous is not None else None
        # A server's digest covers what that server sees: the shared library and its own.
        reader = self.store if guild_id is None else self.store.scoped(Scope.server(guild_id))
        listed = await reader.list_articles(limit=MAX_ARTICLES, since_at=start_at, until_at=end_at)
        ids = [a.id for a in listed]
        linked = {i for story in snapshot or () for i in story.article_ids} - set(ids)
        articles = await reader.get_articles([*ids, *sorted(linked)])
        story_keys = await self.stories.keys_of([a.id for a in articles])
        # Clustering and summarising a busy week is CPU work: keep the bot's event loop free.
        return await asyncio.to_thread(
            partial(
                build_digest,
                articles,
                period_start_at=start_at,
                period_end_at=end_at,
                now_at=now_at,
                previous=snapshot,
                previous_at=previous.posted_at if previous is not None else None,
                story_keys=story_keys,
            )
        )

    async def preview(self, guild_id: int | None, *, since_at: datetime | None = None) -> Digest:
        """The digest as it would be posted now (compared with the channel's last digest)."""
        channel_id = None
        if guild_id is not None:
            channel_id = (await self.settings_for(guild_id)).channel_id
        return await self.build(guild_id, channel_id=channel_id, since_at=since_at)

    async def post(
        self,
        guild_id: int,
        poster: DigestPoster,
        *,
        trigger: Trigger,
        scheduled_at: datetime | None = None,
    ) -> PostResult:
        """Post the guild's digest for the period of ``scheduled_at`` (default now) exactly once.

        The period is claimed in the database first; a claim held elsewhere (BUSY), a period
        already posted or (for scheduled runs) skipped as quiet is reported, never posted again.
        Only ``/digest now`` may claim a skipped quiet week again. Whenever an earlier attempt may
        have reached Discord (a stale claim taken over, a failed send), the channel is looked at
        first. A failure releases the claim.
        """
        settings = await self.settings_for(guild_id)
        if settings.channel_id is None:
            return await self._log(PostResult(Outcome.NO_CHANNEL, guild_id, None, None), trigger)
        channel_id = settings.channel_id
        now_at = self.clock()
        end_at = scheduled_at or now_at
        period = period_key(end_at, zone_of(settings.timezone))
        key = (guild_id, channel_id, period)
        token = uuid.uuid4().hex
        claim = await self.store.claim_digest_post(
            key,
            token=token,
            claimed_at=now_at,
            stale_before_at=now_at - self.defaults.stale_claim,
            period_start_at=end_at - timedelta(days=PERIOD_DAYS),
            period_end_at=end_at,
            reclaim_skipped=trigger is Trigger.NOW,
        )
        if claim.status is ClaimStatus.POSTED:
            result = PostResult(
                Outcome.ALREADY_POSTED, guild_id, channel_id, period, claim.message_id
            )
            return await self._log(result, trigger)
        if claim.status is ClaimStatus.SKIPPED:
            result = PostResult(Outcome.ALREADY_SKIPPED, guild_id, channel_id, period)
            return await self._log(result, trigger)
        if claim.status is ClaimStatus.BUSY:
            return await self._log(PostResult(Outcome.BUSY, guild_id, channel_id, period), trigger)
        if claim.taken_over:
            log.warning("took over a stale digest claim", extra={"guild_id": guild_id})
        try:
            result = await self._post_claimed(
                settings, poster, key, token, end_at=end_at, taken_over=claim.taken_over
            )
        except PostError as failure:
            await self.store.release_digest_claim(key, token=token)
            result = PostResult(
                Outcome.FAILED,
                guild_id,
                channel_id,
                period,
                reason=failure.reason,
                retryable=failure.retryable,
            )
        except Exception as error:
            # Logged as failed so the next attempt looks in the channel before sending again.
            await self._log(
                PostResult(
                    Outcome.FAILED,
                    guild_id,
                    channel_id,
                    period,
                    reason=f"unexpected error ({type(error).__name__})",
                ),
                trigger,
            )
            await self.store.release_digest_claim(key, token=token)
            raise
        # A cancelled run keeps its claim: it goes stale, and whoever takes it over looks in
        # the channel first, in case the message had already been sent.
        return await self._log(result, trigger)

    async def _post_claimed(
        self,
        settings: DigestSettings,
        poster: DigestPoster,
        key: tuple[int, int, str],
        token: str,
        *,
        end_at: datetime,
        taken_over: bool,
    ) -> PostResult:
        guild_id, channel_id, period = key
        digest = await self.build(guild_id, channel_id=channel_id, until_at=end_at)
        # A stale claimer may have died, or an earlier send may have failed, after Discord
        # accepted the message: look in the channel first in both cases.
        uncertain = taken_over or await self._failed_before(key)
        found_id = await self._find_posted(poster, key) if uncertain else None
        if found_id is not None:
            kept = await self.store.mark_digest_posted(
                key,
                token=token,
                message_id=found_id,
                posted_at=self.clock(),
                snapshot=encode_snapshot(digest.snapshot),
            )
            reason = "found in the channel after a restart or a failed send"
            if not kept:
                reason += ", but the claim had been taken over meanwhile"
            return PostResult(
                Outcome.ALREADY_POSTED, guild_id, channel_id, period, found_id, reason
            )
        if digest.is_quiet and not settings.post_when_quiet:
            await self.store.mark_digest_skipped(key, token=token, skipped_at=self.clock())
            return PostResult(Outcome.QUIET_SKIPPED, guild_id, channel_id, period)
        message_id = await poster.post(
            channel_id, digest, period=period, nonce=post_nonce(guild_id, channel_id, period)
        )
        kept = await self.store.mark_digest_posted(
            key,
            token=token,
            message_id=message_id,
            posted_at=self.clock(),
            snapshot=encode_snapshot(digest.snapshot),
        )
        reason = "" if kept else "posted, but the claim had been taken over meanwhile"
        return PostResult(Outcome.POSTED, guild_id, channel_id, period, message_id, reason)

    async def _failed_before(self, key: tuple[int, int, str]) -> bool:
        guild_id, channel_id, period = key
        recent = await self.store.digest_attempts(guild_id, limit=20)
        return any(
            a.channel_id == channel_id and a.period == period and a.outcome == Outcome.FAILED
            for a in recent
        )

    async def _find_posted(self, poster: DigestPoster, key: tuple[int, int, str]) -> int | None:
        guild_id, channel_id, period = key
        try:
            return await poster.find_posted(channel_id, period)
        except PostError as failure:
            # Unable to look is not proof of absence, but staying silent would lose the digest.
            log.warning(
                "could not read channel %s to find digest %s, posting anyway: %s",
                channel_id,
                period,
                failure.reason,
                extra={"guild_id": guild_id, "channel_id": channel_id},
            )
            return None

    async def record_missed(self, guild_id: int, scheduled_at: datetime, reason: str) -> bool:
        """Log a scheduled run nobody attempted and that is now too late to post.

        Nothing is logged when the period was attempted (by any process) or already logged as
        missed; returns whether the miss was logged.
        """
        settings = await self.settings_for(guild_id)
        period = period_key(scheduled_at, zone_of(settings.timezone))
        recent = await self.store.digest_attempts(guild_id, limit=20)
        if any(a.period == period for a in recent):
            return False
        result = PostResult(Outcome.MISSED, guild_id, settings.channel_id, period, reason=reason)
        await self._log(result, Trigger.CATCH_UP)
        return True

    async def is_posted(self, guild_id: int, scheduled_at: datetime) -> bool:
        """Whether the period of ``scheduled_at`` is already posted to the guild's channel."""
        return await self.period_state(guild_id, scheduled_at) == "posted"

    async def period_state(self, guild_id: int, scheduled_at: datetime) -> str | None:
        """'claimed', 'posted' or 'skipped' for the period of ``scheduled_at`` in the guild's
        channel; ``None`` when nobody claimed it (or there is no channel)."""
        settings = await self.settings_for(guild_id)
        if settings.channel_id is None:
            return None
        period = period_key(scheduled_at, zone_of(settings.timezone))
        return await self.store.digest_post_state((guild_id, settings.channel_id, period))

    async def _log(self, result: PostResult, trigger: Trigger) -> PostResult:
        attempt = DigestAttempt(
            result.guild_id,
            result.channel_id,
            result.period,
            self.clock(),
            trigger.value,
            result.outcome.value,
            result.reason,
        )
        await self.store.record_digest_attempt(attempt)
        level = (
            logging.WARNING if result.outcome in (Outcome.FAILED, Outcome.MISSED) else logging.INFO
        )
        log.log(
            level,
            "digest %s for guild %s: %s %s",
            trigger.value,
            result.guild_id,
            result.outcome.value,
            result.reason,
            extra={"guild_id": result.guild_id, "channel_id": result.channel_id},
        )
        return result

    async def configure_channel(self, guild_id: int, channel_id: int) -> DigestSettings:
        """Post the guild's digest to this channel (and turn it on)."""
        current = await self.settings_for(guild_id)
        return await self._save(replace(current, channel_id=channel_id, enabled=True))

    async def configure_schedule(
        self,
        guild_id: int,
        *,
        weekday: str | None = None,
        time_of_day: str | None = None,
        timezone: str | None = None,
        post_when_quiet: bool | None = None,
    ) -> DigestSettings:
        """Change day, time, zone or quiet-week behaviour; ``DigestSettingsError`` on bad input."""
        current = await self.settings_for(guild_id)
        try:
            day = parse_weekday(weekday) if weekday is not None else current.weekday
            at = parse_time_of_day(time_of_day) if time_of_day is not None else None
        except ValueError as error:
            raise DigestSettingsError(f"{error}.") from None
        zone = zone_of(timezone).key if timezone is not None else current.timezone
        quiet = current.post_when_quiet if post_when_quiet is None else post_when_quiet
        changed = replace(
            current,
            weekday=day,
            time_of_day=at or current.time_of_day,
            timezone=zone,
            post_when_quiet=quiet,
            enabled=True,
        )
        return await self._save(changed)

    async def turn_off(self, guild_id: int) -> DigestSettings:
        """Stop the guild's scheduled digest (settings are kept for turning it back on)."""
        return await self._save(replace(await self.settings_for(guild_id), enabled=False))

    async def _save(self, settings: DigestSettings) -> DigestSettings:
        now_at = self.clock()
        stored = await self.store.digest_settings(settings.guild_id)
        # Slots before a schedule existed were never due: catch-up must not call them missed.
        keeps_schedule = stored is not None and not stored.schedule_changed(settings)
        since_at = stored.schedule_since_at if stored is not None and keeps_schedule else now_at
        await self.store.save_digest_settings(
            replace(settings, schedule_since_at=since_at), updated_at=now_at
        )
        saved = await self.settings_for(settings.guild_id)
        for listener in self.listeners:
            await listener(settings.guild_id)
        return saved

    async def status(self, guild_id: int, *, limit: int = 5) -> DigestStatus:
        """Settings, next run and the latest attempts of the guild's digest."""
        stored = await self.store.digest_settings(guild_id)
        settings = stored or await self.settings_for(guild_id)
        attempts = await self.store.digest_attempts(guild_id, limit=limit)
        return DigestStatus(
            settings, stored is not None, next_run_at(settings, self.clock()), tuple(attempts)
        )
