"""How alike an article and a story, or two stories, are: weights, similarity and the merge rules."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import mul, sub

from bot.core.story.state import StoryState, dot
from bot.core.story.terms import StoryTerms

BACKGROUND_DOCUMENTS = 1000.0
JOIN_SIMILARITY = 0.45
MERGE_SIMILARITY = 0.25
VECTOR_TERMS = 60
# A name in this share of a story's reports, absent from the other story and rarer than
# RARE_NAME_IDF, marks the two as different events.
NAME_SHARE = 0.4
RARE_NAME_IDF = 4.0
# Only stories with this many reports can conflict: one report's names are too few to judge.
MERGE_SIZE = 2
# A story of this many reports takes an article (or a story) only if it mentions one of the
# story's key names (in NAME_SHARE of its reports): without it, a centroid of loosely related
# reports drifts towards the average article and keeps absorbing.
GROWN_SIZE = 3


class _TfWeights(dict[float, float]):
    """1 + log(tf) by term count, computed once per distinct count."""

    def __missing__(self, count: float) -> float:
        weight = self[count] = 1.0 + math.log(count)
        return weight


_TF_WEIGHTS = _TfWeights()


def article_vector(
    terms: StoryTerms, frequency_of: Callable[[str], int], log_documents: list[float], top: float
) -> tuple[list[str], dict[str, float]]:
    """The article's unit TF-IDF vector over its ``VECTOR_TERMS`` heaviest terms, ranked.

    ``log_documents[d]`` is log(d + 1) for every document frequency d and ``top`` is
    log(N + ``BACKGROUND_DOCUMENTS``): the caller keeps both for its store.
    """
    counts = terms.counts  # positive, as story_terms makes them
    # -(1 + log tf) * idf for every term, where -idf = log(df + 1) - log(N + background);
    # the maps run in C.
    negative_idf = map(sub, map(log_documents.__getitem__, map(frequency_of, counts)), repeat(top))
    weights = map(mul, map(_TF_WEIGHTS.__getitem__, counts.values()), negative_idf)
    # Sorting (-weight, term) pairs ranks heaviest first, ties by term.
    pairs = sorted(zip(weights, counts, strict=True))[:VECTOR_TERMS]
    if not pairs:
        return [], {}
    negatives, ranked = zip(*pairs, strict=True)
    # hypot ignores signs and -w * -s is exactly w * s: the weights need no negating back.
    scale = -1.0 / (math.hypot(*negatives) or 1.0)
    return list(ranked), dict(zip(ranked, map(mul, negatives, repeat(scale)), strict=True))


def similarity(left: StoryState, right: StoryState) -> float:
    """Cosine of two stories' centroids."""
    return dot(left.centroid, right.centroid) / (left.norm * right.norm)


def merge_bar(left: StoryState, right: StoryState) -> float:
    """How similar two stories must be to merge.

    Two stories dated to days near each other, or two with no dates at all (a store without
    dates), merge above ``MERGE_SIMILARITY``. Otherwise one of them is undated or dated only to
    a month or a year, and dates cannot confirm the pair: such a story meets every story of
    that year (or of the store), so the low bar would find it a chance neighbour; it merges only
    as an article joins, above ``JOIN_SIMILARITY``.
    """
    if (left.first_at is None) == (right.first_at is None) and not (left.wide or right.wide):
        return MERGE_SIMILARITY
    return JOIN_SIMILARITY


def fits(story: StoryState, names: Iterable[str]) -> bool:
    """Whether these names include a key name of the story (or the story is too young or
    has no names, as CJK text has none)."""
    size = len(story.article_ids)
    if size < GROWN_SIZE or not story.names:
        return True
    counts = story.names
    return any(counts.get(name, 0) >= NAME_SHARE * size for name in names)


def _distinct_names(story: StoryState, other: StoryState, idf: Callable[[str], float]) -> bool:
    size = len(story.article_ids)
    return any(
        count / size >= NAME_SHARE and name not in other.names and idf(name) >= RARE_NAME_IDF
        for name, count in story.names.items()
    )


def conflict(left: StoryState, right: StoryState, idf: Callable[[str], float]) -> bool:
    """Whether each story has a rare key name the other never mentions (two events)."""
    if min(len(left.article_ids), len(right.article_ids)) < MERGE_SIZE:
        return False
    return _distinct_names(left, right, idf) and _distinct_names(right, left, idf)


def mergeable(
    story: StoryState, other: StoryState, score: float, idf: Callable[[str], float]
) -> bool:
    """Whether two stories this similar may merge (``score`` is their similarity)."""
    return (
        score >= merge_bar(story, other)
        # Below the join threshold, reports of one event name someone or somewhere alike.
        and (score >= JOIN_SIMILARITY or not story.names.keys().isdisjoint(other.names))
        and not conflict(story, other, idf)
        and fits(story, other.names)
        and fits(other, story.names)
    )
