"""Candidate stories for an article: an inverted index over each story's heaviest terms, by date."""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import chain, compress, cycle, islice, repeat
from operator import le

from bot.core.story.state import WINDOW, StoryState, count_into, key_of

# 25 found the same ECB+ stories as 30 (20 lost recall) and posts a sixth less.
INDEX_TERMS = 25
# A term in more than this share of a large store's articles (and in more than COMMON_FLOOR)
# names no one event: it is not indexed, which keeps posting lists short. Below 10,000
# articles the floor decides (ECB+ is unchanged); at 100,000 synthetic articles 1 % instead
# of 2 % cut the clustering CPU by about an eighth.
COMMON_SHARE = 0.01
COMMON_FLOOR = 100
# At most this many candidate stories (those sharing most lookup terms) are scored per article.
MAX_CANDIDATES = 10
# A candidate story shares at least this many of an article's heaviest terms.
MIN_SHARED = 2
# Stories are posted in date buckets of this many days: a lookup within ``WINDOW`` of a day
# reads two of them (wider buckets would make fewer, longer posting lists to read).
BUCKET_DAYS = 2 * WINDOW.days
# A story spanning more date buckets than this (dated only to a year) is indexed in the
# ``YEAR_DAYS``-long coarse buckets its span covers instead: posting it in every bucket of a
# year cost more than the rest of the clustering (``near`` still keeps it apart). A month
# spans at most three buckets.
WIDE_BUCKETS = 3
YEAR_DAYS = 400
_WINDOW_DAYS = WINDOW.days

# term -> the first article ids of the stories posted under it (in one date bucket), packed.
Postings = defaultdict[str, bytearray]
_ID_SIZE = array("q").itemsize


def common_limit(document_count: int) -> float:
    """How many articles a term may be in and still be indexed."""
    return max(COMMON_SHARE * document_count, COMMON_FLOOR)


