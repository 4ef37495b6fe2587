"""Story clustering speed: briefbot's clusterer beside scikit-learn TF-IDF average-link.

usage: python -m bench.story_bench [--sizes 1000,10000,100000] [--peer-max 5000] [--rounds 3]
       [--with-gc]

For each size, clusters that many synthetic articles (``bench/corpus.py``) from scratch and
reports the median wall seconds and, beside them, the median CPU seconds of this process
(``time.process_time``: what other work on a shared machine changes least); the peer (the baseline of ``story_eval.py``) runs in the same
process up to ``--peer-max`` articles, beyond which its quadratic memory (n² distances) makes it
infeasible here. Then it times adding one article to the stories of the largest store. The
clustering runs with the garbage collector paused, as the service places a batch
(``bot.service.stories.collection_paused``); ``--with-gc`` keeps it running.

Giant clusters: ``bench/corpus.py`` assigns no stories. It draws every article on its own (its
topics, names, words and date independently, from shared vocabularies), so the generator puts
exactly one article in each story, and every story of two or more articles is a false merge.
Dates are read as the digest reads them (``date_span``: a month or a year is a span). Each line
reports the largest story and how many stories hold more than one article; the strict
target is a largest story of 1.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from contextlib import nullcontext

from bench.corpus import CorpusGenerator
from bot.core.models import ArticleDraft
from bot.core.stories import date_span
from bot.core.story.clusterer import StoryClusterer
from bot.core.story.state import DateSpan
from bot.core.story.terms import story_terms
from bot.service.stories import collection_paused


def _date(draft: ArticleDraft) -> DateSpan | None:
    # The digest's own reading of a publication date (``story_date``).
    return date_span(draft.published_at, draft.published_precision)


def _ours(
    drafts: list[ArticleDraft], *, with_gc: bool = False
) -> tuple[float, float, StoryClusterer]:
    """Wall and CPU seconds to cluster these drafts from scratch, and the clusterer."""
    started, cpu_started = time.perf_counter(), time.process_time()
    clusterer = StoryClusterer()
    # As the service places a batch (``collection_paused``); ``--with-gc`` times it without.
    with nullcontext() if with_gc else collection_paused():
        for index, draft in enumerate(drafts, 1):
            clusterer.add(index, story_terms(draft.title, draft.body), _date(draft))
        clusterer.consolidate()
    return time.perf_counter() - started, time.process_time() - cpu_started, clusterer


def _peer(drafts: list[ArticleDraft]) -> float:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    texts = [d.title + " " + " ".join(d.body.split()[:200]) for d in drafts]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=0.7
    )
    model.fit_predict(matrix.toarray())
    return time.perf_counter() - started


def main() -> int:
    """Run the benchmark and print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--peer-max", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--with-gc", action="store_true", help="keep the collector running")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    corpus = list(CorpusGenerator().drafts(max(sizes) + 101))
    clusterer = StoryClusterer()
    for size in sizes:
        rounds = args.rounds if size <= 10_000 else 1
        ours, cpu = [], []
        for _ in range(rounds):
            seconds, cpu_seconds, clusterer = _ours(corpus[:size], with_gc=args.with_gc)
            ours.append(seconds)
            cpu.append(cpu_seconds)
        line = f"{size:>7} articles  briefbot {statistics.median(ours):7.2f} s"
        line += f" (CPU {statistics.median(cpu):.2f} s)"
        if size <= args.peer_max:
            peer = statistics.median(_peer(corpus[:size]) for _ in range(rounds))
            line += f"  scikit-learn avg-link {peer:7.2f} s  ratio {peer / statistics.median(ours):.1f}x"
        else:
            line += "  scikit-learn avg-link: not run (n² dense distances)"
        sizes_found = Counter(clusterer.story_of.values())
        merged = sum(1 for count in sizes_found.values() if count > 1)
        line += f"  stories {len(clusterer.stories)}  largest {max(sizes_found.values())}"
        line += f"  with 2+ articles {merged}"
        print(line, flush=True)
    base = len(clusterer.story_of)
    adds = []
    for offset, draft in enumerate(corpus[base : base + 100], 1):
        started = time.perf_counter()
        clusterer.add(base + offset, story_terms(draft.title, draft.body), _date(draft))
        clusterer.consolidate()
        adds.append(time.perf_counter() - started)
    adds.sort()
    print(
        f"add one article to {base} articles' stories: median {statistics.median(adds) * 1000:.2f} ms,"
        f" p95 {adds[94] * 1000:.2f} ms (100 adds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
