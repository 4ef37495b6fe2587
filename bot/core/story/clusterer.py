"""Incremental story clustering: each arriving article joins the story it reports, or starts one.

Why this design (measured on ECB+ topics 1–35 with ``../shared/eval/scripts/story_eval.py``;
figures and the command are in the README): MinHash over word shingles only finds wire copies
(B3 F1 0.19); TF-IDF cosine average-link, the usual batch answer, reaches 0.72 and is quadratic.
Here each article is a TF-IDF vector of its title and lead with names counted twice; it joins
the most similar story centroid above ``JOIN_SIMILARITY`` (single-pass clustering, as in TDT
event detection), and a grown story then absorbs a neighbouring story whose centroid is above
``MERGE_SIMILARITY`` (``scoring.merge_bar``; the two must share a name) unless the two *conflict*:
each has a rare name most of its reports carry and the other never mentions (Klitschko v
Rahman in 2004 and Klitschko v Thompson in 2012). A story of ``GROWN_SIZE`` reports takes only
what mentions one of its key names, so a centroid of loosely related reports cannot drift
towards the average article and keep absorbing. Document frequencies are smoothed by
``BACKGROUND_DOCUMENTS`` virtual articles so that a small store (one topic, twenty reports)
weighs words as a large one does. ECB+ pool B3 P/R/F1 0.942/0.882/0.911, topic F1 0.850:
precision misses its 0.95 target. The false merges are pairs of events of one kind years apart
(two Internet Explorer emergency patches, 2008 and 2013; Bush's Endangered Species rule and
Obama's reversal) and two offers to one player in one week (the Angels' and the Red Sox's to
Teixeira), whose first reports are closer than the join threshold; ECB+ gives no dates. Higher
thresholds lose recall for little precision, and the one grid point of the name rule that
reaches 0.954/0.904 is a knife edge (a step either way falls back), so it is not taken. Dates
read from the texts' own datelines (the temporal tagger on the title and opening, 158 of 721
reports) made it worse (pool F1 0.884–0.900 by day, month or year): most reports carry none,
and an undated report still bridges the two events. Names cannot part these pairs either: built
from the gold labels, the two halves of each still merge under these rules (centroid cosine
0.72, 0.60 and 0.79, no conflict), as only one side has a rare name the other lacks (Kempthorne;
the Angels' staff; a year in the 2013 datelines). Rules tried on top (pool B3 P/R/F1): the
conflict rule for one-report stories at merge 0.968/0.598/0.739 or at join 0.947/0.766/0.847; a
stricter bar (0.48–0.60) to join a one-report story, F1 0.883–0.900; a relative conflict (a key
name in 40 % of one story and at most 15 % of the other) 0.943/0.848/0.893, since two halves of
one event differ as much (Lohan at Betty Ford and at Morningside); a report's heavy name unknown
to the story, recall 0.25–0.76; names breaking near ties, F1 0.905–0.911.

Numbers and dates stated in the texts were tried as conflicts too (pool B3 P/R/F1), none taken.
Quake magnitudes and ages at death that two stories both state and never agree on gave
0.947/0.885/0.915, all of it on the even topics (odd unchanged at 0.921/0.875/0.897), for a
fifth more clustering time. Any age ("33-year-old") 0.947/0.869/0.906; money 0.944/0.873/0.907;
death tolls 0.949/0.889/0.918, but a rising toll parts one quake's reports; weekdays 0.954/0.794/
0.867; months 0.948/0.870/0.907; full dates agreeing within 0, 1 or 3 days 0.957/0.721/0.823,
0.951/0.792/0.864, 0.955/0.817/0.881; a year 0.944/0.826/0.881; places after "in"/"at"
0.946/0.643/0.766; dates from URLs 0.943/0.814/0.874. 395 of the 427 false pairs left (the
Endangered Species rules, the Internet Explorer patches, Teixeira's offers) hold no number that
parts them, and splitting a grown story in two by 2-means fails: the false stories' halves lie
0.60–0.77 apart while 26 of 50 pure stories split further apart than that.

Dates: an article's date is a span (``DateSpan``): one day, or the whole week, month or year it
is known to. A story takes only an article whose span lies within ``WINDOW`` of its own. Only a
day or a week widens a dated story's span, and the first one replaces a span known only to a
month or a year (``StoryState.date_by``): a story started by a report dated "2019" otherwise
spanned 2019 and drew every like report of that year. A story with no day dates merges with
another only above the join threshold unless neither has any date (``merge_bar``): such a
story meets every story of its year or of the store, so the low bar finds it a chance
neighbour. On the synthetic store (``bench/corpus.py``: one article per story, so every story
of two is a false one) the largest story at 30,000 articles fell from 8 to 1, at 100,000 from
9 to 3 (stories of two or more 92 -> 8); those left are reports dated to days near each other
that share a person's name and reach 0.25–0.31, which only a merge bar costing ECB+ recall
(0.30: pool F1 0.899) would keep apart.

Deterministic and stable: articles are added in id order, a story's key is ``s<first id>``,
and when two stories merge the older key survives and the younger one is kept as an alias.
Candidates come from ``StoryIndex`` (``index.py``), so adding one article costs a few dictionary
lookups, not a pass over the store. Several processes share one stored state through the
store's compare-and-set on the document count (``bot.store.stories.save_changes``).

Speed (``python -m bench.story_bench``, which prints CPU seconds beside wall seconds): the
per-term work runs in C (``map``/``Counter``'s counting loop/``sorted`` over whole lists, a log
table for document frequencies), a story is reindexed only where its top terms moved, and
``consolidate`` scores a one-article story only against the stories its article was scored
against on arrival. The index (``index.py``) posts each story once, in 20-day buckets (400-day
ones for a year), under its 25 heaviest uncommon terms; an article looks up its 10 heaviest
terms and scores at most 10 candidates (12 lookup and 30 index terms found the same ECB+
stories). How alike two stories are and when they may merge is ``scoring.py``. Posting
lists are bytearrays of packed story numbers: appended in C and, unlike ``array`` objects
(224,000 of them at 10,000 articles), not tracked by the garbage collector, whose full
collections had walked them all (1.1 s of a 10,000-article run, now 0.2 s); term counts are a
plain dict counted in C, and names and years are found in the same pass over the tokens.
``bench/story_golden.py`` fingerprints every placement and story state and proved each of these
changes left them identical. 10,000 articles: 1.53–2.05 s (median of 5 rounds, runs on an
otherwise idle 2-core machine whose speed drifts by a quarter; 2.9 s CPU before); 100,000:
23.2–29.3 s (50 s CPU before): the 30 s target is met, the 2 s one only when the machine is in
its faster spells (README). py-spy at 10,000 puts term extraction at about 36 %, the article's vector (its sort) 21 %, candidate
lookup 13 %, posting and reindexing 13 %, and counting document frequencies most of the rest:
per-term dictionary work (some 80 distinct terms and 145 tokens an article).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.story.index import StoryIndex, common_limit
from bot.core.story.scoring import (
    BACKGROUND_DOCUMENTS,
    JOIN_SIMILARITY,
    MERGE_SIMILARITY,
    article_vector,
    fits,
    mergeable,
    similarity,
)
from bot.core.story.state import DateSpan, StoryChanges, StoryState, count_into, dot, key_of
from bot.core.story.terms import StoryTerms

__all__ = ["DateSpan", "StoryChanges", "StoryClusterer", "StoryState", "cluster_labels"]

# An article looks up candidate stories by this many of its heaviest terms (12 found the same
# ECB+ stories as 10; 8 lost recall).
LOOKUP_TERMS = 10


@dataclass
class StoryClusterer:
    """The clustering state of a store; ``add`` places one article, in id order."""

    document_count: int = 0
    frequencies: Counter[str] = field(default_factory=Counter)
    stories: dict[str, StoryState] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    story_of: dict[int, str] = field(default_factory=dict)
    _index: StoryIndex = field(default_factory=StoryIndex)
    _touched: set[str] = field(default_factory=set)
    # Stories started since the last consolidate -> the stories their article could merge with.
    _neighbours: dict[str, list[str]] = field(default_factory=dict)
    # log(d + 1) for every document frequency d seen so far.
    _log_documents: list[float] = field(default_factory=list)
    _changed_terms: set[str] = field(default_factory=set)
    _changed_stories: set[str] = field(default_factory=set)
    _assigned: dict[int, str] = field(default_factory=dict)
    _merged: dict[str, str] = field(default_factory=dict)
    # The document count of the state the next changes build on (restored or last drained).
    _since_count: int = 0

    def drain_changes(self) -> StoryChanges:
        """The state changed since the last call (frequencies, stories, placements, merges)."""
        changes = StoryChanges(
            self._since_count,
            self.document_count,
            {term: self.frequencies[term] for term in sorted(self._changed_terms)},
            tuple(self.stories[k] for k in sorted(self._changed_stories) if k in self.stories),
            {article_id: self.resolve(key) for article_id, key in self._assigned.items()},
            {gone: self.resolve(keep) for gone, keep in self._merged.items()},
        )
        self._changed_terms.clear()
        self._changed_stories.clear()
        self._assigned.clear()
        self._merged.clear()
        self._since_count = self.document_count
        return changes

    @classmethod
    def restore(
        cls,
        document_count: int,
        frequencies: dict[str, int],
        stories: Iterable[StoryState],
        aliases: Mapping[str, str] = {},
    ) -> StoryClusterer:
        """Rebuild a clusterer from stored state."""
        clusterer = cls(document_count, Counter(frequencies), aliases=dict(aliases))
        clusterer._since_count = document_count
        for story in stories:
            story.refresh()
            clusterer.stories[story.key] = story
            for article_id in story.article_ids:
                clusterer.story_of[article_id] = story.key
            clusterer._reindex(story)
        return clusterer

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of a term."""
        return math.log(
            (self.document_count + BACKGROUND_DOCUMENTS) / (self.frequencies.get(term, 0) + 1)
        )

    def resolve(self, key: str) -> str:
        """The current key of a story, following merges."""
        while key in self.aliases:
            key = self.aliases[key]
        return key

    def add(
        self, article_id: int, terms: StoryTerms, dated_at: datetime | DateSpan | None = None
    ) -> str:
        """Join one article to its story or start one; ``consolidate`` then merges stories.

        ``dated_at`` is the article's date: a moment (that day), a span (a date known only to
        the month or year is the whole month or year) or None (unknown, near every story).
        """
        if article_id in self.story_of:
            return self.resolve(self.story_of[article_id])
        self.document_count += 1
        count_into(self.frequencies, terms.counts)
        self._changed_terms.update(terms.counts)
        ranked, vector = self._vector(terms)
        span = DateSpan.of(dated_at)
        story, neighbours = self._best_story(ranked[:LOOKUP_TERMS], vector, terms.names, span)
        if story is None:
            story = StoryState(
                key_of(article_id), article_id, [article_id], vector, dict.fromkeys(terms.names, 1)
            )
            story.norm, story.ranked = 1.0, ranked
            if span is not None:
                story.first_at, story.last_at = span.start_at, span.end_at
                story.wide = not span.precise
            self.stories[story.key] = story
            self._neighbours[story.key] = neighbours
        else:
            centroid = story.centroid
            for term, weight in vector.items():
                centroid[term] = centroid.get(term, 0.0) + weight
            story.refresh()
            if span is not None:
                story.date_by(span.start_at, span.end_at, wide=not span.precise)
            story.article_ids.append(article_id)
            names = story.names
            for name in terms.names:
                names[name] = names.get(name, 0) + 1
        self._reindex(story)
        self.story_of[article_id] = story.key
        self._touched.add(story.key)
        self._changed_stories.add(story.key)
        self._assigned[article_id] = story.key
        return story.key

    def consolidate(self) -> None:
        """Merge the stories touched since the last call into their neighbours, best pair first.

        Best-first order makes the result independent of how a batch was split into calls;
        the merges reach the store through ``drain_changes``.
        """
        heap: list[tuple[float, int, int, str, str]] = []
        scored: set[tuple[str, str]] = set()
        for key in sorted(self._touched):
            story = self.stories.get(key)
            if story is None:
                continue
            neighbours = self._neighbours.get(key)
            if neighbours is not None and len(story.article_ids) == 1:
                # A story of one article: its neighbours were scored when it arrived, and a
                # later article that found it recorded the pair on its own side.
                neighbours = [self.resolve(k) for k in neighbours]
                self._push_pairs(heap, story, scored, [k for k in neighbours if k in self.stories])
            else:
                self._push_pairs(heap, story, scored)
        self._touched.clear()
        self._neighbours.clear()
        while heap:
            negative, _, _, left_key, right_key = heapq.heappop(heap)
            left, right = self.stories.get(left_key), self.stories.get(right_key)
            if left is None or right is None:
                continue
            if abs(similarity(left, right) + negative) > 1e-12:
                continue  # a stale pair: one side grew since it was pushed
            keep, _ = self._merge(left, right)
            self._push_pairs(heap, keep)

    def _push_pairs(
        self,
        heap: list[tuple[float, int, int, str, str]],
        story: StoryState,
        scored: set[tuple[str, str]] | None = None,
        candidates: list[str] | None = None,
    ) -> None:
        """Queue this story's mergeable neighbours; ``scored`` skips pairs already seen."""
        if candidates is None:
            lookup = story.top_terms(LOOKUP_TERMS)
            candidates = self._candidates(lookup, story.first_at, story.last_at)
        for key in candidates:
            other = self.stories[key]
            if other is story or not other.near(story.first_at, story.last_at):
                continue
            if scored is not None:
                pair = (key, story.key) if key < story.key else (story.key, key)
                if pair in scored:
                    continue
                scored.add(pair)
            score = similarity(story, other)
            if mergeable(story, other, score, self.idf):
                low, high = sorted((story.first_id, other.first_id))
                heapq.heappush(heap, (-score, low, high, story.key, other.key))

    def _vector(self, terms: StoryTerms) -> tuple[list[str], dict[str, float]]:
        log_documents = self._log_documents
        while len(log_documents) <= self.document_count:
            log_documents.append(math.log(len(log_documents) + 1))
        top = math.log(self.document_count + BACKGROUND_DOCUMENTS)
        return article_vector(terms, self.frequencies.__getitem__, log_documents, top)

    def _best_story(
        self,
        lookup: list[str],
        vector: dict[str, float],
        terms_names: frozenset[str],
        span: DateSpan | None,
    ) -> tuple[StoryState | None, list[str]]:
        """The story this article joins, if any, and every nearby story it could merge with."""
        best: StoryState | None = None
        best_score = JOIN_SIMILARITY
        neighbours = []
        start_at, end_at = (None, None) if span is None else (span.start_at, span.end_at)
        for key in self._candidates(lookup, start_at, end_at):
            story = self.stories[key]
            if not story.near(start_at, end_at):
                continue
            score = dot(vector, story.centroid) / story.norm
            if score >= MERGE_SIMILARITY:
                neighbours.append(key)
            if score > best_score and fits(story, terms_names):
                best, best_score = story, score
        return best, neighbours

    def _merge(self, left: StoryState, right: StoryState) -> tuple[StoryState, StoryState]:
        keep, gone = (left, right) if left.first_id < right.first_id else (right, left)
        keep.article_ids = sorted(keep.article_ids + gone.article_ids)
        for term, weight in gone.centroid.items():
            keep.centroid[term] = keep.centroid.get(term, 0.0) + weight
        for name, count in gone.names.items():
            keep.names[name] = keep.names.get(name, 0) + count
        keep.date_by(gone.first_at, gone.last_at, wide=gone.wide)
        keep.refresh()
        for article_id in gone.article_ids:
            self.story_of[article_id] = keep.key
        self._index.remove(gone)
        del self.stories[gone.key]
        self.aliases[gone.key] = keep.key
        self._merged[gone.key] = keep.key
        self._changed_stories.add(keep.key)
        self._reindex(keep)
        return keep, gone

    def _reindex(self, story: StoryState) -> None:
        self._index.update(story, self.frequencies, common_limit(self.document_count))

    def _candidates(
        self, terms: Iterable[str], start_at: datetime | None, end_at: datetime | None
    ) -> list[str]:
        limit = common_limit(self.document_count)
        return self._index.candidates(
            terms, start_at, end_at, frequencies=self.frequencies, limit=limit
        )


def cluster_labels(
    items: Iterable[tuple[int, StoryTerms, datetime | DateSpan | None]],
) -> dict[int, str]:
    """Story key of every article (id, terms, date), adding them in id order to a fresh clusterer."""
    clusterer = StoryClusterer()
    for article_id, terms, dated_at in sorted(items, key=lambda item: item[0]):
        clusterer.add(article_id, terms, dated_at)
    clusterer.consolidate()
    return {article_id: clusterer.resolve(key) for article_id, key in clusterer.story_of.items()}
