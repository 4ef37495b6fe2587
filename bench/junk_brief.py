"""A brief's cost with a huge junk article in the store: seeds alone against seeds plus 20 MB.

Usage: .venv/bin/python -m bench.junk_brief [--size-mb 20] [--rounds 5] [--topic chips]
Builds two temporary stores: the seeds ingested as usual, and the same seeds plus one article of
``--size-mb`` MB (a chip-fab log dump that mentions the topic on every line) inserted through the
store API, bypassing the ingest gate as an article stored before the gate existed would. Times the
whole service call ``Briefings.brief`` on each (after one warm-up call) and prints the median of
each and their ratio; issue 16 asks for at most 2x.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bot.core.brief import Brief
from bot.core.models import ArticleDraft
from bot.service import Briefings, BriefRequest
from bot.store import ArticleStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NOW_AT = datetime(2026, 1, 15, tzinfo=UTC)
TARGET_RATIO = 2.0
_WORDS = ("chip", "wafer", "lithography", "semiconductor", "fab", "export", "controls", "node")


def junk_body(size_bytes: int) -> str:
    """A log dump of about ``size_bytes``: varied lines, each naming chip words, in paragraphs."""
    lines: list[str] = []
    total = 0
    number = 0
    while total < size_bytes:
        word = _WORDS[number % len(_WORDS)]
        other = _WORDS[(number * 7 + 3) % len(_WORDS)]
        line = (
            f"2024-05-{number % 28 + 1:02d} {number % 24:02d}:{number % 60:02d}:{number * 7 % 60:02d}"
            f" INFO scheduler[{number % 9973}] The {word} line moved lot {number} to the {other}"
            f" stage after {number % 541} seconds."
        )
        lines.append(line)
        total += len(line) + 2
        number += 1
    return "\n\n".join(lines)


async def build_store(path: Path, junk_mb: float | None) -> int:
    """A store of the seeds, plus a junk article of ``junk_mb`` MB; the junk article's id or 0."""
    store = await ArticleStore.open(path)
    try:
        service = Briefings(store, seeds_dir=SEEDS, clock=lambda: NOW_AT)
        await service.ensure_seeded()
        if junk_mb is None:
            return 0
        draft = ArticleDraft(
            title="Chip fab scheduler log",
            body=junk_body(int(junk_mb * 1024 * 1024)),
            publisher="Fab logs",
            published_at=NOW_AT,
            origin="junk.log",
        )
        started = time.perf_counter()
        results = await store.add_articles([draft], ingested_at=NOW_AT)
        print(f"inserted the {junk_mb:g} MB article in {time.perf_counter() - started:.1f} s")
        return results[0].article_id
    finally:
        await store.close()


async def time_briefs(path: Path, topic: str, rounds: int) -> tuple[float, Brief | None]:
    """The median wall time in ms of ``rounds`` briefs on ``topic``, and the last brief."""
    store = await ArticleStore.open(path)
    try:
        service = Briefings(store, seeds_dir=SEEDS, clock=lambda: NOW_AT)
        answer = await service.brief(BriefRequest(topic))  # warm-up, as a running bot would be
        timings: list[float] = []
        for _ in range(rounds):
            started = time.perf_counter()
            answer = await service.brief(BriefRequest(topic))
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings), answer if isinstance(answer, Brief) else None
    finally:
        await store.close()


async def run(args: argparse.Namespace) -> int:
    """Build both stores, time the brief on each and print the figures; 1 when over target."""
    with tempfile.TemporaryDirectory(prefix="briefbot-junk-") as folder:
        clean_path, junk_path = Path(folder) / "seeds.db", Path(folder) / "junk.db"
        await build_store(clean_path, None)
        junk_id = await build_store(junk_path, args.size_mb)
        clean_ms, _ = await time_briefs(clean_path, args.topic, args.rounds)
        junk_ms, junk_brief = await time_briefs(junk_path, args.topic, args.rounds)
    ratio = junk_ms / clean_ms
    cited = junk_brief is not None and any(s.article_id == junk_id for s in junk_brief.sources)
    print(f"brief {args.topic!r}, median of {args.rounds}:")
    print(f"  seeds only            {clean_ms:9.1f} ms")
    print(f"  seeds + {args.size_mb:g} MB article {junk_ms:9.1f} ms")
    print(f"  ratio                 {ratio:9.2f}x (target <= {TARGET_RATIO:g}x)")
    print(f"  junk article cited    {'yes' if cited else 'no'}")
    return 0 if ratio <= TARGET_RATIO else 1


def main() -> None:
    """Parse the arguments and run the benchmark once."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--topic", default="chips")
    raise SystemExit(asyncio.run(run(parser.parse_args())))


if __name__ == "__main__":
    main()
