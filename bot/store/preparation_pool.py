"""Preparing drafts off the writer: a process pool for big batches, a thread for small ones."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from bot.core.models import ArticleDraft
from bot.store.preparation import PreparedDraft, prepare_drafts

# Below this many drafts a batch is prepared in a thread: starting workers would cost more.
POOL_THRESHOLD = 100
# Drafts per work item. The pool's feeder thread needs this process's GIL, which the writer
# mostly holds: fewer, bigger items keep the workers busy.
CHUNK_SIZE = 125


def lower_priority() -> None:
    """Run this worker process at a lower CPU priority than the process that writes."""
    # The single writer is the bottleneck of ingest: with fewer cores than processes, workers
    # should only take the CPU time it leaves (measured at 100k on 2 cores: 2,149 vs 2,006 per s).
    if hasattr(os, "nice"):
        os.nice(10)


class PreparationPool:
    """A lazily started process pool for big batches; a thread when there are too few cores."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = min(4, os.cpu_count() or 1) if workers is None else workers
        self._executor: ProcessPoolExecutor | None = None

    def prepare(
        self, drafts: Sequence[ArticleDraft], ingested_text: str
    ) -> list[Awaitable[list[PreparedDraft]]]:
        """Start preparing drafts, in order-preserving chunks; await each chunk in turn."""
        chunks = [drafts[i : i + CHUNK_SIZE] for i in range(0, len(drafts), CHUNK_SIZE)]
        if self.workers < 2 or len(drafts) < POOL_THRESHOLD:
            return [asyncio.to_thread(prepare_drafts, chunk, ingested_text) for chunk in chunks]
        if self._executor is None:
            # spawn, not fork: the parent has running threads (aiosqlite) that fork would copy.
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=get_context("spawn"), initializer=lower_priority
            )
        return [self._in_process(self._executor, chunk, ingested_text) for chunk in chunks]

    async def _in_process(
        self, executor: ProcessPoolExecutor, chunk: Sequence[ArticleDraft], ingested_text: str
    ) -> list[PreparedDraft]:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(executor, prepare_drafts, list(chunk), ingested_text)
        except BrokenProcessPool:
            # Workers cannot start, e.g. from a script without an ``if __name__ == "__main__"``
            # guard; threads are slower but always work.
            self.workers = 1
            return await asyncio.to_thread(prepare_drafts, chunk, ingested_text)

    async def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._executor is not None:
            executor, self._executor = self._executor, None
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)
