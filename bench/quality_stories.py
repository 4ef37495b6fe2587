"""Story clustering quality on ECB+: ``labels`` runs the clusterer the digest uses.

usage: python ../shared/eval/scripts/story_eval.py --data ../shared/eval/stories/ecbplus_topics_1-35.jsonl \\
           --func py:bench.quality_stories:labels --baselines
"""

from __future__ import annotations

from bot.core.story.clusterer import cluster_labels
from bot.core.story.terms import story_terms


def labels(items: list[dict[str, str]]) -> list[int]:
    """One story label per item (title, body, url), in item order."""
    keys = cluster_labels(
        (index, story_terms(item["title"], item["body"]), None)
        for index, item in enumerate(items, 1)
    )
    numbers: dict[str, int] = {}
    return [numbers.setdefault(keys[index], len(numbers)) for index in range(1, len(items) + 1)]
