"""Per-server scoping cost: the same searches unscoped, in the shared library and in one server.

Usage: .venv/bin/python -m bench.scope_bench [--size 20000] [--servers 10] [--rounds 3]
The store holds ``--size`` synthetic articles (``bench.corpus``): half in the shared library, the
rest spread over ``--servers`` servers. Each round runs the query mix of ``bench.store_bench`` in
every view, interleaved, so machine noise hits all views alike; medians and ratios to the
unscoped view (the peer: the same query with no scope condition) are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import CorpusGenerator
from bench.store_bench import make_queries, run_query
from bot.core.scope import LIBRARY, Scope
from bot.store import ArticleStore, DraftBatch

FIRST_SERVER = 1_000_000_000_000_000


def owners_of_batch(index: int, servers: int) -> tuple[int, ...]:
    """Even batches go to the library, odd ones to the servers in turn."""
    if index % 2 == 0:
        return (LIBRARY,)
    return (FIRST_SERVER + (index // 2) % servers,)


async def fill(store: ArticleStore, size: int, servers: int, batch: int, seed: int) -> None:
    """Ingest the synthetic corpus, each batch filed under its owner."""
    generator = CorpusGenerator(seed)
    ingested_at = datetime(2025, 6, 1, tzinfo=UTC)
    batches = [
        DraftBatch(drafts, ingested_at, owners=owners_of_batch(i, servers))
        for i, drafts in enumerate(generator.batches(size, batch))
    ]

    async def stream() -> AsyncIterator[DraftBatch]:
        for item in batches:
            yield item

    async with contextlib.aclosing(store.add_batches(stream())) as stored:
        async for _ in stored:
            pass


async def bench(args: argparse.Namespace, folder: Path) -> dict[str, list[float]]:
    """Milliseconds of every query in every view, over all rounds."""
    path = folder / "scope.sqlite"
    async with await ArticleStore.open(path) as store:
        await fill(store, args.size, args.servers, args.batch, args.seed)
    views: dict[str, Scope | None] = {
        "unscoped": None,
        "library": Scope.library(),
        "server": Scope.server(FIRST_SERVER),
    }
    names = [CorpusGenerator(args.seed).draft(i).author or "Maria Kato" for i in range(0, 200, 7)]
    queries = make_queries(args.queries, args.seed, names)
    times: dict[str, list[float]] = {name: [] for name in views}
    async with await ArticleStore.open(path) as store:
        scoped = {name: store.scoped(scope) for name, scope in views.items()}
        for query in queries:  # warm the page cache for every view alike
            for view in scoped.values():
                await run_query(view, query)
        for _ in range(args.rounds):
            for query in queries:
                for name, view in scoped.items():
                    elapsed, _hits = await run_query(view, query)
                    times[name].append(elapsed)
    return times


def report(times: dict[str, list[float]], args: argparse.Namespace) -> Sequence[str]:
    """Median and p95 per view, and the median ratio to the unscoped view."""
    base = statistics.median(times["unscoped"])
    lines = [f"{args.size:,} articles, {args.servers} servers, {len(times['unscoped'])} searches"]
    for name, samples in times.items():
        p95 = sorted(samples)[int(0.95 * (len(samples) - 1))]
        median = statistics.median(samples)
        lines.append(
            f"  {name:9} median {median:6.2f} ms  p95 {p95:6.2f} ms  ×{median / base:.2f} unscoped"
        )
    return lines


def main() -> None:
    """Parse arguments, run in a temporary folder, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--servers", type=int, default=10)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = asyncio.run(bench(args, Path(folder)))
    print("\n".join(report(times, args)))


if __name__ == "__main__":
    main()
