"""Feeds: followers, polling schedule, claims, validators and health (the items seen: ``feed_items``)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

# Re-exported: callers of the store's feed queries name the record they get back from here.
from bot.core.feeds import DEFAULT_INTERVAL_MINUTES
from bot.core.feeds import Feed as Feed  # noqa: PLC0414
from bot.store.dialect import (
    Connection,
    insert_ignoring,
    is_pg,
    json_array_of,
    json_values,
)
from bot.store.scoping import NOT_RELEASED_SQL

FEEDS_SQL = """
CREATE TABLE feeds (
    id               INTEGER PRIMARY KEY,
    url              TEXT NOT NULL UNIQUE,
    title            TEXT,
    interval_minutes INTEGER NOT NULL DEFAULT 30 CHECK (interval_minutes >= 1),
    added_at         TEXT NOT NULL,
    etag             TEXT,
    last_modified    TEXT,
    last_polled_at   TEXT,
    last_success_at  TEXT,
    next_poll_at     TEXT NOT NULL,
    failures         INTEGER NOT NULL DEFAULT 0,
    paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    last_error       TEXT,
    last_error_kind  TEXT,
    last_error_at    TEXT,
    articles_added   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_by_next_poll ON feeds (next_poll_at);

CREATE TABLE feed_items (
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid       TEXT NOT NULL,
    seen_at    TEXT NOT NULL,
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    PRIMARY KEY (feed_id, guid)
) WITHOUT ROWID;
"""


def _columns(connection: Connection) -> str:
    followers = json_array_of(
        connection, "owner_id", "FROM feed_followers WHERE feed_id = feeds.id"
    )
    return (
        "id, url, title, interval_minutes, added_at, etag, last_modified, last_polled_at, "
        "last_success_at, next_poll_at, failures, paused, last_error, last_error_kind, "
        "last_error_at, articles_added, "
        f"(SELECT count(*) FROM feed_items WHERE feed_id = feeds.id), {followers}"
    )


FOLLOWERS_SQL = """
CREATE TABLE feed_followers (
    feed_id     INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL,
    followed_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, owner_id)
) WITHOUT ROWID;
CREATE INDEX feed_followers_by_owner ON feed_followers (owner_id, feed_id);
"""

# Migration: feeds followed before servers had their own feed the shared library.
FOLLOWERS_BACKFILL_SQL = (
    "INSERT INTO feed_followers (feed_id, owner_id, followed_at) SELECT id, 0, added_at FROM feeds;"
)


@dataclass(frozen=True, slots=True)
class PollSuccess:
    """What a successful poll (200 or 304) changes on a feed."""

    polled_at: datetime
    next_poll_at: datetime
    etag: str | None
    last_modified: str | None
    title: str | None
    articles_added: int


@dataclass(frozen=True, slots=True)
class PollFailure:
    """What a failed poll changes on a feed: the failure count, pause state and reason."""

    polled_at: datetime
    next_poll_at: datetime
    failures: int
    paused: bool
    error: str
    error_kind: str


def _at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _feed(row: Sequence[object]) -> Feed:
    values = list(row)
    return Feed(
        id=int(str(values[0])),
        url=str(values[1]),
        title=str(values[2]) if values[2] is not None else None,
        interval_minutes=int(str(values[3])),
        added_at=datetime.fromisoformat(str(values[4])),
        etag=str(values[5]) if values[5] is not None else None,
        last_modified=str(values[6]) if values[6] is not None else None,
        last_polled_at=_at(values[7] if isinstance(values[7], str) else None),
        last_success_at=_at(values[8] if isinstance(values[8], str) else None),
        next_poll_at=datetime.fromisoformat(str(values[9])),
        failures=int(str(values[10])),
        paused=bool(values[11]),
        last_error=str(values[12]) if values[12] is not None else None,
        last_error_kind=str(values[13]) if values[13] is not None else None,
        last_error_at=_at(values[14] if isinstance(values[14], str) else None),
        articles_added=int(str(values[15])),
        items_seen=int(str(values[16])),
        followers=tuple(int(owner) for owner in json.loads(str(values[17] or "[]"))),
    )


async def _feeds(cursor: AsyncIterable[Sequence[object]]) -> AsyncIterator[Feed]:
    async for row in cursor:
        yield _feed(row)


def _follower_sql(follower: int | None, *, first: bool) -> tuple[str, list[int]]:
    """A condition keeping the feeds one owner follows (``None``: every feed)."""
    if follower is None:
        return "", []
    keyword = "WHERE" if first else "AND"
    return (
        f" {keyword} EXISTS (SELECT 1 FROM feed_followers f "
        "WHERE f.feed_id = feeds.id AND f.owner_id = ?)",
        [follower],
    )


async def add_feed(
    connection: Connection,
    url: str,
    *,
    title: str | None,
    interval_minutes: int | None,
    added_at: datetime,
    follower: int = 0,
) -> tuple[Feed, bool]:
    """``follower`` follows ``url`` (due at once); a known feed gets the new interval, re-enabled.

    ``interval_minutes`` None keeps a known feed's interval (a new one gets the default).

    Returns the feed and whether it is new to this follower. A feed is fetched once however
    many follow it, so a new follower is given the articles the feed already brought in.
    """
    existing = await get_feed(connection, url)
    if existing is None:
        await connection.execute(
            "INSERT INTO feeds (url, title, interval_minutes, added_at, next_poll_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                url,
                title,
                DEFAULT_INTERVAL_MINUTES if interval_minutes is None else interval_minutes,
                added_at.isoformat(),
                added_at.isoformat(),
            ),
        )
    else:
        await connection.execute(
            "UPDATE feeds SET interval_minutes = coalesce(?, interval_minutes), "
            "title = coalesce(?, title), paused = 0, "
            "failures = 0, next_poll_at = ? WHERE id = ?",
            (interval_minutes, title, added_at.isoformat(), existing.id),
        )
    feed = await get_feed(connection, url)
    assert feed is not None
    cursor = await connection.execute(
        insert_ignoring(
            connection, "INTO feed_followers (feed_id, owner_id, followed_at) VALUES (?, ?, ?)"
        ),
        (feed.id, follower, added_at.isoformat()),
    )
    is_new = cursor.rowcount > 0
    if is_new:
        await connection.execute(
            insert_ignoring(
                connection,
                "INTO article_owners (article_id, owner_id) "
                "SELECT article_id, ? FROM feed_items WHERE feed_id = ? AND article_id IS NOT NULL "
                f"AND {NOT_RELEASED_SQL.format(article='article_id', owner='?')}",
            ),
            (follower, feed.id, follower),
        )
        feed = await get_feed(connection, feed.id)
        assert feed is not None
    return feed, is_new


async def get_feed(
    connection: Connection, key: int | str, *, follower: int | None = None
) -> Feed | None:
    """One feed by id or by exact address (followed by ``follower`` when given), or ``None``."""
    column = "id" if isinstance(key, int) else "url"
    condition, params = _follower_sql(follower, first=False)
    sql = f"SELECT {_columns(connection)} FROM feeds WHERE {column} = ? {condition}"
    async with connection.execute(sql, (key, *params)) as cursor:
        row = await cursor.fetchone()
    return _feed(row) if row is not None else None


async def list_feeds(connection: Connection, *, follower: int | None = None) -> list[Feed]:
    """Every followed feed (those ``follower`` follows, when given), oldest first."""
    condition, params = _follower_sql(follower, first=True)
    sql = f"SELECT {_columns(connection)} FROM feeds {condition} ORDER BY id"
    async with connection.execute(sql, params) as cursor:
        return [_feed(row) async for row in cursor]


async def due_feeds(connection: Connection, now_at: datetime) -> list[Feed]:
    """Feeds whose next poll is due at ``now_at``, the most overdue first."""
    sql = (
        f"SELECT {_columns(connection)} FROM feeds WHERE next_poll_at <= ? "
        "ORDER BY next_poll_at, id"
    )
    async with connection.execute(sql, (now_at.isoformat(),)) as cursor:
        return [_feed(row) async for row in cursor]


async def claim_due_feeds(
    connection: Connection,
    now_at: datetime,
    *,
    lease_until_at: datetime,
    limit: int | None = None,
) -> list[Feed]:
    """Take the feeds due at ``now_at`` for one poller: they are not due again before
    ``lease_until_at`` (the poll's result sets their real next time), so several processes on one
    store never poll a feed twice and share the due feeds between them.

    Call inside a write transaction: the select and the update must not interleave with another
    process's claim.
    """
    if is_pg(connection):
        return await _claim_skipping_locked(connection, now_at, lease_until_at, limit)
    due = await due_feeds(connection, now_at)
    if limit is not None:
        due = due[:limit]
    if due:
        await connection.execute(
            f"UPDATE feeds SET next_poll_at = ? WHERE id IN {json_values(connection)}",
            (lease_until_at.isoformat(), json.dumps([feed.id for feed in due])),
        )
    return due


async def _claim_skipping_locked(
    connection: Connection, now_at: datetime, lease_until_at: datetime, limit: int | None
) -> list[Feed]:
    # Rows another process is claiming are skipped rather than waited for: each takes its share.
    async with connection.execute(
        "WITH due AS (SELECT id, next_poll_at FROM feeds WHERE next_poll_at <= ? "
        "ORDER BY next_poll_at, id LIMIT ? FOR UPDATE SKIP LOCKED) "
        "UPDATE feeds SET next_poll_at = ? FROM due WHERE feeds.id = due.id "
        "RETURNING feeds.id, due.next_poll_at",
        (now_at.isoformat(), limit, lease_until_at.isoformat()),
    ) as cursor:
        due_at = {int(row[0]): datetime.fromisoformat(str(row[1])) async for row in cursor}
    if not due_at:
        return []
    sql = f"SELECT {_columns(connection)} FROM feeds WHERE id IN {json_values(connection)}"
    async with connection.execute(sql, (json.dumps(list(due_at)),)) as cursor:
        # As due_feeds saw them: due at their time before the lease.
        claimed = [replace(feed, next_poll_at=due_at[feed.id]) async for feed in _feeds(cursor)]
    return sorted(claimed, key=lambda feed: (feed.next_poll_at, feed.id))


async def remove_feed(connection: Connection, feed_id: int, *, follower: int | None = None) -> bool:
    """``follower`` stops following a feed (every follower when ``None``); False if it did not.

    The feed itself goes once nobody follows it; stored articles stay either way.
    """
    if follower is None:
        cursor = await connection.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return cursor.rowcount > 0
    cursor = await connection.execute(
        "DELETE FROM feed_followers WHERE feed_id = ? AND owner_id = ?", (feed_id, follower)
    )
    if cursor.rowcount == 0:
        return False
    await connection.execute(
        "DELETE FROM feeds WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM feed_followers WHERE feed_id = ?)",
        (feed_id, feed_id),
    )
    return True


async def record_success(connection: Connection, feed_id: int, success: PollSuccess) -> None:
    """A good poll: new validators and schedule, health reset, pause lifted."""
    await connection.execute(
        "UPDATE feeds SET last_polled_at = ?, last_success_at = ?, next_poll_at = ?, "
        "etag = ?, last_modified = ?, title = coalesce(?, title), failures = 0, paused = 0, "
        "last_error = NULL, last_error_kind = NULL, "
        "articles_added = articles_added + ? WHERE id = ?",
        (
            success.polled_at.isoformat(),
            success.polled_at.isoformat(),
            success.next_poll_at.isoformat(),
            success.etag,
            success.last_modified,
            success.title,
            success.articles_added,
            feed_id,
        ),
    )


async def record_failure(connection: Connection, feed_id: int, failure: PollFailure) -> None:
    """A failed poll: its reason, the failure count, the backed-off schedule and pause state."""
    await connection.execute(
        "UPDATE feeds SET last_polled_at = ?, next_poll_at = ?, failures = ?, paused = ?, "
        "last_error = ?, last_error_kind = ?, last_error_at = ? WHERE id = ?",
        (
            failure.polled_at.isoformat(),
            failure.next_poll_at.isoformat(),
            failure.failures,
            int(failure.paused),
            failure.error,
            failure.error_kind,
            failure.polled_at.isoformat(),
            feed_id,
        ),
    )


async def resume_feed(connection: Connection, feed_id: int, *, next_poll_at: datetime) -> bool:
    """Lift a pause and clear the failure count so the feed is polled at ``next_poll_at``."""
    cursor = await connection.execute(
        "UPDATE feeds SET paused = 0, failures = 0, next_poll_at = ? WHERE id = ?",
        (next_poll_at.isoformat(), feed_id),
    )
    return cursor.rowcount > 0
