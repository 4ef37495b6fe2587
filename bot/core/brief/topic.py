"""Topic resolution: typed text → weighted search terms, store-learned expansion, suggestions."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.core.brief.lexicon import TopicLexicon, phrase_stems
from bot.core.brief.stemming import STOP_WORDS, stem, words_of
from bot.core.models import Article

TYPED_WEIGHT = 1.0
TYPED_WORD_WEIGHT = 0.5
LEXICON_WEIGHT = 0.8
EXPANSION_WEIGHT = 0.35

# One typed word's acceptable evidence: its own stem, or a phrase of a lexicon topic it names.
Alternatives = tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One search term: the text sent to the store, its stems, weight and where it came from."""

    text: str
    stems: tuple[str, ...]
    weight: float
    origin: str


@dataclass(frozen=True, slots=True)
class TopicQuery:
    """A resolved topic: what was typed, matched lexicon topics and the weighted terms.

    ``terms`` are the plain strings for ``store.search`` (words or phrases, OR'ed); ``weighted``
    carries their stems and weights for relevance scoring. ``required`` holds, per typed word,
    the stem sequences that count as evidence for it: an article is about the topic only when it
    has evidence for every typed word, in any order (learned expansions never count).
    """

    text: str
    topics: tuple[str, ...]
    weighted: tuple[QueryTerm, ...]
    required: tuple[Alternatives, ...] = ()
    _by_first_stem: dict[str, list[QueryTerm]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for term in self.weighted:
            self._by_first_stem.setdefault(term.stems[0], []).append(term)

    @property
    def terms(self) -> tuple[str, ...]:
        """The search strings for the store."""
        return tuple(term.text for term in self.weighted)

    @property
    def core_stems(self) -> frozenset[str]:
        """Stems of the typed and lexicon terms (not the learned expansions)."""
        return frozenset(s for t in self.weighted if t.origin != "expansion" for s in t.stems)

    def matched_terms(self, stems: Sequence[str]) -> list[QueryTerm]:
        """The query terms whose stem sequence occurs in ``stems``."""
        found: list[QueryTerm] = []
        by_first_stem = self._by_first_stem
        if by_first_stem.keys().isdisjoint(stems):
            return found
        for index, token in enumerate(stems):
            for term in by_first_stem.get(token, ()):
                if term in found:
                    continue
                if tuple(stems[index : index + len(term.stems)]) == term.stems:
                    found.append(term)
        return found

    def relevance(self, stems: Sequence[str]) -> float:
        """How much a stem sequence is about the topic, in [0, 1] (a soft OR of matched weights).

        Expansion terms only add to a match of a typed or lexicon term: on their own ("second",
        "half" learned from "second half of 2012") they would let other stories in.
        """
        matched = self.matched_terms(stems)
        if all(term.origin == "expansion" for term in matched):
            return 0.0
        miss = 1.0
        for term in matched:
            miss *= 1.0 - term.weight
        return 1.0 - miss

    def admits(self, stems: frozenset[str]) -> bool:
        """Whether a text with these stems has evidence for every typed word of the topic."""
        return all(
            any(all(s in stems for s in alternative) for alternative in group)
            for group in self.required
        )


@dataclass(frozen=True, slots=True)
class TopicNotFound:
    """Nothing stored matches the topic; the closest existing topics to offer instead.

    ``unfiltered_count`` is set when only the request's filters (days, source, language) left
    nothing: that many stored articles are on the topic without them.
    """

    topic: str
    suggestions: tuple[str, ...]
    unfiltered_count: int | None = None

    @property
    def message(self) -> str:
        """A one-line answer for people."""
        if not self.suggestions:
            return f"Nothing stored on '{self.topic}'."
        return f"Nothing stored on '{self.topic}'. Closest topics: {', '.join(self.suggestions)}."


def _add(terms: dict[tuple[str, ...], QueryTerm], text: str, weight: float, origin: str) -> None:
    stems = phrase_stems(text)
    if stems and stems not in terms:
        terms[stems] = QueryTerm(text, stems, weight, origin)


def resolve_topic(text: str, lexicon: TopicLexicon) -> TopicQuery:
    """Turn typed text into weighted search terms: the text itself plus matching lexicon topics.

    A lexicon topic matches when one of its names (key, label, alias) occurs, stemmed, in the text.
    """
    typed = " ".join(text.split())
    typed_stems = phrase_stems(typed)
    terms: dict[tuple[str, ...], QueryTerm] = {}
    _add(terms, typed, TYPED_WEIGHT, "typed")
    if len(typed_stems) > 1:
        # Each word alone too: "iran earthquake" must find "an earthquake struck southern Iran".
        for word in words_of(typed):
            if word.casefold() not in STOP_WORDS:
                _add(terms, word, TYPED_WORD_WEIGHT, "typed")
    required: list[set[tuple[str, ...]]] = [{(token,)} for token in typed_stems]
    topics: list[str] = []
    for key in sorted(lexicon):
        entry = lexicon[key]
        names = [phrase_stems(name) for name in entry.names()]
        covered = _covered_positions(typed_stems, names)
        if covered:
            topics.append(key)
            evidence = [*entry.names(), *entry.terms]
            for position in covered:
                required[position].update(s for s in map(phrase_stems, evidence) if s)
            for name in (entry.key.replace("_", " "), *entry.aliases):
                _add(terms, name, LEXICON_WEIGHT, "lexicon")
            for term in entry.terms:
                _add(terms, term, LEXICON_WEIGHT, "lexicon")
    return TopicQuery(
        typed,
        tuple(topics),
        tuple(terms.values()),
        tuple(tuple(sorted(group)) for group in required),
    )


def _covered_positions(typed_stems: tuple[str, ...], names: Sequence[tuple[str, ...]]) -> set[int]:
    """The positions of the typed stems that a lexicon topic's names cover."""
    covered: set[int] = set()
    for name in names:
        width = len(name)
        if not width:
            continue
        for start in range(len(typed_stems) - width + 1):
            if typed_stems[start : start + width] == name:
                covered.update(range(start, start + width))
    return covered


def expand_topic(
    query: TopicQuery,
    articles: Sequence[Article],
    *,
    max_terms: int = 4,
    background: Mapping[str, float] | None = None,
) -> TopicQuery:
    """Add terms that co-occur with the query in the top hits' sentences (the store's own usage).

    A candidate must appear in topic sentences of at least two articles (or two sentences when only
    one article is given) and be more frequent there than in the articles' other sentences.
    ``background`` (stem → share of stored articles containing it) further favours rare terms.
    """
    inside: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    article_sets: defaultdict[str, set[int]] = defaultdict(set)
    surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)
    core = query.core_stems
    for article in articles:
        texts = [article.title, *(s.text for s in article.sentences)]
        for text in texts:
            words, stems = _candidate_words(text)
            unique = set(stems)
            everywhere.update(unique)
            if query.relevance(stems) <= 0.0:
                continue
            inside.update(unique)
            for word, token in zip(words, stems, strict=True):
                surfaces[token][word] += 1
                article_sets[token].add(article.id)
    minimum_articles = 2 if len(articles) > 1 else 1
    scored: list[tuple[float, str]] = []
    for token, count in inside.items():
        if token in core or count < 2 or len(article_sets[token]) < minimum_articles:
            continue
        share = count / everywhere[token]
        if share < 0.5:
            continue
        score = share * math.log1p(count)
        if background is not None:
            score *= -math.log(max(background.get(token, 0.0), 1e-6))
        scored.append((score, token))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    extra = [
        QueryTerm(_commonest(surfaces[t]), (t,), EXPANSION_WEIGHT, "expansion")
        for _, t in scored[:max_terms]
    ]
    return TopicQuery(query.text, query.topics, (*query.weighted, *extra), query.required)


