"""Near-duplicate story clustering: the same story from several outlets becomes one ``Story``.

Articles are compared by word shingles of their title and lead; MinHash signatures with
locality-sensitive banding find candidate pairs, whose exact shingle Jaccard then decides.
Everything is deterministic (hashes are keyed blake2b, ties broken by article id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.models import Article
from bot.core.text import fingerprint_text, split_paragraphs

SHINGLE_WORDS = 3
LEAD_WORDS = 120
SIGNATURE_SIZE = 64
BANDS = 16
# Exact shingle Jaccard from which two articles tell the same story (wire copies, light edits).
SAME_STORY = 0.35
# Title word-set Jaccard that alone marks the same story (rewritten bodies, same headline).
SAME_TITLE = 0.7
_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Story:
    """Articles telling one story, newest first; ``key`` is stable while the oldest article stays."""

    key: str
    articles: tuple[Article, ...]

    @property
    def publishers(self) -> tuple[str, ...]:
        """The distinct outlets carrying the story, in article order."""
        seen: dict[str, None] = {}
        for article in self.articles:
            name = article.publisher or article.original_publisher
            if name:
                seen.setdefault(name, None)
        return tuple(seen)

    @property
    def article_ids(self) -> frozenset[int]:
        """The ids of every article in the story."""
        return frozenset(a.id for a in self.articles)


def _words(text: str) -> list[str]:
    return fingerprint_text(text).split()


def story_text(article: Article) -> str:
    """The part of an article that identifies its story: title and the lead's first words."""
    paragraphs = split_paragraphs(article.body)
    lead_words = " ".join(paragraphs[:3]).split()[:LEAD_WORDS]
    return article.title + " \n " + " ".join(lead_words)


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[str]:
    """Overlapping runs of ``size`` normalised words (the whole text when it is shorter)."""
    words = _words(text)
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|, 0 when both are empty."""
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _hash(item: str, seed: int) -> int:
    digest = hashlib.blake2b(item.encode("utf-8"), digest_size=8, key=seed.to_bytes(8, "big"))
    return int.from_bytes(digest.digest(), "big") & _MASK


def minhash(items: Iterable[str], size: int = SIGNATURE_SIZE) -> tuple[int, ...]:
    """A MinHash signature: per seeded hash, the smallest value over the items."""
    values = list(items)
    if not values:
        return tuple([_MASK] * size)
    return tuple(min(_hash(v, seed) for v in values) for seed in range(1, size + 1))


def _candidate_pairs(signatures: Sequence[tuple[int, ...]], bands: int) -> set[tuple[int, int]]:
    rows = len(signatures[0]) // bands if signatures else 0
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[tuple[int, ...], list[int]] = {}
        for index, signature in enumerate(signatures):
            buckets.setdefault(signature[band * rows : (band + 1) * rows], []).append(index)
        for members in buckets.values():
            for i, left in enumerate(members):
                pairs.update((left, right) for right in members[i + 1 :])
    return pairs


class _Groups:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, left: int, right: int) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _same(left: frozenset[str], right: frozenset[str], a: Article, b: Article) -> bool:
    if jaccard(left, right) >= SAME_STORY:
        return True
    titles = jaccard(frozenset(_words(a.title)), frozenset(_words(b.title)))
    return len(_words(a.title)) >= 4 and titles >= SAME_TITLE


def cluster_stories(articles: Sequence[Article], *, exhaustive_below: int = 400) -> list[Story]:
    """Group articles into stories; each article is in exactly one story.

    Below ``exhaustive_below`` articles every pair is checked; above it MinHash banding proposes
    the pairs, so large windows stay near-linear. Stories come oldest-key first.
    """
    unique = {a.id: a for a in articles}
    ordered = [unique[i] for i in sorted(unique)]
    sets = [shingles(story_text(a)) for a in ordered]
    groups = _Groups(len(ordered))
    if len(ordered) < exhaustive_below:
        pairs: Iterable[tuple[int, int]] = (
            (i, j) for i in range(len(ordered)) for j in range(i + 1, len(ordered))
        )
    else:
        pairs = sorted(_candidate_pairs([minhash(s) for s in sets], BANDS))
    for i, j in pairs:
        if _same(sets[i], sets[j], ordered[i], ordered[j]):
            groups.join(i, j)
    members: dict[int, list[Article]] = {}
    for index, article in enumerate(ordered):
        members.setdefault(groups.find(index), []).append(article)
    stories = []
    for root in sorted(members):
        group = sorted(members[root], key=lambda a: (-a.dated_at.timestamp(), a.id))
        stories.append(Story(f"s{ordered[root].id}", tuple(group)))
    return stories
