"""Similarity search over a fixed set of sentence vectors, through an inverted index of stems."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.brief.selection import SentenceVector, cosine

# The index sums in another order than ``cosine``; anything this close to a threshold is
# re-checked with ``cosine`` itself, so answers match pairwise comparison exactly.
_ROUNDING_SLACK = 1e-9


class SimilarityIndex:
    """Finds the vectors of a fixed list that are at least so similar to a given vector.

    Only vectors sharing a stem with the probe are touched, instead of every pair.
    """

    __slots__ = ("_postings", "_vectors")

    def __init__(self, vectors: Sequence[SentenceVector]) -> None:
        self._vectors = vectors
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for index, vector in enumerate(vectors):
            if not vector.norm:
                continue
            for term, value in vector.counts.items():
                self._postings.setdefault(term, []).append((index, value / vector.norm))

    def near(self, probe: SentenceVector, threshold: float) -> list[int]:
        """Indices, ascending, of the vectors ``v`` with ``cosine(v, probe) >= threshold``.

        ``threshold`` must be positive: vectors sharing no stem with the probe are never returned.
        """
        if not probe.norm:
            return []
        dots: dict[int, float] = {}
        for term, value in probe.counts.items():
            for index, weight in self._postings.get(term, ()):
                dots[index] = dots.get(index, 0.0) + value * weight
        floor = (threshold - _ROUNDING_SLACK) * probe.norm
        return sorted(
            index
            for index, dot in dots.items()
            if dot >= floor and cosine(self._vectors[index], probe) >= threshold
        )
