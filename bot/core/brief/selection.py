"""Sentence selection: position prior, centroid centrality, query relevance, redundancy control."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from operator import mul

from bot.core.brief.stemming import content_stems, word_count

# Weights of the sentence score; position dominates on news (lead bias), centrality breaks ties.
POSITION_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.6
QUERY_WEIGHT = 0.8
REDUNDANCY_WEIGHT = 0.9
POSITION_DECAY = 0.35
SHORT_SENTENCE_WORDS = 9
LONG_SENTENCE_WORDS = 60


@dataclass(frozen=True, slots=True)
class SentenceVector:
    """A sentence's stem counts and norm, for cosine similarity."""

    counts: dict[str, float]
    norm: float
    word_count: int


def vectorise(text: str, weights: dict[str, float] | None = None) -> SentenceVector:
    """Turn text into a (weighted) stem-count vector."""
    return stems_vector(content_stems(text), word_count(text), weights)


def stems_vector(
    stems: Sequence[str], word_count: int = 0, weights: dict[str, float] | None = None
) -> SentenceVector:
    """Turn a text's ``content_stems`` into a (weighted) stem-count vector."""
    counts = {
        term: count * (weights.get(term, 1.0) if weights is not None else 1.0)
        for term, count in _term_counts(stems).items()
    }
    return SentenceVector(counts, _norm(counts), word_count)


def cosine(left: SentenceVector, right: SentenceVector) -> float:
    """Cosine similarity of two sentence vectors (0 when either is empty)."""
    if not left.norm or not right.norm:
        return 0.0
    small, large = (left, right) if len(left.counts) <= len(right.counts) else (right, left)
    # map/mul keeps the summation order of a plain loop, at C speed.
    found = map(large.counts.get, small.counts, repeat(0.0))
    dot: float = sum(map(mul, small.counts.values(), found))
    return dot / (left.norm * right.norm)


def _inverse_frequencies(term_counts: Sequence[dict[str, int]]) -> dict[str, float]:
    document_frequency = Counter(chain.from_iterable(term_counts))
    total = len(term_counts) + 1
    return {term: math.log(total / df) + 1.0 for term, df in document_frequency.items()}


def _term_counts(stems: Sequence[str]) -> dict[str, int]:
    """Occurrences per stem, in first-occurrence order (like ``Counter``, without its overhead)."""
    counts = dict.fromkeys(stems, 0)
    for term in stems:
        counts[term] += 1
    return counts


def _norm(counts: dict[str, float]) -> float:
    values = counts.values()
    squares: float = sum(map(mul, values, values))
    return math.sqrt(squares)


def _vector(term_counts: dict[str, int], idf: dict[str, float], word_count: int) -> SentenceVector:
    counts = {term: count * idf[term] for term, count in term_counts.items()}
    return SentenceVector(counts, _norm(counts), word_count)


def _length_factor(word_count: int) -> float:
    if word_count < SHORT_SENTENCE_WORDS:
        return word_count / SHORT_SENTENCE_WORDS
    if word_count > LONG_SENTENCE_WORDS:
        return LONG_SENTENCE_WORDS / word_count
    return 1.0


def score_sentences(
    texts: Sequence[str],
    *,
    relevance: Sequence[float] | None = None,
    positions: Sequence[int] | None = None,
    stem_lists: Sequence[Sequence[str]] | None = None,
) -> tuple[list[float], list[SentenceVector]]:
    """Score each sentence by position, centrality and query relevance; return scores and vectors.

    ``relevance`` gives each sentence's topic relevance in [0, 1] when there is a topic.
    ``positions`` gives each sentence's rank in its own document (default: its index), so the lead
    bias applies per article when sentences of several articles are pooled. ``stem_lists`` saves
    re-stemming when the caller already has each text's ``content_stems``.
    """
    if stem_lists is None:
        stem_lists = [content_stems(t) for t in texts]
    term_counts = [_term_counts(stems) for stems in stem_lists]
    idf = _inverse_frequencies(term_counts)
    vectors = [_vector(c, idf, word_count(t)) for c, t in zip(term_counts, texts, strict=True)]
    centroid_counts: dict[str, float] = {}
    add = centroid_counts.get
    for vector in vectors:
        norm = vector.norm
        if norm:
            for term, value in vector.counts.items():
                centroid_counts[term] = add(term, 0.0) + value / norm
    centroid = SentenceVector(centroid_counts, _norm(centroid_counts), 0)
    scores: list[float] = []
    for index, vector in enumerate(vectors):
        rank = positions[index] if positions is not None else index
        position = 1.0 / (1.0 + POSITION_DECAY * rank)
        score = POSITION_WEIGHT * position + CENTRALITY_WEIGHT * cosine(vector, centroid)
        if relevance is not None:
            score += QUERY_WEIGHT * relevance[index]
        scores.append(score * _length_factor(vector.word_count))
    return scores, vectors


def select_diverse(
    scores: Sequence[float],
    vectors: Sequence[SentenceVector],
    k: int,
    *,
    max_similarity: float = 0.7,
    pool: int = 0,
) -> list[int]:
    """Greedy maximal-marginal-relevance pick of ``k`` indices; near-duplicates never both go in.

    ``pool`` limits the candidates to that many best-scored ones (0: all), which keeps it linear.
    """
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    candidates = order[:pool] if pool else order
    overlap = dict.fromkeys(candidates, 0.0)
    chosen: list[int] = []
    while overlap and len(chosen) < k:
        best_index = -1
        best_value = -math.inf
        for index in candidates:
            if index not in overlap or overlap[index] >= max_similarity:
                continue
            value = scores[index] - REDUNDANCY_WEIGHT * overlap[index]
            if value > best_value:
                best_value, best_index = value, index
        if best_index < 0:
            break
        chosen.append(best_index)
        del overlap[best_index]
        picked = vectors[best_index]
        for index in overlap:
            overlap[index] = max(overlap[index], cosine(vectors[index], picked))
    return chosen


def summarise(sentences: list[str], k: int) -> list[str]:
    """Pick ``k`` sentences of one article that best summarise it, returned in document order."""
    if k <= 0 or not sentences:
        return []
    scores, vectors = score_sentences(sentences)
    chosen = select_diverse(scores, vectors, k, pool=3 * k + 4)
    return [sentences[i] for i in sorted(chosen)]
