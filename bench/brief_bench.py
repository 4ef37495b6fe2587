"""Topic brief and timeline latency on a large store, beside sumy LexRank on the same articles.

Usage: .venv/bin/python -m bench.brief_bench [--size 100000] [--rounds 3] [--keep PATH]
Builds (or reuses, with --keep) a store of generated articles, then times the whole service call
``Briefings.brief`` (search, load sentences, expand, rank, build) and ``Briefings.timeline`` for a
mix of topics, and sumy LexRank summarising the sentences of the same retrieved articles.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.corpus import CorpusGenerator
from bench.speed_summary import lexrank_peer, percentile
from bot.core.brief import Brief
from bot.service import Briefings, BriefRequest, TimelineRequest
from bot.store import ArticleStore

TOPICS = (
    "chips",
    "export controls",
    "AI",
    "quantum",
    "lithography",
    "supply chains",
    "climate",
    "trade",
    "Xi Jinping",
    "bananas",
)
NOW_AT = datetime(2026, 1, 15, tzinfo=UTC)


async def build_store(path: Path, size: int) -> None:
    """Fill a new store with ``size`` generated articles."""
    store = await ArticleStore.open(path)
    try:
        if await store.count_articles() >= size:
            return
        generator = CorpusGenerator(7)
        started = time.perf_counter()
        for batch in generator.batches(size, 500):
            await store.add_articles(batch, ingested_at=NOW_AT)
        print(f"built {size:,} articles in {time.perf_counter() - started:.1f} s")
    finally:
        await store.close()


async def run(args: argparse.Namespace) -> None:
    """Time briefs, timelines and LexRank on the same retrieved articles."""
    path = args.keep or Path(f"/tmp/briefbot-brief-bench-{args.size}.sqlite")
    await build_store(path, args.size)
    store = await ArticleStore.open(path)
    service = Briefings(store, seeds_dir=Path("/nonexistent"), clock=lambda: NOW_AT)
    summarise_lexrank = lexrank_peer()
    brief_ms: list[float] = []
    timeline_ms: list[float] = []
    lexrank_ms: list[float] = []
    try:
        for topic in TOPICS:  # warm the caches once, as a running bot would be
            await service.brief(BriefRequest(topic))
        for _ in range(args.rounds):
            for topic in TOPICS:
                started = time.perf_counter()
                answer = await service.brief(BriefRequest(topic))
                brief_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                await service.timeline(TimelineRequest(topic))
                timeline_ms.append((time.perf_counter() - started) * 1000)
                if summarise_lexrank is not None and isinstance(answer, Brief):
                    ids = [source.article_id for source in answer.sources]
                    articles = await store.get_articles(ids)
                    sentences = [s.text for a in articles for s in a.sentences]
                    started = time.perf_counter()
                    summarise_lexrank(sentences, 5)
                    lexrank_ms.append((time.perf_counter() - started) * 1000)
    finally:
        await store.close()
    print(f"\nstore: {args.size:,} articles ({path}); {len(TOPICS)} topics x {args.rounds} rounds")
    print("| what | p50 ms | p95 ms |")
    print("|---|---|---|")
    for name, samples in (
        ("briefbot brief (whole service call)", brief_ms),
        ("briefbot timeline (whole service call)", timeline_ms),
        ("sumy LexRank on the brief's articles only", lexrank_ms),
    ):
        if samples:
            print(
                f"| {name} | {statistics.median(samples):.1f} | {percentile(samples, 0.95):.1f} |"
            )
    if lexrank_ms:
        ratio = percentile(lexrank_ms, 0.95) / percentile(brief_ms, 0.95)
        print(f"\np95 ratio LexRank / briefbot brief: {ratio:.2f}x")


def main() -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="store file to build once and reuse")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
