"""Migration 16: quiet weeks once stored as posts with message 0 become skips; schedules get a start."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.digest_records import Outcome
from bot.service.digests import Digests, Trigger
from bot.store import ArticleStore
from bot.store.database import connect, migrate
from tests.digest.conftest import RecordingPoster

UPDATED_AT = "2026-05-01T08:00:00+00:00"


async def _old_store(path: Path) -> None:
    connection = await connect(path)
    try:
        assert await migrate(connection, path, target=14) == 14
        await connection.execute(
            "INSERT INTO digest_settings (guild_id, channel_id, weekday, time_of_day, timezone, "
            "enabled, post_when_quiet, updated_at) VALUES (1, 2, 0, '09:00', 'UTC', 1, 0, ?)",
            (UPDATED_AT,),
        )
        for period, message_id in (("2026-W22", 0), ("2026-W21", 555)):
            await connection.execute(
                "INSERT INTO digest_posts (guild_id, channel_id, period, state, claim_token, "
                "claimed_at, posted_at, message_id, period_start_at, period_end_at) "
                "VALUES (1, 2, ?, 'posted', 't', ?, ?, ?, ?, ?)",
                (period, UPDATED_AT, UPDATED_AT, message_id, UPDATED_AT, UPDATED_AT),
            )
        await connection.commit()
    finally:
        await connection.close()


async def test_old_quiet_skips_become_skips_that_digest_now_may_post_over(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    await _old_store(path)
    async with await ArticleStore.open(path) as store:
        settings = await store.digest_settings(1)
        assert settings is not None
        assert settings.schedule_since_at == datetime(2026, 5, 1, 8, tzinfo=UTC)
        assert settings.revision == 0
        assert await store.digest_post_state((1, 2, "2026-W22")) == "skipped"
        assert await store.digest_post_state((1, 2, "2026-W21")) == "posted"
        posted = await store.find_digest_post((1, 2, "2026-W21"))
        assert posted is not None
        assert posted.message_id == 555
        assert await store.find_digest_post((1, 2, "2026-W22")) is None
        # A week inside the old skip: the store is empty, so /digest now skips again.
        digests = Digests(store, clock=lambda: datetime(2026, 5, 27, tzinfo=UTC))
        result = await digests.post(1, RecordingPoster(), trigger=Trigger.NOW)
        assert (result.outcome, result.period) == (Outcome.QUIET_SKIPPED, "2026-W22")
        saved = await digests.configure_schedule(1, time_of_day="10:00")
        assert saved.revision == 1
        assert saved.schedule_since_at == datetime(2026, 5, 27, tzinfo=UTC)
        quiet_only = await digests.configure_schedule(1, post_when_quiet=True)
        assert quiet_only.revision == 2
        assert quiet_only.schedule_since_at == saved.schedule_since_at  # same slot and channel
