"""Story clustering on ECB+ split by topic parity, so a change that helps only some topics shows.

Each half (odd-numbered topics, even-numbered topics) is clustered on its own, in the pool setting
(all its articles at once) and the topic setting (one topic at a time), and scored with
``story_eval.bcubed`` of ``../shared/eval/scripts``: the standard scorer, not a copy.

usage: .venv/bin/python -m bench.story_halves [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from bench.quality_stories import labels

_DATA = "eval/stories/ecbplus_topics_1-35.jsonl"
_SCORER = "eval/scripts/story_eval.py"
Scorer = Callable[[list[int], list[str]], tuple[float, float, float]]
Record = dict[str, str | int]


def _scorer(shared: Path) -> Scorer:
    """``bcubed`` from the shared eval scripts, loaded from its file."""
    spec = importlib.util.spec_from_file_location("story_eval", shared / _SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {shared / _SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scorer: Scorer = module.bcubed
    return scorer


def _items(records: list[Record]) -> list[dict[str, str]]:
    return [
        {"title": str(r["title"]), "body": str(r["body"]), "url": str(r["url"])} for r in records
    ]


def score_half(
    records: list[Record], bcubed: Scorer
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Pool and topic-setting B3 precision, recall and F1 of the clusterer on these records."""
    pool = bcubed(labels(_items(records)), [str(r["story"]) for r in records])
    by_topic: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        by_topic[int(record["topic"])].append(record)
    scores = [bcubed(labels(_items(g)), [str(r["story"]) for r in g]) for g in by_topic.values()]
    topic = tuple(sum(s[i] for s in scores) / len(scores) for i in range(3))
    return pool, topic


def main(argv: list[str] | None = None) -> int:
    """Print pool and topic B3 P/R/F1 for all topics, the odd ones and the even ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    data = args.shared / _DATA
    if not data.is_file():
        print(
            f"skipped: {data} is absent (the eval data lives beside the project)", file=sys.stderr
        )
        return 0
    records: list[Record] = [json.loads(line) for line in data.read_text().splitlines() if line]
    bcubed = _scorer(args.shared)
    halves = {
        "all": records,
        "odd": [r for r in records if int(r["topic"]) % 2],
        "even": [r for r in records if not int(r["topic"]) % 2],
    }
    for name, half in halves.items():
        pool, topic = score_half(half, bcubed)
        print(
            f"{name:4s} pool P/R/F1 {pool[0]:.3f}/{pool[1]:.3f}/{pool[2]:.3f}"
            f"  topic {topic[0]:.3f}/{topic[1]:.3f}/{topic[2]:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