def fine_buckets(start: int, end: int) -> range:
    """The ``BUCKET_DAYS``-long date buckets from day ordinal ``start`` to ``end``."""
    return range(start // BUCKET_DAYS, end // BUCKET_DAYS + 1)


def coarse_buckets(start: int, end: int) -> range:
    """The ``YEAR_DAYS``-long buckets from day ordinal ``start`` to ``end``, numbered below zero."""
    return range(-1 - end // YEAR_DAYS, -(start // YEAR_DAYS))


class StoryIndex:
    """(date bucket, term) -> stories, kept in step with the stories.

    A story is posted once, in the buckets its span covers: ``BUCKET_DAYS``-long ones, coarse ones
    for a span of a year, ``None`` when undated. An article looks in the buckets near its
    span (the fine and coarse ones, and the undated one); an undated article in every bucket.

    A posting list is a bytearray of the stories' first article ids (as an ``array("q")``
    packs them): appending runs in C, a lookup joins the lists it reads into one buffer and
    counts the ids read from it, and a bytearray is no work for the garbage collector, while
    arrays or lists (one per term and bucket, most of the store's objects) made every full
    collection walk them all (at 10,000 articles a quarter of the clustering); tuples, which
    it soon untracks, cost a copy per post, quadratic in a long list. Candidates are ranked
    by (shared terms, first id), so the order of and within the lists never matters.
    """

    def __init__(self) -> None:
        self._dated: dict[int | None, Postings] = {}
        self._indexed: dict[str, tuple[tuple[str, ...], tuple[int | None, ...]]] = {}

    def candidates(
        self,
        terms: Iterable[str],
        start_at: datetime | None,
        end_at: datetime | None,
        *,
        frequencies: Mapping[str, int],
        limit: float,
    ) -> list[str]:
        """Keys of the stories sharing most of these terms near these dates, oldest first."""
        terms = list(terms)
        terms = list(compress(terms, map(le, map(frequencies.__getitem__, terms), repeat(limit))))
        dated = self._dated
        if start_at is None or end_at is None:
            indexes = list(dated.values())
        else:
            # ``WINDOW`` is whole days, so it moves a date's ordinal by exactly its days.
            start, end = start_at.toordinal() - _WINDOW_DAYS, end_at.toordinal() + _WINDOW_DAYS
            around = (None, *fine_buckets(start, end), *coarse_buckets(start, end))
            indexes = [dated[bucket] for bucket in around if bucket in dated]
        # One count over every posting list: the per-list work stays in C. A term that more
        # than COMMON_FLOOR stories share in one bucket names no one event there (the undated
        # stories of a large store, for one): skipping it keeps lookups short. Such lists are
        # rare, so they are looked for (in C) before any per-list Python work. The (index,
        # term) pairs are made in C too: an undated article reads every bucket.
        each_index = chain.from_iterable(map(repeat, indexes, repeat(len(terms))))
        found = map(dict.get, each_index, cycle(terms))
        postings: list[bytearray] = list(filter(None, found))
        longest = COMMON_FLOOR * _ID_SIZE
        if postings and max(map(len, postings)) > longest:
            postings = [keys for keys in postings if len(keys) <= longest]
        # Counter's own C loop, without Counter's Python-level set-up per call.
        shared: dict[int, int] = {}
        count_into(shared, memoryview(b"".join(postings)).cast("q"))
        # The stories sharing enough terms, picked in C: most of a large store's share one.
        pool = sorted(compress(shared, map(le, repeat(MIN_SHARED), shared.values())))
        if len(pool) > MAX_CANDIDATES:
            # Most shared terms first, ties by first id (a stable sort over the sorted ids).
            pool = sorted(sorted(pool, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES])
        return list(map(key_of, pool))

    def remove(self, story: StoryState) -> None:
        """Forget a story (merged into another)."""
        terms, buckets = self._indexed.pop(story.key, ((), ()))
        self._post(story.first_id, terms, buckets, add=False)

    def update(self, story: StoryState, frequencies: Mapping[str, int], limit: float) -> None:
        """Index the story under its heaviest uncommon terms, changing only what moved."""
        ranked = story.top_terms(INDEX_TERMS * 2)
        uncommon = compress(ranked, map(le, map(frequencies.__getitem__, ranked), repeat(limit)))
        terms = tuple(islice(uncommon, INDEX_TERMS))
        buckets = _buckets(story.first_at, story.last_at)
        old = self._indexed.get(story.key)
        if old == (terms, buckets):
            return
        first = story.first_id
        if old is not None and old[1] == buckets:
            kept = set(terms)
            self._post(first, [t for t in old[0] if t not in kept], buckets, add=False)
            before = set(old[0])
            self._post(first, [t for t in terms if t not in before], buckets, add=True)
        else:
            if old is not None:
                self._post(first, old[0], old[1], add=False)
            self._post(first, terms, buckets, add=True)
        self._indexed[story.key] = (terms, buckets)

    def _post(
        self, first: int, terms: Sequence[str], buckets: Sequence[int | None], *, add: bool
    ) -> None:
        if not terms:
            return
        dated = self._dated
        if add:
            packed = array("q", (first,)).tobytes()
            for bucket in buckets:
                index = dated.get(bucket)
                if index is None:
                    index = dated[bucket] = defaultdict(bytearray)
                # Each term's posting list gets the story; the loop runs in C.
                deque(map(bytearray.extend, map(index.__getitem__, terms), repeat(packed)), 0)
            return
        for index in [dated[bucket] for bucket in buckets if bucket in dated]:
            for term in terms:
                keys = index.get(term)
                if keys is None:
                    continue
                ids = array("q", keys)
                if first in ids:
                    ids.remove(first)
                    keys[:] = ids.tobytes()
                    if not keys:
                        del index[term]


def _buckets(start_at: datetime | None, end_at: datetime | None) -> tuple[int | None, ...]:
    """The date buckets a story's span covers; ``(None,)`` for an unknown span."""
    if start_at is None or end_at is None:
        return (None,)
    start, end = start_at.toordinal(), end_at.toordinal()
    fine = fine_buckets(start, end)
    return tuple(fine) if len(fine) <= WIDE_BUCKETS else tuple(coarse_buckets(start, end))
