"""The scheduler: cron triggers across DST, the job on an injected clock, catch-up, retries, live changes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.core.digest import next_weekly_at, previous_weekly_at
from bot.core.digest_records import DigestSettings, Outcome
from bot.scheduler import DigestScheduler, retry_delay, weekly_trigger
from bot.service.digests import Digests, PostError, Trigger
from tests.digest.conftest import CHANNEL_ID, GUILD_ID, MONDAY_AT, Clock, RecordingPoster


async def fire(scheduler: DigestScheduler, guild_id: int) -> None:
    """Run the guild's weekly job the way APScheduler does when its trigger fires."""
    job = scheduler.scheduler.get_job(f"digest:{guild_id}")
    assert job is not None
    await job.func(*job.args)


def fire_times(settings: DigestSettings, after_at: datetime, count: int) -> list[datetime]:
    """The trigger's next ``count`` fire times after ``after_at``."""
    trigger = weekly_trigger(settings)
    times: list[datetime] = []
    previous = None
    now_at = after_at
    for _ in range(count):
        fired = trigger.get_next_fire_time(previous, now_at)
        times.append(fired)
        previous, now_at = fired, fired + timedelta(seconds=1)
    return times


@pytest.mark.parametrize(
    ("zone", "spring_at", "autumn_at"),
    [
        ("Europe/Paris", datetime(2026, 3, 16, tzinfo=UTC), datetime(2026, 10, 12, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 2, 23, tzinfo=UTC), datetime(2026, 10, 19, tzinfo=UTC)),
    ],
)
def test_monday_nine_stays_nine_local_across_both_dst_changes(
    zone: str, spring_at: datetime, autumn_at: datetime
) -> None:
    settings = DigestSettings(GUILD_ID, CHANNEL_ID, 0, time(9, 0), zone)
    for start_at in (spring_at, autumn_at):
        fired = fire_times(settings, start_at, 4)
        local = [f.astimezone(ZoneInfo(zone)) for f in fired]
        assert all(f.weekday() == 0 and (f.hour, f.minute) == (9, 0) for f in local)
        utc_hours = {f.astimezone(UTC).hour for f in fired}
        assert len(utc_hours) == 2  # the UTC hour moves by one across the change
        assert [f.astimezone(UTC) for f in fired] == _pure(settings, start_at, 4)


def _pure(settings: DigestSettings, after_at: datetime, count: int) -> list[datetime]:
    zone, out, at = ZoneInfo(settings.timezone), [], after_at - timedelta(seconds=1)
    for _ in range(count):
        at = next_weekly_at(settings.weekday, settings.time_of_day, zone, at)
        out.append(at)
    return out


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Europe/Paris", datetime(2026, 3, 22)), ("America/New_York", datetime(2026, 3, 1))],
)
def test_a_skipped_wall_time_fires_an_hour_later_like_cron(zone: str, day: datetime) -> None:
    settings = DigestSettings(GUILD_ID, CHANNEL_ID, 6, time(2, 30), zone)
    start_at = day.replace(tzinfo=UTC)
    assert [f.astimezone(UTC) for f in fire_times(settings, start_at, 3)] == _pure(
        settings, start_at, 3
    )
    last = previous_weekly_at(6, time(2, 30), ZoneInfo(zone), start_at + timedelta(days=15))
    assert last == _pure(settings, start_at, 3)[-1]


def test_retry_backoff_doubles_and_is_capped() -> None:
    assert [retry_delay(n).total_seconds() for n in range(4)] == [60, 120, 240, 480]
    assert retry_delay(30) == timedelta(hours=1)


async def _configured(digests: Digests) -> None:
    await digests.configure_channel(GUILD_ID, CHANNEL_ID)


async def test_the_job_posts_the_slot_that_fired(digests: Digests, clock: Clock) -> None:
    await _configured(digests)
    poster = RecordingPoster()
    clock.advance(timedelta(seconds=30))
    scheduler = DigestScheduler(digests, poster, clock=clock)
    await scheduler.refresh(GUILD_ID)
    await fire(scheduler, GUILD_ID)
    await fire(scheduler, GUILD_ID)  # a second scheduler or a double fire
    assert len(poster.posts) == 1
    digest = poster.posts[0][1]
    assert digest.period_end_at == MONDAY_AT
    assert digest.stories[0].publishers == ("Nikkei", "Taipei Times", "Reuters")
    attempts = (await digests.status(GUILD_ID)).attempts
    assert [(a.trigger, a.outcome) for a in attempts] == [
        ("schedule", "already posted"),
        ("schedule", "posted"),
    ]


async def test_catch_up_posts_within_grace_and_records_older_misses(
    digests: Digests, clock: Clock
) -> None:
    await _configured(digests)
    poster = RecordingPoster()
    scheduler = DigestScheduler(digests, poster, clock=clock)
    clock.advance(timedelta(hours=13))
    assert await scheduler.catch_up() == []
    assert poster.posts == []
    [missed] = (await digests.status(GUILD_ID)).attempts
    assert missed.outcome == "missed"
    assert "grace" in missed.reason
    await scheduler.catch_up()  # a second restart does not log the same miss again
    assert len((await digests.status(GUILD_ID)).attempts) == 1
    clock.advance(timedelta(days=7) - timedelta(hours=7))  # next Monday, 6 h late
    [result] = await scheduler.catch_up()
    assert result.outcome is Outcome.POSTED
    assert await scheduler.catch_up() == []  # already posted: nothing to catch up


