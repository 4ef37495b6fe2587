"""Digest tables: per-guild settings, exactly-once post claims, and the log of posting attempts.

A post goes through two states in ``digest_posts``, keyed UNIQUE by (guild, channel, period):
``claimed`` (inserted before anything is sent, with a random claim token) and ``posted`` (with
the message id). A claim older than the stale limit belongs to a process that died; it may be
taken over, and only the holder of the current token can mark it posted or release it. A quiet
week left unposted is ``skipped`` (with ``skipped_at``): scheduled runs leave it alone, a
``/digest now`` may claim it again, and releasing that claim makes it a skip again.

Every save of a guild's settings bumps its ``revision``: processes sharing the file poll it to
follow schedule changes made elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from bot.core.digest_records import DigestAttempt, DigestSettings
from bot.store.dialect import Connection, insert_ignoring
from bot.store.rows import at_from_iso, iso_at
from bot.store.transactions import immediate_transaction

DIGEST_SCHEMA_SQL = """
CREATE TABLE digest_settings (
    guild_id        INTEGER PRIMARY KEY,
    channel_id      INTEGER,
    weekday         INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    time_of_day     TEXT NOT NULL,
    timezone        TEXT NOT NULL,
    enabled         INTEGER NOT NULL DEFAULT 1,
    post_when_quiet INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
);

CREATE TABLE digest_posts (
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    period          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('claimed', 'posted')),
    claim_token     TEXT NOT NULL,
    claimed_at      TEXT NOT NULL,
    posted_at       TEXT,
    message_id      INTEGER,
    period_start_at TEXT NOT NULL,
    period_end_at   TEXT NOT NULL,
    snapshot        TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (guild_id, channel_id, period)
);
CREATE INDEX digest_posts_latest ON digest_posts (guild_id, channel_id, posted_at);

CREATE TABLE digest_attempts (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    channel_id   INTEGER,
    period       TEXT,
    attempted_at TEXT NOT NULL,
    trigger      TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX digest_attempts_by_guild ON digest_attempts (guild_id, id);
"""


# Migration 16: settings revisions and schedule start, quiet-week skips as their own state.
DIGEST_V16_SQL = """
ALTER TABLE digest_settings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digest_settings ADD COLUMN schedule_since_at TEXT;
UPDATE digest_settings SET schedule_since_at = updated_at;

CREATE TABLE digest_posts_v16 (
    guild_id        INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,
    period          TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'skipped')),
    claim_token     TEXT NOT NULL,
    claimed_at      TEXT NOT NULL,
    posted_at       TEXT,
    message_id      INTEGER,
    period_start_at TEXT NOT NULL,
    period_end_at   TEXT NOT NULL,
    snapshot        TEXT NOT NULL DEFAULT '[]',
    skipped_at      TEXT,
    PRIMARY KEY (guild_id, channel_id, period)
);
INSERT INTO digest_posts_v16 (guild_id, channel_id, period, state, claim_token, claimed_at,
    posted_at, message_id, period_start_at, period_end_at, snapshot, skipped_at)
SELECT guild_id, channel_id, period,
    CASE WHEN state = 'posted' AND message_id = 0 THEN 'skipped' ELSE state END,
    claim_token, claimed_at,
    CASE WHEN state = 'posted' AND message_id = 0 THEN NULL ELSE posted_at END,
    CASE WHEN state = 'posted' AND message_id = 0 THEN NULL ELSE message_id END,
    period_start_at, period_end_at, snapshot,
    CASE WHEN state = 'posted' AND message_id = 0 THEN posted_at END
FROM digest_posts;
DROP TABLE digest_posts;
ALTER TABLE digest_posts_v16 RENAME TO digest_posts;
CREATE INDEX digest_posts_latest ON digest_posts (guild_id, channel_id, posted_at);
"""


class ClaimStatus(StrEnum):
    """What a claim attempt found."""

    CLAIMED = "claimed"
    POSTED = "posted"
    SKIPPED = "skipped"
    BUSY = "busy"


@dataclass(frozen=True, slots=True)
class Claim:
    """The result of claiming a period: the status and, once posted, the message id."""

    status: ClaimStatus
    message_id: int | None = None
    taken_over: bool = False


@dataclass(frozen=True, slots=True)
class PostedDigest:
    """A digest posted to a channel: its period, message and the snapshot of its stories."""

    period: str
    message_id: int
    posted_at: datetime
    snapshot: str


def _settings(row: Sequence[Any]) -> DigestSettings:
    hours, minutes = str(row[3]).split(":")
    return DigestSettings(
        int(row[0]),
        None if row[1] is None else int(row[1]),
        int(row[2]),
        time(int(hours), int(minutes)),
        str(row[4]),
        bool(row[5]),
        bool(row[6]),
        int(row[7]),
        None if row[8] is None else at_from_iso(str(row[8])),
    )


_SAVED_COLUMNS = "guild_id, channel_id, weekday, time_of_day, timezone, enabled, post_when_quiet"
_SETTINGS_COLUMNS = f"{_SAVED_COLUMNS}, revision, schedule_since_at"


async def get_settings(connection: Connection, guild_id: int) -> DigestSettings | None:
    """The guild's stored digest settings, or ``None``."""
    sql = f"SELECT {_SETTINGS_COLUMNS} FROM digest_settings WHERE guild_id = ?"
    async with connection.execute(sql, (guild_id,)) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _settings(row)


