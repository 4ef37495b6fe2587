"""The digest scheduler: one APScheduler cron job per guild, catch-up at start, retries with backoff.

Jobs run inside the bot's event loop (``AsyncIOScheduler``). Each guild's ``CronTrigger`` is in
the guild's IANA time zone, so daylight-saving changes keep the local posting time. Exactly-once
is not the scheduler's job: every run goes through ``Digests.post``, which claims the period in
the database first, so a restart, a second scheduler or ``/digest now`` cannot post twice.

Several processes may share one store. Each job carries the settings it was scheduled from and
re-reads the store when it fires: if the slot changed meanwhile (in another process), it posts
nothing and is rescheduled from the store. Every ``poll_interval`` the scheduler also reads the
settings' revisions and reschedules the guilds whose settings another process saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.digest import WEEKDAYS, previous_weekly_at
from bot.core.digest_records import DigestSettings, Outcome, PostResult
from bot.service.briefings import Clock, utc_now
from bot.service.digests import DigestPoster, Digests, Trigger, zone_of

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
MAX_RETRY = timedelta(hours=1)
POLL_INTERVAL = timedelta(seconds=30)
POLL_JOB_ID = "digest-settings-poll"
# A busy slot is looked at again this long after its claim may have gone stale.
_MARGIN = timedelta(seconds=1)


def weekly_trigger(settings: DigestSettings) -> CronTrigger:
    """The guild's weekly cron trigger in its own time zone."""
    return CronTrigger(
        day_of_week=WEEKDAYS[settings.weekday],
        hour=settings.time_of_day.hour,
        minute=settings.time_of_day.minute,
        timezone=zone_of(settings.timezone),
    )


def retry_delay(attempt: int) -> timedelta:
    """Backoff before retry number ``attempt`` (0-based): 1, 2, 4 … minutes, at most an hour."""
    return min(FIRST_RETRY * (1 << min(attempt, 10)), MAX_RETRY)


def _job_id(guild_id: int) -> str:
    return f"digest:{guild_id}"


def _retry_id(guild_id: int) -> str:
    return f"digest-retry:{guild_id}"