async def test_failures_are_retried_with_backoff_inside_the_grace_window(
    digests: Digests, clock: Clock
) -> None:
    await _configured(digests)
    failures = [PostError("missing permission", retryable=True)]
    poster = RecordingPoster(failures=failures)
    scheduler = DigestScheduler(digests, poster, clock=clock)
    await scheduler.start()
    try:
        result = await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("schedule"))
        assert result is not None
        assert result.outcome is Outcome.FAILED
        assert scheduler.pending_retry_at(GUILD_ID) is not None
        retried = await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("retry"), 1)
        assert retried is not None
        assert retried.outcome is Outcome.POSTED
        poster.failures.append(PostError("still forbidden", retryable=True))
        next_due_at = MONDAY_AT + timedelta(days=7)
        clock.now_at = next_due_at + timedelta(hours=11, minutes=30)
        scheduler.scheduler.remove_all_jobs()
        late = await scheduler.run(GUILD_ID, next_due_at, _trigger("retry"), 5)
        assert late is not None
        assert late.outcome is Outcome.FAILED
        assert scheduler.pending_retry_at(GUILD_ID) is None  # 32 min more would pass the grace
    finally:
        await scheduler.stop()


async def test_an_unexpected_error_never_escapes_the_job(digests: Digests, clock: Clock) -> None:
    await _configured(digests)

    class BrokenPoster:
        async def post(self, channel_id: int, digest: object, *, period: str, nonce: str) -> int:
            raise RuntimeError("bug")

        async def find_posted(self, channel_id: int, period: str) -> int | None:
            raise RuntimeError("bug")

    scheduler = DigestScheduler(digests, BrokenPoster(), clock=clock)
    assert await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("schedule")) is None
    assert await digests.is_posted(GUILD_ID, MONDAY_AT) is False


async def test_settings_changes_reschedule_live(digests: Digests, clock: Clock) -> None:
    scheduler = DigestScheduler(digests, RecordingPoster(), clock=clock)
    await scheduler.start()
    try:
        assert scheduler.next_run_at(GUILD_ID) is None
        await digests.configure_channel(GUILD_ID, CHANNEL_ID)
        first = scheduler.next_run_at(GUILD_ID)
        assert first is not None
        assert first.astimezone(UTC).weekday() == 0
        await digests.configure_schedule(
            GUILD_ID, weekday="fri", time_of_day="17:30", timezone="Asia/Tokyo"
        )
        moved = scheduler.next_run_at(GUILD_ID)
        assert moved is not None
        local = moved.astimezone(ZoneInfo("Asia/Tokyo"))
        assert (local.weekday(), local.hour, local.minute) == (4, 17, 30)
        await digests.turn_off(GUILD_ID)
        assert scheduler.next_run_at(GUILD_ID) is None
        await asyncio.sleep(0)
    finally:
        await scheduler.stop()
    assert not scheduler.scheduler.running


def _trigger(name: str) -> Trigger:
    return Trigger(name)


async def test_a_slot_busy_elsewhere_is_looked_at_again_once_the_claim_can_be_stale(
    digests: Digests, clock: Clock
) -> None:
    await _configured(digests)
    # Another process claimed the slot and died before posting: nobody else retries it.
    key = (GUILD_ID, CHANNEL_ID, "2026-W23")
    await digests.store.claim_digest_post(
        key,
        token="elsewhere",
        claimed_at=clock(),
        stale_before_at=clock() - digests.defaults.stale_claim,
        period_start_at=MONDAY_AT - timedelta(days=7),
        period_end_at=MONDAY_AT,
    )
    poster = RecordingPoster()
    scheduler = DigestScheduler(digests, poster, clock=clock)
    await scheduler.start()
    try:
        busy = await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("schedule"))
        assert busy is not None
        assert busy.outcome is Outcome.BUSY
        stale_at = clock() + digests.defaults.stale_claim
        assert scheduler.pending_retry_at(GUILD_ID) == stale_at + timedelta(seconds=1)
        clock.now_at = stale_at + timedelta(seconds=1)
        retried = await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("retry"), 1)
        assert retried is not None
        assert retried.outcome is Outcome.POSTED
        assert len(poster.posts) == 1
    finally:
        await scheduler.stop()


async def test_a_pending_retry_follows_a_new_channel_but_not_a_moved_schedule(
    digests: Digests, clock: Clock
) -> None:
    await _configured(digests)
    poster = RecordingPoster(failures=[PostError("missing permission", retryable=True)])
    scheduler = DigestScheduler(digests, poster, clock=clock)
    await scheduler.start()
    # APScheduler keeps the wall clock, long past the test's June: paused, it leaves the retry due.
    scheduler.scheduler.pause()
    try:
        failed = await scheduler.run(GUILD_ID, MONDAY_AT, _trigger("schedule"))
        assert failed is not None
        assert failed.outcome is Outcome.FAILED
        retry_at = scheduler.pending_retry_at(GUILD_ID)
        assert retry_at is not None
        # The team fixes the failure by pointing the digest at another channel: still retried.
        await digests.configure_channel(GUILD_ID, CHANNEL_ID + 1)
        assert scheduler.pending_retry_at(GUILD_ID) == retry_at
        # The same slot spelled in another zone (09:00 UTC is 11:00 in Paris in June) is kept.
        await digests.configure_schedule(
            GUILD_ID, weekday="mon", time_of_day="11:00", timezone="Europe/Paris"
        )
        assert scheduler.pending_retry_at(GUILD_ID) == retry_at
        # Moved to Friday: Monday's slot is no longer one the team asked for.
        await digests.configure_schedule(
            GUILD_ID, weekday="fri", time_of_day="17:30", timezone="Europe/Paris"
        )
        assert scheduler.pending_retry_at(GUILD_ID) is None
        assert scheduler.next_run_at(GUILD_ID) is not None
        assert poster.posts == []
    finally:
        await scheduler.stop()