async def all_settings(connection: Connection) -> list[DigestSettings]:
    """Every guild's digest settings, by guild id."""
    sql = f"SELECT {_SETTINGS_COLUMNS} FROM digest_settings ORDER BY guild_id"
    async with connection.execute(sql) as cursor:
        return [_settings(row) async for row in cursor]


async def save_settings(
    connection: Connection, settings: DigestSettings, *, updated_at: datetime
) -> None:
    """Insert or update a guild's digest settings, one revision past the stored one.

    ``settings.revision`` is ignored: the store counts, so two processes saving at once still
    end on distinct revisions.
    """
    since_at = settings.schedule_since_at or updated_at
    await connection.execute(
        f"INSERT INTO digest_settings ({_SAVED_COLUMNS}, updated_at, revision, schedule_since_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) "
        "ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, "
        "weekday = excluded.weekday, time_of_day = excluded.time_of_day, "
        "timezone = excluded.timezone, enabled = excluded.enabled, "
        "post_when_quiet = excluded.post_when_quiet, updated_at = excluded.updated_at, "
        "revision = digest_settings.revision + 1, "
        "schedule_since_at = excluded.schedule_since_at",
        (
            settings.guild_id,
            settings.channel_id,
            settings.weekday,
            settings.time_of_day.strftime("%H:%M"),
            settings.timezone,
            int(settings.enabled),
            int(settings.post_when_quiet),
            iso_at(updated_at),
            iso_at(since_at),
        ),
    )


async def claim_post(
    connection: Connection,
    key: tuple[int, int, str],
    *,
    token: str,
    claimed_at: datetime,
    stale_before_at: datetime,
    period_start_at: datetime,
    period_end_at: datetime,
    reclaim_skipped: bool = False,
) -> Claim:
    """Claim (guild, channel, period) for posting, in one immediate transaction.

    The UNIQUE key makes two claimers race on the insert: one wins, the other sees BUSY (or
    POSTED, or SKIPPED). A claim made before ``stale_before_at`` and never marked posted is
    taken over; a skipped quiet week is claimed again only with ``reclaim_skipped``.
    """
    guild_id, channel_id, period = key
    async with immediate_transaction(connection):
        cursor = await connection.execute(
            insert_ignoring(
                connection,
                "INTO digest_posts (guild_id, channel_id, period, state, "
                "claim_token, claimed_at, period_start_at, period_end_at) "
                "VALUES (?, ?, ?, 'claimed', ?, ?, ?, ?)",
            ),
            (
                guild_id,
                channel_id,
                period,
                token,
                iso_at(claimed_at),
                iso_at(period_start_at),
                iso_at(period_end_at),
            ),
        )
        if cursor.rowcount == 1:
            return Claim(ClaimStatus.CLAIMED)
        async with connection.execute(
            "SELECT state, claimed_at, message_id FROM digest_posts "
            "WHERE guild_id = ? AND channel_id = ? AND period = ?",
            key,
        ) as rows:
            row = await rows.fetchone()
        assert row is not None  # the insert was ignored because the row exists
        if row[0] == "posted":
            return Claim(ClaimStatus.POSTED, int(row[2]))
        if row[0] == "skipped":
            if not reclaim_skipped:
                return Claim(ClaimStatus.SKIPPED)
            await connection.execute(
                "UPDATE digest_posts SET state = 'claimed', claim_token = ?, claimed_at = ?, "
                "period_start_at = ?, period_end_at = ? "
                "WHERE guild_id = ? AND channel_id = ? AND period = ? AND state = 'skipped'",
                (token, iso_at(claimed_at), iso_at(period_start_at), iso_at(period_end_at), *key),
            )
            return Claim(ClaimStatus.CLAIMED)
        claimed = at_from_iso(str(row[1]))
        if claimed is not None and claimed >= stale_before_at:
            return Claim(ClaimStatus.BUSY)
        await connection.execute(
            "UPDATE digest_posts SET claim_token = ?, claimed_at = ? "
            "WHERE guild_id = ? AND channel_id = ? AND period = ? AND state = 'claimed'",
            (token, iso_at(claimed_at), *key),
        )
        return Claim(ClaimStatus.CLAIMED, taken_over=True)


