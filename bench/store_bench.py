"""Article store benchmark: ingest rate, search latency and peak memory at several corpus sizes.

Usage: .venv/bin/python -m bench.store_bench --sizes 10000 100000 [--batch 500] [--json out.json]
Each size gets a fresh database file; drafts come from ``bench.corpus`` (generation time is not
counted as ingest). Search latency covers single topic words, two-word phrases, OR groups of eight
expansion terms, rare names and CJK words, each with and without a publisher or date filter.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.corpus import CJK_WORDS, PUBLISHERS, TOPICS, CorpusGenerator, average_body_chars
from bot.store import ArticleStore, DraftBatch


@dataclass(frozen=True, slots=True)
class Query:
    """One benchmark query: its kind (for the breakdown), terms and filters."""

    kind: str
    terms: tuple[str, ...]
    publisher: str | None = None
    since_at: datetime | None = None
    until_at: datetime | None = None


def make_queries(count: int, seed: int, names: list[str]) -> list[Query]:
    """A deterministic query mix; filters are applied to a third of each kind."""
    rng = random.Random(seed)
    words = [t for terms in TOPICS.values() for t in terms if " " not in t]
    phrases = [t for terms in TOPICS.values() for t in terms if " " in t]
    queries: list[Query] = []
    kinds: list[tuple[str, Callable[[], tuple[str, ...]]]] = [
        ("word", lambda: (rng.choice(words),)),
        ("phrase", lambda: (rng.choice(phrases),)),
        ("or8", lambda: tuple(rng.sample(TOPICS[rng.choice(sorted(TOPICS))], 8))),
        ("name", lambda: (rng.choice(names),)),
        ("cjk", lambda: (rng.choice(CJK_WORDS),)),
    ]
    for index in range(count):
        kind, make = kinds[index % len(kinds)]
        terms = make()
        variant = rng.randrange(3)
        if variant == 1:
            queries.append(Query(f"{kind}+publisher", terms, publisher=rng.choice(PUBLISHERS)))
        elif variant == 2:
            since_at = datetime(2019, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(5 * 365))
            until_at = since_at + timedelta(days=365)
            queries.append(Query(f"{kind}+dates", terms, since_at=since_at, until_at=until_at))
        else:
            queries.append(Query(kind, terms))
    return queries


def percentile(samples: list[float], fraction: float) -> float:
    """The nearest-rank percentile of samples (milliseconds in, milliseconds out)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def database_bytes(folder: Path, size: int) -> int:
    """The size of a benchmark database with its WAL files."""
    return sum(p.stat().st_size for p in folder.glob(f"bench-{size}.sqlite*"))


async def run_query(store: ArticleStore, query: Query) -> tuple[float, int]:
    """Milliseconds one search takes, and how many hits it returned."""
    started = time.perf_counter()
    hits = await store.search(
        query.terms,
        publisher=query.publisher,
        since_at=query.since_at,
        until_at=query.until_at,
        limit=20,
    )
    return (time.perf_counter() - started) * 1000, len(hits)


async def timed(call: Callable[[], Awaitable[Any]]) -> float:
    """Milliseconds one awaited call takes."""
    started = time.perf_counter()
    await call()
    return (time.perf_counter() - started) * 1000


