"""Streams of batches: each written in its own transaction while the next ones are prepared."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable

from bot.store.bulk import begin_bulk, end_bulk
from bot.store.dialect import Connection
from bot.store.errors import DATABASE_ERRORS
from bot.store.preparation_pool import PreparationPool
from bot.store.writing import (
    AddResult,
    AddStatus,
    DraftBatch,
    StartedBatch,
    start_batch,
    write_batch,
)

_log = logging.getLogger(__name__)
# Batches being prepared while one is written, so workers rarely wait for the writer to ask.
PREPARE_AHEAD = 2


async def _start_next(
    pool: PreparationPool, batches: AsyncIterator[DraftBatch]
) -> StartedBatch | None:
    async for batch in batches:
        if batch.drafts:
            return start_batch(pool, batch)
    return None


async def _start_after(
    previous: asyncio.Future[StartedBatch | None] | None,
    pool: PreparationPool,
    batches: AsyncIterator[DraftBatch],
) -> StartedBatch | None:
    # One reader of the source at a time: each start waits for the one before it.
    if previous is not None and await previous is None:
        return None
    return await _start_next(pool, batches)


def _abandon(ahead: Iterable[asyncio.Future[StartedBatch | None]]) -> None:
    """Stop batches started ahead: discard the prepared ones, cancel the rest."""
    for started in ahead:
        if started.done() and not started.cancelled() and started.exception() is None:
            following = started.result()
            if following is not None:
                following.discard()
        else:
            started.cancel()


async def add_batches(
    connection: Connection,
    pool: PreparationPool,
    batches: AsyncIterable[DraftBatch],
    write_lock: asyncio.Lock,
) -> AsyncGenerator[list[AddResult], None]:
    """Store each batch in its own transaction, yielding its results in order.

    The next ``PREPARE_AHEAD`` batches are fetched and prepared while the current one is
    written, so preparation (worker processes) and SQLite writes (this process) overlap. Empty
    batches yield nothing. Index merges and WAL checkpoints wait for the end of the stream
    (``bot.store.bulk``).
    """
    source = aiter(batches)
    current = await _start_next(pool, source)
    if current is None:
        return
    added = 0
    ahead: deque[asyncio.Future[StartedBatch | None]] = deque()
    last: asyncio.Future[StartedBatch | None] | None = None
    try:
        try:
            async with write_lock:
                await begin_bulk(connection)
        except BaseException:
            current.discard()
            raise
        while current is not None:
            while len(ahead) < PREPARE_AHEAD:
                last = asyncio.ensure_future(_start_after(last, pool, source))
                ahead.append(last)
            try:
                try:
                    async with write_lock:
                        results = await write_batch(connection, current)
                finally:
                    current.discard()
                added += sum(1 for r in results if r.status is AddStatus.ADDED)
                yield results
                # Left in ``ahead`` until awaited, so a failure here abandons it with the rest.
                current = await ahead[0]
                ahead.popleft()
            except BaseException:
                _abandon(ahead)
                raise
        for finished in ahead:
            await finished  # past the end of the stream: each returns None at once
    except BaseException:
        # The stream's own error matters more than a failure to merge after it.
        with contextlib.suppress(Exception):
            async with write_lock:
                await end_bulk(connection, added)
        raise
    try:
        async with write_lock:
            await end_bulk(connection, added)
    except DATABASE_ERRORS as error:
        # Every batch is committed: the merge can wait (the next open switches merging back on).
        _log.warning(
            "could not merge the full-text index after storing %d articles: %s", added, error
        )