async def mark_posted(
    connection: Connection,
    key: tuple[int, int, str],
    *,
    token: str,
    message_id: int,
    posted_at: datetime,
    snapshot: str,
) -> bool:
    """Record the posted message under the claim; ``False`` when the token no longer holds it."""
    cursor = await connection.execute(
        "UPDATE digest_posts SET state = 'posted', message_id = ?, posted_at = ?, snapshot = ? "
        "WHERE guild_id = ? AND channel_id = ? AND period = ? AND claim_token = ? "
        "AND state = 'claimed'",
        (message_id, iso_at(posted_at), snapshot, *key, token),
    )
    return cursor.rowcount == 1


async def mark_skipped(
    connection: Connection,
    key: tuple[int, int, str],
    *,
    token: str,
    skipped_at: datetime,
) -> bool:
    """Record the claimed period as a quiet week left unposted; ``False`` if the claim was lost."""
    cursor = await connection.execute(
        "UPDATE digest_posts SET state = 'skipped', skipped_at = ? "
        "WHERE guild_id = ? AND channel_id = ? AND period = ? AND claim_token = ? "
        "AND state = 'claimed'",
        (iso_at(skipped_at), *key, token),
    )
    return cursor.rowcount == 1


async def release_claim(connection: Connection, key: tuple[int, int, str], *, token: str) -> None:
    """Drop an unposted claim this token holds, so a retry can claim the period again.

    A claim taken on a skipped quiet week goes back to being that skip.
    """
    where = (
        "guild_id = ? AND channel_id = ? AND period = ? AND claim_token = ? AND state = 'claimed'"
    )
    await connection.execute(
        f"UPDATE digest_posts SET state = 'skipped' WHERE {where} AND skipped_at IS NOT NULL",
        (*key, token),
    )
    await connection.execute(f"DELETE FROM digest_posts WHERE {where}", (*key, token))


async def post_state(connection: Connection, key: tuple[int, int, str]) -> str | None:
    """'claimed', 'posted' or 'skipped' for (guild, channel, period), ``None`` if never claimed."""
    async with connection.execute(
        "SELECT state FROM digest_posts WHERE guild_id = ? AND channel_id = ? AND period = ?",
        key,
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else str(row[0])


async def find_post(connection: Connection, key: tuple[int, int, str]) -> PostedDigest | None:
    """The posted digest for (guild, channel, period), or ``None`` if not (yet) posted."""
    async with connection.execute(
        "SELECT period, message_id, posted_at, snapshot FROM digest_posts "
        "WHERE guild_id = ? AND channel_id = ? AND period = ? AND state = 'posted'",
        key,
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _posted(row)


def _posted(row: Sequence[Any]) -> PostedDigest:
    posted_at = at_from_iso(str(row[2]))
    assert posted_at is not None  # posted rows always carry posted_at
    return PostedDigest(str(row[0]), int(row[1]), posted_at, str(row[3]))


async def last_posted(
    connection: Connection, guild_id: int, channel_id: int, *, before_period: str
) -> PostedDigest | None:
    """The latest digest posted to the channel for another period (quiet skips are not posts)."""
    async with connection.execute(
        "SELECT period, message_id, posted_at, snapshot FROM digest_posts "
        "WHERE guild_id = ? AND channel_id = ? AND state = 'posted' AND period <> ? "
        "AND message_id > 0 ORDER BY posted_at DESC LIMIT 1",
        (guild_id, channel_id, before_period),
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else _posted(row)


async def record_attempt(connection: Connection, attempt: DigestAttempt) -> None:
    """Append one attempt to the log."""
    await connection.execute(
        "INSERT INTO digest_attempts (guild_id, channel_id, period, attempted_at, trigger, "
        "outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            attempt.guild_id,
            attempt.channel_id,
            attempt.period,
            iso_at(attempt.attempted_at),
            attempt.trigger,
            attempt.outcome,
            attempt.reason,
        ),
    )


async def recent_attempts(
    connection: Connection, guild_id: int, *, limit: int = 5
) -> list[DigestAttempt]:
    """The guild's latest attempts, newest first."""
    async with connection.execute(
        "SELECT guild_id, channel_id, period, attempted_at, trigger, outcome, reason "
        "FROM digest_attempts WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
        (guild_id, limit),
    ) as cursor:
        rows = await cursor.fetchall()
    out = []
    for row in rows:
        attempted_at = at_from_iso(str(row[3]))
        assert attempted_at is not None
        channel = None if row[1] is None else int(row[1])
        period = None if row[2] is None else str(row[2])
        out.append(
            DigestAttempt(
                int(row[0]), channel, period, attempted_at, str(row[4]), str(row[5]), str(row[6])
            )
        )
    return out