async def bench_size(size: int, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    """Ingest ``size`` articles into a fresh store, then time searches and reads."""
    generator = CorpusGenerator(args.seed)
    path = folder / f"bench-{size}.sqlite"
    store = await ArticleStore.open(path, workers=args.workers)
    started_wall = time.perf_counter()
    ingested_at = datetime(2025, 6, 1, tzinfo=UTC)
    added = 0
    reused = await store.count_articles()
    if reused and reused != size:
        raise SystemExit(f"{path} holds {reused} articles, not {size}; remove it or drop --reuse")
    # Drafts are generated up front so that generation is not counted; the store then gets them
    # as the CLI ingest does: an async stream of batches, the next prepared while one is written.
    batches = [  # held in memory: peak RSS includes them
        DraftBatch(b, ingested_at) for b in generator.batches(0 if reused else size, args.batch)
    ]

    async def stream() -> AsyncIterator[DraftBatch]:
        for batch in batches:
            yield batch

    started = time.perf_counter()
    started_cpu = time.process_time()
    async with contextlib.aclosing(store.add_batches(stream())) as stored:
        async for results in stored:
            added += sum(1 for r in results if r.status == "added")
    ingest_seconds = time.perf_counter() - started
    ingest_cpu_seconds = time.process_time() - started_cpu
    wall_seconds = time.perf_counter() - started_wall

    # Reopen so searches run on a cold connection cache, as a freshly started bot would.
    await store.close()
    store = await ArticleStore.open(path)
    names = [generator.draft(i).author or "Maria Kato" for i in range(0, 200, 7)]
    queries = make_queries(args.queries, args.seed, names)
    # The first pass meets a cold page cache; the second shows a bot that has been running.
    cold_ms = [ms for ms, _ in [await run_query(store, q) for q in queries]]
    latencies: dict[str, list[float]] = {}
    all_ms: list[float] = []
    hit_counts: list[int] = []
    for query in queries:
        elapsed, hits = await run_query(store, query)
        hit_counts.append(hits)
        latencies.setdefault(query.kind, []).append(elapsed)
        all_ms.append(elapsed)
    reads = {
        "list_articles(50)": await timed(lambda: store.list_articles(limit=50)),
        "list_articles(publisher)": await timed(lambda: store.list_articles(publisher="Wired")),
        "get_articles(20, sentences)": await timed(
            lambda: store.get_articles(list(range(1, size, max(1, size // 20)))[:20])
        ),
        "term_document_counts(8)": await timed(
            lambda: store.term_document_counts(list(TOPICS["chips"][:8]))
        ),
        "vocabulary(prefix='chi')": await timed(lambda: store.vocabulary(prefix="chi")),
        "publishers()": await timed(store.publishers),
        "count_articles()": await timed(store.count_articles),
    }
    await store.close()
    return {
        "size": size,
        "added": added,
        "ingest_seconds": ingest_seconds,
        "reused_database": bool(reused),
        "ingest_per_second": added / ingest_seconds if added else 0.0,
        "ingest_main_process_cpu_seconds": ingest_cpu_seconds,
        "workers": args.workers,
        "wall_seconds_with_generation": wall_seconds,
        "database_mb": database_bytes(folder, size) / 1e6,
        "cold_search_p50_ms": statistics.median(cold_ms),
        "cold_search_p95_ms": percentile(cold_ms, 0.95),
        "search_p50_ms": statistics.median(all_ms),
        "search_p95_ms": percentile(all_ms, 0.95),
        "search_max_ms": max(all_ms),
        "mean_hits": statistics.fmean(hit_counts),
        "by_kind": {
            kind: {"n": len(v), "p50_ms": statistics.median(v), "p95_ms": percentile(v, 0.95)}
            for kind, v in sorted(latencies.items())
        },
        "reads_ms": reads,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # Other work on the machine skews every figure: record how busy it was.
        "load_average_1min_at_end": os.getloadavg()[0],
    }


def print_report(result: dict[str, Any]) -> None:
    """A plain table of one size's figures."""
    print(f"\n== {result['size']:,} articles ==")
    print(
        f"ingest {result['ingest_per_second']:,.0f} articles/s "
        f"({result['ingest_seconds']:.1f} s in store, {result['wall_seconds_with_generation']:.1f} s"
        f" with generation, {result['ingest_main_process_cpu_seconds']:.1f} s CPU in this process);"
        f" database {result['database_mb']:,.0f} MB; "
        f"peak RSS {result['peak_rss_mb']:,.0f} MB; load average {result['load_average_1min_at_end']:.1f}"
    )
    print(
        f"search p50 {result['search_p50_ms']:.2f} ms  p95 {result['search_p95_ms']:.2f} ms  "
        f"max {result['search_max_ms']:.2f} ms  (mean hits {result['mean_hits']:.1f})"
    )
    print(
        f"(first, cold-cache pass: p50 {result['cold_search_p50_ms']:.2f} ms  "
        f"p95 {result['cold_search_p95_ms']:.2f} ms)"
    )
    print(f"{'query kind':<20}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, figures in result["by_kind"].items():
        print(f"{kind:<20}{figures['n']:>5}{figures['p50_ms']:>10.2f}{figures['p95_ms']:>10.2f}")
    for name, ms in result["reads_ms"].items():
        print(f"{name:<32}{ms:>8.2f} ms")


async def run(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Benchmark every size in its own temporary folder."""
    print(f"corpus: mean body {average_body_chars(CorpusGenerator(args.seed)):,.0f} chars")
    results = []
    for size in args.sizes:
        if args.keep:
            args.dir.mkdir(parents=True, exist_ok=True)
            if not args.reuse:
                for stale in args.dir.glob(f"bench-{size}.sqlite*"):
                    stale.unlink()
            result = await bench_size(size, args, args.dir)
        else:
            with tempfile.TemporaryDirectory(dir=args.dir) as folder:
                result = await bench_size(size, args, Path(folder))
        print_report(result)
        results.append(result)
    return results


def main() -> None:
    """Parse arguments, run, print, and optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workers", type=int, default=None, help="ingest worker processes (default: the store's)"
    )
    parser.add_argument("--dir", type=Path, default=None, help="where the temporary databases go")
    parser.add_argument("--keep", action="store_true", help="keep the databases in --dir")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: search a kept database, skip ingest"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if args.keep and args.dir is None:
        parser.error("--keep needs --dir")
    if args.reuse and not args.keep:
        parser.error("--reuse needs --keep")
    results = asyncio.run(run(args))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