@lru_cache(maxsize=100_000)
def _candidate_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a text that may become expansion terms, and their stems (cached per text)."""
    words = tuple(w for w in words_of(text) if w.isalpha() and len(w) > 2 and w not in STOP_WORDS)
    return words, tuple(stem(w) for w in words)


def _commonest(counts: Counter[str]) -> str:
    return min(counts, key=lambda word: (-counts[word], word))


def edit_distance(left: str, right: str) -> int:
    """Levenshtein distance between two strings."""
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, 1):
        current = [i]
        for j, b in enumerate(right, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def _similarity(typed: str, candidate: str) -> float:
    a, b = typed.casefold(), candidate.casefold()
    spelling = 1.0 - edit_distance(a, b) / max(len(a), len(b), 1)
    typed_stems, candidate_stems = set(phrase_stems(a)), set(phrase_stems(b))
    union = typed_stems | candidate_stems
    shared = len(typed_stems & candidate_stems) / len(union) if union else 0.0
    return max(spelling, shared)


# A shared start this long ("chip" in "chipz" and "chips") makes two words look related.
_SHARED_PREFIX = 4


def _words_close(typed: str, name: str) -> bool:
    shortest = min(len(typed), len(name))
    if shortest >= _SHARED_PREFIX and typed[:_SHARED_PREFIX] == name[:_SHARED_PREFIX]:
        return True
    longest = max(len(typed), len(name))
    # About one slip per four letters: "quantom" is "quantum", "bananas" is no "tariffs".
    # Short words are too alike by chance ("ev" is one slip from "euv"), so they must match whole.
    if shortest < 3 or longest < _SHARED_PREFIX:
        return False
    return edit_distance(typed, name) <= max(1, longest // 4)


def is_close_topic(typed: str, name: str) -> bool:
    """Whether a name shares a word start or a close spelling with what was typed."""
    typed_words, name_words = _content_words(typed), _content_words(name)
    return any(_words_close(a, b) for a in typed_words for b in name_words)


def _content_words(text: str) -> set[str]:
    # Words and their stems: "chips" must meet "chip", and "policies" "policy" (stem "polici").
    words = {word for word in words_of(text.casefold()) if word not in STOP_WORDS}
    return words | set(phrase_stems(text.casefold()))


def suggest_topics(
    text: str, lexicon: TopicLexicon, vocabulary: Iterable[str] = (), *, limit: int = 5
) -> TopicNotFound:
    """The closest lexicon topics and frequent store terms to what was typed, best first.

    Only names sharing a word start or a close spelling with the text are offered: "bananas"
    gets none rather than five unrelated topics. ``vocabulary`` holds frequent terms of the
    store (the service asks the store for them).
    """
    best: dict[str, float] = {}
    for entry in lexicon.values():
        close = [name for name in entry.names() if is_close_topic(text, name)]
        if close:
            score = max(_similarity(text, name) for name in close)
            best[entry.label] = max(best.get(entry.label, 0.0), score)
    for word in vocabulary:
        if word.casefold() != text.casefold() and is_close_topic(text, word):
            best[word] = max(best.get(word, 0.0), _similarity(text, word))
    ranked = sorted(best, key=lambda name: (-best[name], name.casefold()))
    return TopicNotFound(" ".join(text.split()), tuple(ranked[:limit]))
