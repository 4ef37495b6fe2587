"""Speed of the pure brief core: ``summarise`` throughput, topic-brief latency, on CNN/DM stories.

Usage: .venv/bin/python bench/speed_summary.py [--data PATH] [--hits 50] [--rounds 3]
Part 1: ``summarise`` docs/s on the 250 CNN/DM stories (first pass with cold caches, then warm),
beside sumy LexRank when installed. Part 2: p50/p95 of resolve → expand → rank → build_brief (first
round with cold caches, then later rounds) over the articles a store search would return (simulated
here by stem matching; the store's own query time is measured by the store's bench), and the ratio
against sumy LexRank summarising the same retrieved articles. The machine's load average is
printed first: on a shared machine, wall-clock figures swing with it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.brief import (
    build_brief,
    expand_topic,
    load_topic_lexicon,
    rank_articles,
    resolve_topic,
    summarise,
)
from bot.core.brief.stemming import content_stems
from bot.core.models import Article, ArticleDraft, SearchHit
from bot.core.text import content_hash, sentences_of

_DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "eval"
    / "cnndm"
    / "cnndm_test_250.jsonl"
)
NOW_AT = datetime(2015, 6, 1, tzinfo=UTC)
TOPICS = [
    "police",
    "football",
    "election",
    "health",
    "fire",
    "school",
    "court",
    "weather",
    "money",
    "president",
    "family",
    "hospital",
    "world cup",
    "chips",
    "export controls",
]


def _articles(docs: list[dict[str, object]]) -> list[Article]:
    out = []
    for index, doc in enumerate(docs):
        lines = [str(line) for line in doc["article_lines"]]  # type: ignore[attr-defined]
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        draft = ArticleDraft(
            title=lines[0][:90],
            body="\n\n".join(paragraphs),
            published_at=NOW_AT - timedelta(days=index % 90),
        )
        out.append(
            Article(
                id=index + 1,
                title=draft.title,
                body=draft.body,
                content_hash=content_hash(draft.body),
                ingested_at=NOW_AT,
                published_at=draft.published_at,
                sentences=tuple(sentences_of(index + 1, draft)),
            )
        )
    return out


def _search(index: list[tuple[Article, set[str]]], terms: set[str], limit: int) -> list[SearchHit]:
    """A stand-in for ``store.search``: articles sharing stems with the query, most shared first."""
    scored = [(len(stems & terms), a) for a, stems in index if stems & terms]
    scored.sort(key=lambda pair: (-pair[0], pair[1].id))
    return [SearchHit(a, float(score), "") for score, a in scored[:limit]]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def lexrank_peer() -> Callable[[list[str], int], list[str]] | None:
    """sumy LexRank as ``quality_summary`` runs it, or None when sumy is not installed."""
    spec = importlib.util.spec_from_file_location(
        "quality_summary", Path(__file__).with_name("quality_summary.py")
    )
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    factory: Callable[[str], Callable[[list[str], int], list[str]]] = module._sumy
    try:
        return factory("lexrank")
    except ImportError:
        return None


def main() -> int:
    """Print both speed tables; exit 2 when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA)
    parser.add_argument("--hits", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no eval data at {args.data}", file=sys.stderr)
        return 2
    print(f"load average before the run: {os.getloadavg()[0]:.2f} (timings are wall clock)\n")
    with args.data.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    lexrank = lexrank_peer()

    print("## summarise, 3 sentences per CNN/DM story\n\n| system | pass | docs/s |\n|---|---|---|")
    for label in ("cold", "warm", "warm"):
        started = time.perf_counter()
        for doc in docs:
            summarise(doc["article_lines"], 3)
        print(
            f"| briefbot summarise | {label} | {len(docs) / (time.perf_counter() - started):.0f} |"
        )
    if lexrank is not None:
        started = time.perf_counter()
        for doc in docs:
            lexrank(doc["article_lines"], 3)
        print(f"| LexRank (sumy) | - | {len(docs) / (time.perf_counter() - started):.0f} |")

    articles = _articles(docs)
    index = [(a, set(content_stems(a.body))) for a in articles]
    lexicon = load_topic_lexicon()
    ours: list[float] = []
    first_round: list[float] = []
    peer: list[float] = []
    for round_index in range(args.rounds):
        for topic in TOPICS:
            started = time.perf_counter()
            query = resolve_topic(topic, lexicon)
            stems = {s for term in query.weighted for s in term.stems}
            hits = _search(index, stems, args.hits)
            query = expand_topic(query, [h.article for h in hits[:5]])
            ranked = rank_articles(query, hits, now_at=NOW_AT)
            build_brief(query, ranked)
            elapsed_ms = 1000 * (time.perf_counter() - started)
            (first_round if round_index == 0 else ours).append(elapsed_ms)
            if lexrank is not None and ranked:
                pooled = [s.text for r in ranked[:8] for s in r.article.sentences]
                started = time.perf_counter()
                lexrank(pooled, 10)
                peer.append(1000 * (time.perf_counter() - started))
    if not ours:  # a single round: report it as the warm figures too
        ours = first_round
    print(f"\n## topic brief core over {args.hits} retrieved articles ({len(ours)} runs)\n")
    print("| system | p50 ms | p95 ms |\n|---|---|---|")
    for label, samples in (("first round, cold caches", first_round), ("later rounds", ours)):
        p50, p95 = statistics.median(samples), percentile(samples, 0.95)
        print(f"| briefbot brief core, {label} | {p50:.1f} | {p95:.1f} |")
    if peer:
        p50, p95 = statistics.median(peer), percentile(peer, 0.95)
        print(f"| LexRank (sumy), top 8 | {p50:.1f} | {p95:.1f} |")
        ratio = percentile(peer, 0.95) / percentile(ours, 0.95)
        print(f"\np95 ratio LexRank / briefbot: {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
