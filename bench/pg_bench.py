"""SQLite against PostgreSQL in one run: ingest rate, search p50/p95, brief and timeline p50/p95.

Usage: .venv/bin/python -m bench.pg_bench [--size 20000] [--queries 300] [--rounds 3]
                                          [--url postgresql://…] [--json out.json]
                                          [--sqlite path.sqlite] [--reuse]
Both stores get the same ``bench.corpus`` drafts (generated up front, not timed) through
``add_batches``, as the CLI ingest does. Without ``--url`` the PostgreSQL side is a throwaway
local cluster (``tests.pg``: the server binaries under /usr/lib/postgresql/15/bin, fsync off),
so its figures are the store's work, not a disk's; ``--url`` measures a real server (an empty
database: the benchmark fills it). ``--reuse`` times the queries only, on stores a former run
filled (``--sqlite`` and ``--url`` name them; the corpus arguments must be the same): code
changes to the queries can be compared in a minute instead of an ingest's four.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.brief_bench import NOW_AT, TOPICS
from bench.corpus import CorpusGenerator
from bench.store_bench import make_queries, percentile, run_query
from bot.service import Briefings, BriefRequest, TimelineRequest
from bot.store import ArticleStore, DraftBatch


def _spread(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(samples, 0.5), 2),
        "p95_ms": round(percentile(samples, 0.95), 2),
    }


async def bench_backend(location: Path | str, args: argparse.Namespace) -> dict[str, Any]:
    """Fill one store with ``args.size`` articles, then time searches, briefs and timelines."""
    generator = CorpusGenerator(args.seed)
    ingested_at = datetime(2025, 6, 1, tzinfo=UTC)
    # Generated up front so that the ingest rate leaves out the drafts' making.
    batches = (
        []
        if args.reuse
        else [DraftBatch(b, ingested_at) for b in generator.batches(args.size, args.batch)]
    )

    async def stream() -> AsyncIterator[DraftBatch]:
        for batch in batches:
            yield batch

    added = 0
    ingest_seconds = 0.0
    if not args.reuse:
        async with await ArticleStore.open(location, workers=args.workers) as store:
            started = time.perf_counter()
            async with contextlib.aclosing(store.add_batches(stream())) as stored:
                async for results in stored:
                    added += sum(1 for r in results if r.status == "added")
            ingest_seconds = time.perf_counter() - started
    async with await ArticleStore.open(location, workers=1) as store:
        names = [generator.draft(i).author or "Maria Kato" for i in range(0, 200, 7)]
        queries = make_queries(args.queries, args.seed, names)
        for query in queries[:20]:  # warm caches, as a running bot's are
            await run_query(store, query)
        search_ms = [(await run_query(store, query))[0] for query in queries]
        service = Briefings(store, seeds_dir=Path("/nonexistent"), clock=lambda: NOW_AT)
        for topic in TOPICS:
            await service.brief(BriefRequest(topic))
        brief_ms: list[float] = []
        timeline_ms: list[float] = []
        for _ in range(args.rounds):
            for topic in TOPICS:
                started = time.perf_counter()
                await service.brief(BriefRequest(topic))
                brief_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                await service.timeline(TimelineRequest(topic))
                timeline_ms.append((time.perf_counter() - started) * 1000)
    return {
        "articles": None if args.reuse else added,
        "ingest_per_s": round(added / ingest_seconds, 1) if ingest_seconds else None,
        "search": _spread(search_ms),
        "brief": _spread(brief_ms),
        "timeline": _spread(timeline_ms),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Both backends, one after the other, on the same corpus."""
    results: dict[str, Any] = {"size": args.size}
    if args.sqlite is not None:
        results["sqlite"] = await bench_backend(args.sqlite, args)
    else:
        with tempfile.TemporaryDirectory(prefix="briefbot-pg-bench-") as folder:
            results["sqlite"] = await bench_backend(Path(folder) / "bench.sqlite", args)
    if args.url:
        results["postgresql"] = await bench_backend(args.url, args)
        return results
    from tests.pg import missing_reason, start_cluster

    reason = missing_reason()
    if reason is not None:
        raise SystemExit(f"no PostgreSQL to measure: {reason}; pass --url")
    cluster = start_cluster(
        {"shared_buffers": args.shared_buffers} if args.shared_buffers else None
    )
    try:
        results["postgresql"] = await bench_backend(cluster.create_database(), args)
    finally:
        cluster.stop()
    return results


def print_report(results: dict[str, Any]) -> None:
    """One line per figure, SQLite and PostgreSQL side by side, and PostgreSQL's ratio."""
    sqlite, pg = results["sqlite"], results["postgresql"]
    print(f"{results['size']:,} articles            SQLite    PostgreSQL   ratio")
    if sqlite["ingest_per_s"] and pg["ingest_per_s"]:
        print(
            f"ingest articles/s     {sqlite['ingest_per_s']:>9,.0f} {pg['ingest_per_s']:>12,.0f}"
            f"   {pg['ingest_per_s'] / sqlite['ingest_per_s']:.2f}"
        )
    for figure in ("search", "brief", "timeline"):
        for spread in ("p50_ms", "p95_ms"):
            mine, theirs = sqlite[figure][spread], pg[figure][spread]
            print(
                f"{figure + ' ' + spread:<20} {mine:>9.1f} {theirs:>12.1f}   "
                f"{theirs / mine if mine else float('nan'):.2f}"
            )


def main() -> None:
    """Parse the arguments, run both backends, print the comparison (and write JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--url", default=None, help="an empty PostgreSQL database to fill")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--sqlite", type=Path, default=None, help="the SQLite file to fill")
    parser.add_argument("--reuse", action="store_true", help="no ingest: the stores are filled")
    parser.add_argument(
        "--shared-buffers",
        default=None,
        help="the throwaway cluster's shared_buffers (server default 128MB; SQLite maps 256MB)",
    )
    args = parser.parse_args()
    if args.reuse and (args.sqlite is None or args.url is None):
        parser.error("--reuse needs --sqlite and --url: the stores a former run filled")
    results = asyncio.run(run(args))
    print_report(results)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