class DigestScheduler:
    """Schedules each configured guild's digest and follows settings changes live."""

    def __init__(
        self,
        digests: Digests,
        poster: DigestPoster,
        *,
        clock: Clock = utc_now,
        scheduler: AsyncIOScheduler | None = None,
        poll_interval: timedelta = POLL_INTERVAL,
        serves: Callable[[int], bool] = lambda _guild_id: True,
    ) -> None:
        self.digests = digests
        # A shard process posts only its own servers' digests (``bot.core.shards``).
        self.serves = serves
        self.poster = poster
        self.clock = clock
        self.grace = digests.defaults.grace
        self.poll_interval = poll_interval
        self.scheduler = scheduler or AsyncIOScheduler(timezone="UTC")
        # The settings revision each guild's job was last scheduled from.
        self.revisions: dict[int, int] = {}

    async def start(self) -> None:
        """Start the scheduler (inside the running loop), add every guild's job, and queue the
        catch-up of missed runs as an immediate job so start-up does not wait for Discord."""
        if not self.scheduler.running:
            self.scheduler.start()
        for settings in await self.digests.all_settings():
            self._schedule(settings)
        self.scheduler.add_job(
            self.catch_up,
            DateTrigger(run_date=self.clock()),
            id="digest-catch-up",
            replace_existing=True,
            misfire_grace_time=int(self.grace.total_seconds()),
        )
        self.scheduler.add_job(
            self.sync,
            IntervalTrigger(seconds=self.poll_interval.total_seconds()),
            id=POLL_JOB_ID,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )
        if self.refresh not in self.digests.listeners:
            self.digests.listeners.append(self.refresh)

    async def stop(self) -> None:
        """Stop scheduling; running jobs are left to finish or be cancelled with the loop."""
        if self.refresh in self.digests.listeners:
            self.digests.listeners.remove(self.refresh)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
            # AsyncIOScheduler shuts down on the loop's next turn; let it, so "stopped" is true.
            await asyncio.sleep(0)

    async def refresh(self, guild_id: int) -> None:
        """Re-read one guild's settings and replace (or remove) its job, without a restart."""
        self._schedule(await self.digests.settings_for(guild_id))

    async def sync(self) -> int:
        """Reschedule every guild whose stored settings changed since its job was scheduled
        (saved by another process sharing the store); return how many were rescheduled."""
        try:
            every = await self.digests.all_settings()
        except Exception:
            log.exception("could not read the digest settings to follow changes")
            return 0
        changed = [s for s in every if self.revisions.get(s.guild_id) != s.revision]
        for settings in changed:
            log.info(
                "digest settings of guild %s changed elsewhere: rescheduling",
                settings.guild_id,
                extra={"guild_id": settings.guild_id},
            )
            self._schedule(settings)
        return len(changed)

    def _schedule(self, settings: DigestSettings) -> None:
        self.revisions[settings.guild_id] = settings.revision
        job_id = _job_id(settings.guild_id)
        if not (settings.enabled and settings.channel_id and self.serves(settings.guild_id)):
            self._remove(job_id)
            self._remove(_retry_id(settings.guild_id))
            return
        self.scheduler.add_job(
            self.run_scheduled,
            weekly_trigger(settings),
            args=(settings.guild_id, settings),
            id=job_id,
            name=f"weekly digest for guild {settings.guild_id}",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=int(self.grace.total_seconds()),
        )
        self._drop_retry_off(settings)

    def _drop_retry_off(self, settings: DigestSettings) -> None:
        # A pending retry posts a slot of the schedule it was made under. Once the schedule
        # moved, that slot is no longer one the team asked for, just as a stale weekly job's is
        # not (``run_scheduled``); a new channel alone keeps it, so a fixed channel gets it.
        job = self.scheduler.get_job(_retry_id(settings.guild_id))
        if job is None:
            return
        due_at: datetime = job.args[1]
        zone = zone_of(settings.timezone)
        if previous_weekly_at(settings.weekday, settings.time_of_day, zone, due_at) == due_at:
            return
        log.info(
            "dropping the digest retry of guild %s for %s: the schedule moved",
            settings.guild_id,
            due_at.isoformat(),
            extra={"guild_id": settings.guild_id},
        )
        self._remove(job.id)

    def _remove(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self.scheduler.remove_job(job_id)

    def next_run_at(self, guild_id: int) -> datetime | None:
        """When the guild's job fires next, as the scheduler sees it."""
        job = self.scheduler.get_job(_job_id(guild_id))
        when = getattr(job, "next_run_time", None) if job is not None else None
        return when if isinstance(when, datetime) else None

    async def catch_up(self) -> list[PostResult]:
        """Post each guild's last missed run if still within the grace window; log older ones.

        A slot counts only if it was due: after the current schedule was set, and neither
        posted, skipped nor attempted by any process sharing the store.
        """
        results: list[PostResult] = []
        now_at = self.clock()
        try:
            every = await self.digests.all_settings()
        except Exception:
            log.exception("digest catch-up could not read the settings")
            return results
        for settings in every:
            if not (settings.enabled and settings.channel_id and self.serves(settings.guild_id)):
                continue
            zone = zone_of(settings.timezone)
            due_at = previous_weekly_at(settings.weekday, settings.time_of_day, zone, now_at)
            since_at = settings.schedule_since_at
            if since_at is not None and due_at < since_at:
                continue
            if await self.digests.period_state(settings.guild_id, due_at) in ("posted", "skipped"):
                continue
            late = now_at - due_at
            if late <= self.grace:
                result = await self.run(settings.guild_id, due_at, Trigger.CATCH_UP)
                if result is not None:
                    results.append(result)
            elif late <= timedelta(days=7):
                hours = late.total_seconds() / 3600
                reason = (
                    f"the bot was down at the {due_at:%Y-%m-%d %H:%M} UTC run, {hours:.0f} h ago, "
                    f"past the {self.grace.total_seconds() / 3600:g} h grace window"
                )
                await self.digests.record_missed(settings.guild_id, due_at, reason)
        return results

    async def run_scheduled(self, guild_id: int, scheduled: DigestSettings) -> PostResult | None:
        """The cron job: post the digest of the slot that just fired, if it is still the slot.

        ``scheduled`` are the settings the job was scheduled from. The store is read again: when
        another process changed the slot (or turned the digest off), nothing is posted and the
        job is rescheduled from what is stored, so a stale job never posts, least of all for a
        slot of the new schedule that lies in the past.
        """
        try:
            settings = await self.digests.settings_for(guild_id)
        except Exception:
            log.exception("digest job could not read the settings", extra={"guild_id": guild_id})
            return None
        live = settings.enabled and settings.channel_id is not None and self.serves(guild_id)
        if not live or not settings.same_slot(scheduled):
            log.info(
                "digest job of guild %s is stale (the schedule changed elsewhere): rescheduling",
                guild_id,
                extra={"guild_id": guild_id},
            )
            self._schedule(settings)
            return None
        zone = zone_of(scheduled.timezone)
        due_at = previous_weekly_at(scheduled.weekday, scheduled.time_of_day, zone, self.clock())
        return await self.run(guild_id, due_at, Trigger.SCHEDULE)

    async def run(
        self, guild_id: int, due_at: datetime, trigger: Trigger, attempt: int = 0
    ) -> PostResult | None:
        """Post once for the slot ``due_at``; schedule a retry on a retryable failure, and a
        look once the claim could be stale when another process holds the slot.

        Never raises: an unexpected error is logged and retried like a failure, so one guild's
        problem cannot stop the scheduler.
        """
        try:
            result = await self.digests.post(
                guild_id, self.poster, trigger=trigger, scheduled_at=due_at
            )
        except Exception:
            log.exception("digest run failed", extra={"guild_id": guild_id})
            self._retry(guild_id, due_at, attempt)
            return None
        if result.outcome is Outcome.FAILED and result.retryable:
            self._retry(guild_id, due_at, attempt)
        elif result.outcome is Outcome.BUSY:
            # Another process holds the claim: if it dies mid-post, nobody else would post this
            # slot. Look again once its claim can be stale: posted by then, or taken over.
            self._retry(
                guild_id, due_at, attempt, delay=self.digests.defaults.stale_claim + _MARGIN
            )
        return result

    def _retry(
        self, guild_id: int, due_at: datetime, attempt: int, *, delay: timedelta | None = None
    ) -> None:
        retry_at = self.clock() + (retry_delay(attempt) if delay is None else delay)
        if retry_at > due_at + self.grace:
            log.warning(
                "giving up the digest of %s for guild %s: past the grace window",
                due_at.isoformat(),
                guild_id,
                extra={"guild_id": guild_id},
            )
            return
        if not self.scheduler.running:
            return
        self.scheduler.add_job(
            self.run,
            DateTrigger(run_date=retry_at),
            args=(guild_id, due_at, Trigger.RETRY, attempt + 1),
            id=_retry_id(guild_id),
            replace_existing=True,
            misfire_grace_time=int(self.grace.total_seconds()),
        )

    def pending_retry_at(self, guild_id: int) -> datetime | None:
        """When the guild's next retry runs, if one is pending."""
        job = self.scheduler.get_job(_retry_id(guild_id))
        when = getattr(job, "next_run_time", None) if job is not None else None
        return when if isinstance(when, datetime) else None
