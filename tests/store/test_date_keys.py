"""Date keys: the word index in publication order, date ranges as key ranges, exact at the edges."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store import ArticleStore, pg_search
from bot.store import search as full_text
from bot.store.date_keys import DATE_KEY_SQL, ID_MASK, key_bounds
from bot.store.rows import iso_at
from tests.store.conftest import INGESTED_AT, draft

_MOMENTS = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
)


@given(dated=_MOMENTS, since=_MOMENTS, span=st.timedeltas(timedelta(0), timedelta(days=800)))
def test_an_article_in_a_date_range_has_its_key_inside_the_key_bounds(
    dated: datetime, since: datetime, span: timedelta
) -> None:
    until = since + min(span, datetime(9999, 12, 30, tzinfo=UTC) - since)
    with sqlite3.connect(":memory:") as raw:
        raw.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, dated_at TEXT)")
        raw.execute("INSERT INTO articles VALUES (?, ?)", (ID_MASK, iso_at(dated)))
        (key,) = raw.execute(f"SELECT {DATE_KEY_SQL} FROM articles").fetchone()
    low, high = key_bounds(since, until)
    assert low is not None
    assert high is not None
    assert key & ID_MASK == ID_MASK
    if since <= dated < until:
        assert low <= key < high
    if dated.date() < since.date() or dated.date() > until.date():
        assert not low <= key < high


async def test_date_bounds_in_another_time_zone_are_exact_to_the_second(
    store: ArticleStore,
) -> None:
    # Both articles fall on the same UTC day; the range starts between them in Beijing time.
    beijing = timezone(timedelta(hours=8))
    await store.add_articles(
        [
            draft(
                "Early chips",
                "Chips before.",
                url="u:1",
                published_at=datetime(2024, 3, 4, 15, 59, tzinfo=UTC),
            ),
            draft(
                "Late chips",
                "Chips after.",
                url="u:2",
                published_at=datetime(2024, 3, 4, 16, 0, tzinfo=UTC),
            ),
        ],
        ingested_at=INGESTED_AT,
    )
    since = datetime(2024, 3, 5, 0, 0, tzinfo=beijing)
    after = await store.search(["chips"], since_at=since)
    before = await store.search(["chips"], until_at=since)
    assert [h.article.title for h in after] == ["Late chips"]
    assert [h.article.title for h in before] == ["Early chips"]


async def test_the_ranked_window_holds_the_newest_published_matches_not_the_last_stored(
    store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stored newest first: an archive loaded after the news it predates.
    dates = [datetime(2024, 1, 1, tzinfo=UTC) - timedelta(days=30 * i) for i in range(6)]
    await store.add_articles(
        [
            draft(f"Chips {i}", f"Chips story {i}.", url=f"u:{i}", published_at=dates[i])
            for i in range(6)
        ],
        ingested_at=INGESTED_AT,
    )
    monkeypatch.setattr(full_text, "MAX_RANKED", 2)
    hits = await store.search(["chips"])
    assert sorted(h.article.title for h in hits) == ["Chips 0", "Chips 1"]


_WINDOWED = (
    ("Everything", "Chips and weather under new export controls."),
    ("Export news", "Controls on trade were eased. Farmers export grain."),  # no phrase
    ("Weather one", "Weather story one."),
    ("Chips one", "Chips story one."),
    ("Weather two", "Weather story two."),
    ("Rules", "New export controls were announced."),
    ("Chips two", "Chips story two."),
    ("Chips three", "Chips story three."),
)


@pytest.mark.parametrize(
    "case",
    [
        # The newest two articles hold one match of the two wanted: the older ones give the other.
        (["chips", "export controls"], 1, 2, ["Chips one", "Everything"]),
        (["weather"], 1, 2, ["Everything", "Weather one"]),
        # They hold enough (the newest one), or the newest four do.
        (["chips", "export controls"], 2, 1, ["Everything"]),
        (["chips", "export controls"], 2, 2, ["Chips one", "Everything"]),
    ],
)
@pytest.mark.parametrize("windowed", [True, False], ids=["window", "all"])
async def test_the_ranked_matches_are_the_newest_whether_or_not_the_newest_articles_hold_them(
    store: ArticleStore,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[list[str], int, int, list[str]],
    windowed: bool,
) -> None:
    terms, window, ranked, expected = case
    # PostgreSQL looks among the newest ``window * ranked`` articles first, or reads all of the
    # index's matches (pg_search.ranked_words).
    newest = datetime(2024, 7, 1, tzinfo=UTC)
    await store.add_articles(
        [
            draft(title, body, url=f"u:{i}", published_at=newest - timedelta(days=30 * i))
            for i, (title, body) in enumerate(_WINDOWED)
        ],
        ingested_at=INGESTED_AT,
    )
    # The one sampled article (the newest) matches, so a spare of ``window`` makes a window of
    # ``window * ranked`` articles.
    monkeypatch.setattr(pg_search, "PROBE_ROWS", 1)
    monkeypatch.setattr(pg_search, "WINDOW_SPARE", window)
    monkeypatch.setattr(pg_search, "WINDOW_HITS", 1 if windowed else 2)
    monkeypatch.setattr(full_text, "MAX_RANKED", ranked)
    hits = await store.search(terms)
    assert sorted(h.article.title for h in hits) == expected


async def test_undated_articles_sort_by_their_ingest_day(store_location: Path | str) -> None:
    async with await ArticleStore.open(store_location, workers=1) as store:
        await store.add_articles(
            [
                draft(
                    "Old dated chips",
                    "Chips.",
                    url="u:1",
                    published_at=datetime(2020, 1, 1, tzinfo=UTC),
                )
            ],
            ingested_at=INGESTED_AT,
        )
        await store.add_articles(
            [draft("Undated chips", "Chips, undated.", url="u:2")], ingested_at=INGESTED_AT
        )
        hits = await store.search(["chips"], since_at=INGESTED_AT - timedelta(days=1))
    assert [h.article.title for h in hits] == ["Undated chips"]


async def test_cjk_search_ranks_the_newest_published_and_honours_exact_bounds(
    store: ArticleStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    dates = [datetime(2024, 3, 4, 16, 0, tzinfo=UTC) - timedelta(days=30 * i) for i in range(4)]
    await store.add_articles(
        [
            draft(f"芯片 {i}", f"芯片产业第{i}篇。", url=f"u:{i}", published_at=dates[i])
            for i in range(4)
        ],
        ingested_at=INGESTED_AT,
    )
    monkeypatch.setattr(full_text, "MAX_CJK_RANKED", 2)
    newest = await store.search(["芯片"])
    # 16:00 UTC is midnight in Beijing: the range starts exactly at the newest article.
    since = datetime(2024, 3, 5, 0, 0, tzinfo=timezone(timedelta(hours=8)))
    in_range = await store.search(["芯片"], since_at=since)
    before = await store.search(["芯片"], until_at=since, since_at=dates[1])
    assert sorted(h.article.title for h in newest) == ["芯片 0", "芯片 1"]
    assert [h.article.title for h in in_range] == ["芯片 0"]
    assert [h.article.title for h in before] == ["芯片 1"]
