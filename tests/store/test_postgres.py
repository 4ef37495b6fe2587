"""The PostgreSQL backend's own parts: placeholders, migrations, errors, and claims across stores."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.store import (
    SCHEMA_VERSION,
    ArticleStore,
    StoreUnavailableError,
    StoreVersionError,
    StoreWriteError,
)
from bot.store.digests import ClaimStatus
from bot.store.pg import redacted, translate
from tests.pg import Cluster
from tests.store.conftest import INGESTED_AT, draft

NOW_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_placeholders_become_psycopg_ones_outside_quotes_and_percent_signs_are_doubled() -> None:
    assert translate("SELECT ? || '?' FROM t WHERE a LIKE '50%' AND b = ?") == (
        "SELECT %s || '?' FROM t WHERE a LIKE '50%%' AND b = %s",
        None,
    )
    assert translate('SELECT "?", ?2, ?1, ?2') == ('SELECT "?", %s, %s, %s', (1, 0, 1))


def test_comments_are_prose_to_the_placeholder_translation() -> None:
    # An apostrophe in a comment once opened a "string" that swallowed the next placeholders.
    sql = "SELECT a -- the feed's own id, or ?\nFROM t /* it's 5% */ WHERE b = ? AND c = 'x''?'"
    assert translate(sql) == (
        "SELECT a -- the feed's own id, or ?\nFROM t /* it's 5%% */ WHERE b = %s AND c = 'x''?'",
        None,
    )


def test_a_url_loses_its_password_in_messages() -> None:
    assert redacted("postgresql://bot:s3cret@db:5432/briefbot") == (
        "postgresql://bot:***@db:5432/briefbot"
    )
    assert redacted("postgresql://db/briefbot") == "postgresql://db/briefbot"


async def test_a_new_database_gets_the_baseline_once_and_a_newer_one_is_refused(
    pg_url: str,
) -> None:
    async with await ArticleStore.open(pg_url, workers=1) as store:
        await store.add_articles([draft("Chips", "Chip news.")], ingested_at=INGESTED_AT)
    async with await ArticleStore.open(pg_url, workers=1) as store:
        assert await store.count_articles() == 1
    with psycopg.connect(pg_url, autocommit=True) as connection:
        assert connection.execute("SELECT version FROM schema_version").fetchall() == [
            (SCHEMA_VERSION,)
        ]
        connection.execute("UPDATE schema_version SET version = version + 1")
    with pytest.raises(StoreVersionError, match="newer briefbot"):
        await ArticleStore.open(pg_url, workers=1)


async def test_two_processes_opening_a_new_database_at_once_migrate_it_once(pg_url: str) -> None:
    stores = await asyncio.gather(*(ArticleStore.open(pg_url, workers=1) for _ in range(3)))
    try:
        assert [await s.count_articles() for s in stores] == [0, 0, 0]
    finally:
        for store in stores:
            await store.close()


async def test_an_unreachable_server_is_a_clear_error(pg_cluster: Cluster) -> None:
    url = f"postgresql://bot:pw@/nowhere?host={pg_cluster.folder}/absent&connect_timeout=2"
    with pytest.raises(StoreUnavailableError, match=r"bot:\*\*\*@.*BRIEFBOT_DATABASE_URL"):
        await ArticleStore.open(url, workers=1)


async def test_a_path_that_is_no_postgresql_url_is_refused() -> None:
    with pytest.raises(StoreUnavailableError, match="not a postgresql:// URL"):
        await ArticleStore.open("mysql://db/briefbot", workers=1)


async def test_stores_sharing_a_database_claim_disjoint_due_feeds(pg_url: str) -> None:
    first = await ArticleStore.open(pg_url, workers=1)
    second = await ArticleStore.open(pg_url, workers=1)
    try:
        for n in range(12):
            await first.add_feed(
                f"https://feeds.test/{n}.xml",
                title=None,
                interval_minutes=30,
                added_at=NOW_AT - timedelta(minutes=n),
            )
        lease = NOW_AT + timedelta(minutes=10)
        claims = await asyncio.gather(
            *(
                store.claim_due_feeds(NOW_AT, lease_until_at=lease, limit=4)
                for store in (first, second, first, second)
            )
        )
        ids = [feed.id for claim in claims for feed in claim]
        assert sorted(ids) == sorted({feed.id for feed in await first.list_feeds()})
        assert len(ids) == len(set(ids)) == 12
        # Each claim is most overdue first, with the due time it had before the lease.
        for claim in claims:
            assert [f.next_poll_at for f in claim] == sorted(f.next_poll_at for f in claim)
            assert all(f.next_poll_at <= NOW_AT for f in claim)
        assert await second.claim_due_feeds(NOW_AT, lease_until_at=lease) == []
    finally:
        await first.close()
        await second.close()


async def test_racing_digest_claims_across_stores_give_one_winner(pg_url: str) -> None:
    stores = [await ArticleStore.open(pg_url, workers=1) for _ in range(2)]
    try:
        claims = await asyncio.gather(
            *(
                stores[n % 2].claim_digest_post(
                    (1 << 40, 7 << 40, "2026-W10"),
                    token=f"t{n}",
                    claimed_at=NOW_AT,
                    stale_before_at=NOW_AT - timedelta(hours=1),
                    period_start_at=NOW_AT - timedelta(days=7),
                    period_end_at=NOW_AT,
                )
                for n in range(20)
            )
        )
        statuses = [claim.status for claim in claims]
        assert statuses.count(ClaimStatus.CLAIMED) == 1
        assert statuses.count(ClaimStatus.BUSY) == 19
    finally:
        for store in stores:
            await store.close()


async def test_foreign_keys_reject_sentences_of_unknown_articles(pg_url: str) -> None:
    async with await ArticleStore.open(pg_url, workers=1):
        pass
    with psycopg.connect(pg_url) as connection, pytest.raises(psycopg.errors.ForeignKeyViolation):
        connection.execute("INSERT INTO sentences (article_id, items) VALUES (42, '[]')")


async def test_a_failed_statement_in_a_batch_keeps_nothing_and_the_store_goes_on(
    pg_url: str,
) -> None:
    async with await ArticleStore.open(pg_url, workers=1) as store:
        await store.add_articles([draft("Kept", "Kept body.", url="u:1")], ingested_at=INGESTED_AT)
        with psycopg.connect(pg_url, autocommit=True) as connection:
            # A row the writer does not know of takes the id it will give next.
            connection.execute("ALTER TABLE sentences ADD CHECK (article_id <> 2)")
        with pytest.raises(StoreWriteError, match="none of them was kept"):
            await store.add_articles(
                [draft("Lost", "Lost body.", url="u:2")], ingested_at=INGESTED_AT
            )
        assert await store.count_articles() == 1
        assert [h.article.title for h in await store.search(["kept"])] == ["Kept"]


def test_the_database_url_setting_selects_the_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(Settings().store_location, Path)
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", " postgresql://bot@db/briefbot ")
    assert Settings().store_location == "postgresql://bot@db/briefbot"
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", "mysql://db/briefbot")
    with pytest.raises(ValidationError, match="must start with postgresql://"):
        Settings()
