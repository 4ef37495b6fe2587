"""Bulk streams: index merging and checkpoints deferred during a stream, settled at its end."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from bot.core.models import ArticleDraft
from bot.store import ArticleStore, DraftBatch, StoreWriteError, database
from bot.store.bulk import AUTOMERGE
from tests.store.conftest import INGESTED_AT, draft


async def _stream(batches: Sequence[DraftBatch]) -> AsyncIterator[DraftBatch]:
    for batch in batches:
        yield batch


def _batches(start: int, count: int, size: int) -> list[DraftBatch]:
    drafts = [
        draft(f"Story {i} on chips", f"Body {i} about wafers. More.\n\nTwo {i}.", url=f"u:{i}")
        for i in range(start, start + count)
    ]
    return [DraftBatch(drafts[i : i + size], INGESTED_AT) for i in range(0, count, size)]


def _index_state(path: Path) -> tuple[int, int | None]:
    """Segments in the word index, and its stored automerge setting (None: FTS5's default)."""
    with sqlite3.connect(path) as raw:
        (segments,) = raw.execute("SELECT count(DISTINCT segid) FROM articles_fts_idx").fetchone()
        row = raw.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    return int(segments), None if row is None else int(row[0])


async def _store_all(store: ArticleStore, batches: list[DraftBatch]) -> None:
    async for _ in store.add_batches(_stream(batches)):
        pass


async def _stored_and_found(store: ArticleStore) -> tuple[int, int]:
    return await store.count_articles(), len(await store.search(["wafer"], limit=1000))


async def test_a_stream_that_grows_the_store_a_tenth_ends_with_one_index_segment(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as store:
        await _store_all(store, _batches(0, 400, 400))
        # Ten commits adding a fifth of the store: beside the big segment, ten small ones that
        # level-by-level merging would leave apart from it.
        await _store_all(store, _batches(400, 100, 10))
        assert await _stored_and_found(store) == (500, 500)
    assert _index_state(path) == (1, AUTOMERGE)


async def test_a_small_stream_into_a_big_store_merges_incrementally_and_restores_merging(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as store:
        await _store_all(store, _batches(0, 400, 400))
        # Five one-article commits: a twentieth of the store, so no full merge at the end.
        await _store_all(store, _batches(400, 5, 1))
        assert await _stored_and_found(store) == (405, 405)
    segments, automerge = _index_state(path)
    assert automerge == AUTOMERGE
    # Five new level-0 segments met the restored automerge of four: they were merged.
    assert segments < 5


async def test_a_failing_stream_still_restores_merging(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    bad = replace(draft("Bad", "Bad body."), language=cast(Any, None))
    batches = [*_batches(0, 10, 5), DraftBatch([bad], INGESTED_AT)]
    async with await ArticleStore.open(path, workers=1) as store:
        with pytest.raises(StoreWriteError):
            await _store_all(store, batches)
        assert await _stored_and_found(store) == (10, 10)
    assert _index_state(path)[1] == AUTOMERGE


async def test_a_stream_stopped_by_its_reader_still_restores_merging(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as store:
        stream = store.add_batches(_stream(_batches(0, 30, 10)))
        async for _ in stream:
            break
        await stream.aclose()
        assert await store.count_articles() == 10
    assert _index_state(path)[1] == AUTOMERGE


async def test_opening_repairs_merging_left_off_by_a_crashed_stream(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    async with await ArticleStore.open(path, workers=1) as store:
        await store.add_articles([draft("One", "Wafer one.")], ingested_at=INGESTED_AT)
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0)")
    async with await ArticleStore.open(path, workers=1) as store:
        assert await _stored_and_found(store) == (1, 1)
    assert _index_state(path)[1] == AUTOMERGE


async def test_an_empty_stream_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    empty: list[ArticleDraft] = []
    async with await ArticleStore.open(path, workers=1) as store:
        results = [r async for r in store.add_batches(_stream([DraftBatch(empty, INGESTED_AT)]))]
    assert results == []
    assert _index_state(path) == (0, None)


async def test_a_merge_that_cannot_start_after_the_last_batch_keeps_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "s.sqlite"
    quick = tuple(
        "PRAGMA busy_timeout = 100" if p.startswith("PRAGMA busy_timeout") else p
        for p in database._PRAGMAS
    )
    monkeypatch.setattr(database, "_PRAGMAS", quick)
    async with await ArticleStore.open(path, workers=1) as store:
        stream = store.add_batches(_stream(_batches(0, 30, 10)))
        stored = [await anext(stream) for _ in range(3)]
        # Another process starts writing just as the stream would merge its index.
        with sqlite3.connect(path, isolation_level=None) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StopAsyncIteration):
                await anext(stream)
            other.execute("ROLLBACK")
        assert sum(len(r) for r in stored) == 30
        assert await _stored_and_found(store) == (30, 30)
    assert "could not merge the full-text index after storing 30 articles" in caplog.text
    async with await ArticleStore.open(path, workers=1):
        pass
    assert _index_state(path)[1] == AUTOMERGE


async def test_a_cancelled_ingest_keeps_committed_batches_and_restores_merging(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.sqlite"
    first_stored = asyncio.Event()

    async def slow_source() -> AsyncIterator[DraftBatch]:
        for index, batch in enumerate(_batches(0, 40, 10)):
            if index >= 2:
                await asyncio.sleep(3600)  # a source that stalls: the user presses Ctrl-C
            yield batch

    async with await ArticleStore.open(path, workers=1) as store:

        async def consume() -> None:
            async with contextlib.aclosing(store.add_batches(slow_source())) as stream:
                async for _ in stream:
                    first_stored.set()

        task = asyncio.create_task(consume())
        await first_stored.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        stored, found = await _stored_and_found(store)
    assert stored == found
    assert stored in (10, 20)
    assert _index_state(path)[1] == AUTOMERGE
