"""Fingerprints of the story clusterer's results, to prove a speed change leaves them identical.

usage: python -m bench.story_golden [--sizes 1000,10000] [--write FILE | --check FILE]

Hashes (1) the ECB+ labels of ``bench.quality_stories.labels`` and (2) for each size the
synthetic store of ``bench/story_bench.py`` (``bench/corpus.py``, dated as the digest dates
it): every article's terms and names, every placement, every story's members, centroid (in
its order, floats by ``repr``), names, span and ranking, the aliases and the frequencies;
then the same after 100 single adds with a consolidate after each (the incremental path).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from bench.corpus import CorpusGenerator
from bench.quality_stories import labels
from bench.story_bench import _date
from bot.core.story.clusterer import StoryClusterer
from bot.core.story.terms import StoryTerms, story_terms

ECB = Path(__file__).resolve().parents[1] / "../shared/eval/stories/ecbplus_topics_1-35.jsonl"


def _digest(parts: Iterable[object]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode())
        hasher.update(b"\0")
    return hasher.hexdigest()[:16]


def _terms_parts(terms: StoryTerms) -> tuple[object, ...]:
    return (sorted(terms.counts.items()), sorted(terms.names))


def _state_parts(clusterer: StoryClusterer) -> list[object]:
    parts: list[object] = [clusterer.document_count]
    parts.append(sorted(clusterer.frequencies.items()))
    parts.append(sorted((a, clusterer.resolve(k)) for a, k in clusterer.story_of.items()))
    parts.append(sorted(clusterer.aliases.items()))
    for key in sorted(clusterer.stories):
        s = clusterer.stories[key]
        parts.append(
            (
                s.key,
                s.first_id,
                s.article_ids,
                list(s.centroid.items()),
                sorted(s.names.items()),
                s.first_at,
                s.last_at,
                repr(s.norm),
                s.ranked,
                s.wide,
            )
        )
    return parts


def fingerprints(sizes: list[int]) -> dict[str, str]:
    """Name -> hash of each result."""
    found: dict[str, str] = {}
    docs = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines() if line]
    found["ecb_labels"] = _digest(labels(docs))
    found["ecb_terms"] = _digest(_terms_parts(story_terms(d["title"], d["body"])) for d in docs)
    corpus = list(CorpusGenerator().drafts(max(sizes) + 101))
    for size in sizes:
        clusterer = StoryClusterer()
        all_terms = [story_terms(d.title, d.body) for d in corpus[: size + 100]]
        found[f"{size}_terms"] = _digest(map(_terms_parts, all_terms))
        keys = [
            clusterer.add(i, all_terms[i - 1], _date(corpus[i - 1])) for i in range(1, size + 1)
        ]
        clusterer.consolidate()
        found[f"{size}_adds"] = _digest(keys)
        found[f"{size}_state"] = _digest(_state_parts(clusterer))
        for i in range(size + 1, size + 101):
            keys.append(clusterer.add(i, all_terms[i - 1], _date(corpus[i - 1])))
            clusterer.consolidate()
        found[f"{size}_more"] = _digest([*keys, *_state_parts(clusterer)])
    return found


def main() -> int:
    """Print the fingerprints; write them to a file or check them against one."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--write", type=Path)
    parser.add_argument("--check", type=Path)
    args = parser.parse_args()
    found = fingerprints([int(s) for s in args.sizes.split(",")])
    for name, value in found.items():
        print(f"{name:>14} {value}")
    if args.write:
        args.write.write_text(json.dumps(found, indent=1) + "\n")
    if args.check:
        expected = json.loads(args.check.read_text())
        wrong = [name for name, value in found.items() if expected.get(name) != value]
        print("IDENTICAL" if not wrong else f"DIFFERENT: {', '.join(wrong)}")
        return 1 if wrong else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
