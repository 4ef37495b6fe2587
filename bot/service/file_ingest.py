"""Files and folders into the store: parse in a worker thread while the store writes the last batch."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import datetime
from pathlib import Path

from bot.core.article_gate import ArticleGate
from bot.core.reports import IngestReport, RejectedInput
from bot.service.ingest_reports import Pending, rejected_input, store_report
from bot.store import ArticleStore, DraftBatch

ProgressCallback = Callable[[int, int], None]

_BATCH_SIZE = 500


async def ingest_files(
    store: ArticleStore,
    paths: Sequence[Path],
    *,
    gate: ArticleGate,
    clock: Callable[[], datetime],
    restore_removed: bool,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Store the articles of files and folders; bad files are reported and skipped."""
    # The parsers pull in trafilatura and lxml: commands that only read the store skip them.
    from bot.ingest import IngestError, discover_files, load_file_result  # noqa: PLC0415

    discovery = await asyncio.to_thread(discover_files, paths)
    files = discovery.files
    rejected: list[RejectedInput] = []
    report = IngestReport(
        files_seen=len(files), skipped=tuple(str(path) for path in discovery.skipped)
    )
    sent: deque[list[Pending]] = deque()
    owners = (store.owner,)

    def batch_of(pending: list[Pending]) -> DraftBatch:
        sent.append(pending)
        return DraftBatch([p.draft for p in pending], clock(), restore_removed, owners)

    async def batches() -> AsyncIterator[DraftBatch]:
        # Runs while the store writes the previous batch, so reading files overlaps writing.
        pending: list[Pending] = []
        for done, path in enumerate(files, start=1):
            try:
                loaded = await asyncio.to_thread(load_file_result, path, gate)
            except IngestError as error:
                rejected.append(rejected_input(error.rejection))
            else:
                pending.extend(Pending(d.origin or str(path), d) for d in loaded.drafts)
                rejected.extend(rejected_input(r) for r in loaded.rejections)
            if len(pending) >= _BATCH_SIZE:
                yield batch_of(pending)
                pending = []
            if on_progress is not None:
                on_progress(done, len(files))
        if pending:
            yield batch_of(pending)

    async with contextlib.aclosing(store.add_batches(batches())) as stored:
        async for results in stored:
            report = report.merged(store_report(sent.popleft(), results))
    return report.merged(IngestReport(rejected=tuple(rejected)))
