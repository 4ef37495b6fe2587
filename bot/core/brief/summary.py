"""Brief assembly: fill the card sections from the candidate pool, cite, merge near-duplicates."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.brief.audiences import who_should_care
from bot.core.brief.discrepancy import Difference, compare_versions
from bot.core.brief.lexicon import AudienceLexicon, load_audience_lexicon
from bot.core.brief.model import (
    Brief,
    CitedSentence,
    OtherWording,
    SentenceRef,
    Source,
    StoryMention,
    Voice,
)
from bot.core.brief.pool import Candidate, build_pool
from bot.core.brief.ranking import RankedArticle
from bot.core.brief.related import related_articles
from bot.core.brief.sections import Role
from bot.core.brief.similarity import SimilarityIndex
from bot.core.brief.stemming import content_stems, sentence_stems
from bot.core.brief.topic import QueryTerm, TopicQuery
from bot.core.brief.voices import quoted_span
from bot.core.models import Article, Sentence
from bot.core.standalone import has_balanced_quotes
from bot.core.text import fold_wording
from bot.core.timeline import dates_ahead

# Cosine at which two sentences count as the same point: merged across articles, skipped within.
DUPLICATE_SIMILARITY = 0.72
# Share of aligned words at which another outlet's sentence says the same thing in its own words.
CORROBORATION_ALIGNMENT = 0.75
# Cosine above which a new pick is too close to what the brief already says.
REDUNDANT_SIMILARITY = 0.55
LIMITS = {
    "tldr": 2,
    "what_changed": 3,
    "why_it_matters": 3,
    "whats_next": 3,
    "what_to_do_next": 4,
    "voices": 3,
    "key_takeaways": 5,
}
MIN_TAKEAWAYS = 3


@dataclass(slots=True)
class _Assembly:
    pool: list[Candidate]
    # Stored story of each article: another outlet's version counts only within one story.
    stories: Mapping[int, str] = field(default_factory=dict)
    numbers: dict[int, int] = field(default_factory=dict)
    claimed: set[SentenceRef] = field(default_factory=set)
    # Pool indices too close to a chosen sentence (cosine >= REDUNDANT_SIMILARITY).
    redundant: set[int] = field(default_factory=set)
    index: SimilarityIndex = field(init=False)
    positions: dict[SentenceRef, int] = field(init=False)
    by_fingerprint: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.index = SimilarityIndex([c.vector for c in self.pool])
        self.positions = {c.ref: i for i, c in enumerate(self.pool)}
        self.by_fingerprint = {}
        for i, c in enumerate(self.pool):
            self.by_fingerprint.setdefault(c.fingerprint, []).append(i)

    def same_story(self, left: Candidate, right: Candidate) -> bool:
        """Whether two sentences' articles may be one story (unknown placement: yes)."""
        ours = self.stories.get(left.ref.article_id)
        theirs = self.stories.get(right.ref.article_id)
        return ours is None or theirs is None or ours == theirs

    def number(self, article_id: int) -> int:
        return self.numbers.setdefault(article_id, len(self.numbers) + 1)

    def available(self, candidate: Candidate) -> bool:
        if candidate.ref in self.claimed:
            return False
        return self.positions[candidate.ref] not in self.redundant

    def take(self, candidate: Candidate, text: str | None = None) -> CitedSentence:
        """Cite a candidate, merging its near-duplicates from other articles into the citation."""
        close = set(self.index.near(candidate.vector, DUPLICATE_SIMILARITY))
        close.update(self.by_fingerprint[candidate.fingerprint])
        group = [candidate]
        for position in sorted(close):
            other = self.pool[position]
            if other.ref.article_id != candidate.ref.article_id and other.ref not in self.claimed:
                group.append(other)
        shown = text if text is not None else candidate.text
        # A near-duplicate is cited only when its own sentence holds the shown words: "accused
        # Sudan" must not cite the outlet that wrote "accused Khartoum".
        wording = fold_wording(shown)
        merged: list[Candidate] = [candidate]
        versions: list[tuple[Candidate, tuple[Difference, ...]]] = []

        def consider(member: Candidate) -> None:
            """Cite a member holding the shown words; keep another version whose words align."""
            if any(m.ref.article_id == member.ref.article_id for m in merged):
                return
            if any(v.ref.article_id == member.ref.article_id for v, _ in versions):
                return
            if wording in fold_wording(member.text):
                merged.append(member)
                return
            if not self.same_story(candidate, member):
                return
            comparison = compare_versions(shown, member.text)
            if comparison.differences or comparison.alignment >= CORROBORATION_ALIGNMENT:
                versions.append((member, comparison.differences))

        for member in group[1:]:
            consider(member)
        # Close but not merged (the pool's weights can put a paraphrase below the duplicate
        # cosine): still another outlet's version of the point when its words align.
        nearby = self.index.near(candidate.vector, REDUNDANT_SIMILARITY)
        for position in sorted(set(nearby) - close):
            member = self.pool[position]
            if member.ref.article_id != candidate.ref.article_id and member.ref not in self.claimed:
                consider(member)
        for member in (*group, *(v for v, _ in versions)):
            self.claimed.add(member.ref)
        self.redundant.update(nearby)
        citations = tuple(sorted({self.number(m.ref.article_id) for m in merged}))
        others = [
            OtherWording(v.text, self.number(v.ref.article_id), v.ref, differences)
            for v, differences in versions
        ]
        speaker = candidate.attribution.speaker if candidate.attribution else None
        if speaker is not None and speaker.casefold() in shown.casefold():
            speaker = None  # the sentence already names who says it
        return CitedSentence(
            shown,
            citations,
            tuple(m.ref for m in merged),
            speaker,
            corroborations=tuple(o for o in others if not o.differences),
            disagreements=tuple(o for o in others if o.differences),
        )

    def fill(
        self,
        section: str,
        eligible: Callable[[Candidate], bool],
        key: Callable[[Candidate], float],
        first: Callable[[Candidate], bool] = lambda c: False,
    ) -> tuple[CitedSentence, ...]:
        """Take the section's card items (one per article first), then the best eligible others.

        Candidates that ``first`` picks lead within each group ("What's next": dated ahead).
        """
        limit = LIMITS[section]
        out: list[CitedSentence] = []
        cards = sorted(
            (c for c in self.pool if c.card_section == section),
            key=lambda c: (not first(c), -c.relevance, -c.score, c.ref.article_id, c.ref.position),
        )
        seen_articles: set[int] = set()
        for candidate in cards:
            if (
                len(out) < limit
                and candidate.ref.article_id not in seen_articles
                and self.available(candidate)
            ):
                seen_articles.add(candidate.ref.article_id)
                out.append(self.take(candidate))
        others = sorted(
            (c for c in self.pool if c.card_section is None and eligible(c)),
            key=lambda c: (not first(c), -key(c), c.rank, c.ref.position),
        )
        for candidate in others:
            if len(out) >= limit:
                break
            if self.available(candidate):
                out.append(self.take(candidate))
        return tuple(out)


def _headline(ranked: Sequence[RankedArticle], query: TopicQuery) -> RankedArticle:
    def title_relevance(item: RankedArticle) -> float:
        return query.relevance(sentence_stems(item.article.title))

    return max(ranked, key=lambda item: (title_relevance(item) > 0, item.score))


def _voices(assembly: _Assembly) -> tuple[Voice, ...]:
    voices: list[Voice] = []
    speakers: set[str] = set()
    candidates = sorted(
        (c for c in assembly.pool if c.attribution is not None and c.card_section is None),
        key=lambda c: (
            not (c.attribution is not None and c.attribution.quoted),
            not (c.attribution is not None and c.attribution.speaker[0].isupper()),
            -(c.score + c.relevance),
            c.rank,
            c.ref.position,
        ),
    )
    for candidate in candidates:
        attribution = candidate.attribution
        if attribution is None or len(voices) >= LIMITS["voices"]:
            continue
        if attribution.speaker.casefold() in speakers or not assembly.available(candidate):
            continue
        quote = quoted_span(candidate.text) if attribution.quoted else candidate.text
        if quote[:1].islower() or not has_balanced_quotes(quote):
            continue  # a quotation picked up mid-phrase reads as a fragment
        speakers.add(attribution.speaker.casefold())
        cited = assembly.take(candidate, quote)
        voices.append(Voice(attribution.speaker, attribution.role, cited, quote != candidate.text))
    return tuple(voices)


def build_brief(
    query: TopicQuery,
    ranked: Sequence[RankedArticle],
    *,
    related: Sequence[Article] = (),
    audiences: AudienceLexicon | None = None,
    max_articles: int = 8,
    topic: str | None = None,
    stories: Mapping[int, str] | None = None,
) -> Brief:
    """Build a cited, extractive brief from ranked articles (loaded with their sentences).

    ``related`` offers further stored articles for "Related updates"; ranked articles past
    ``max_articles`` are offered too. Deterministic: the same input gives the same brief.
    """
    used = list(ranked[:max_articles])
    assembly = _Assembly(build_pool(query, used), stories or {})
    headline: CitedSentence | None = None
    if used:
        top = _headline(used, query)
        assembly.claimed.add(SentenceRef(top.article.id, -1))
        headline = CitedSentence(
            top.article.title,
            (assembly.number(top.article.id),),
            (SentenceRef(top.article.id, -1),),
        )

    def on_topic(c: Candidate) -> bool:
        return c.relevance > 0.0

    def by_score(c: Candidate) -> float:
        return c.score

    tldr = assembly.fill("tldr", on_topic, by_score)
    to_do = assembly.fill(
        "what_to_do_next", lambda c: c.role is Role.RECOMMENDATION, lambda c: c.relevance + c.score
    )
    changed = assembly.fill(
        "what_changed", lambda c: c.role is Role.CHANGE, lambda c: c.score + 0.5 * c.recency
    )
    matters = assembly.fill("why_it_matters", lambda c: c.role is Role.STAKES, by_score)

    def dated_ahead(c: Candidate) -> bool:
        sentence = Sentence(c.ref.article_id, c.ref.position, 0, c.text)
        return dates_ahead(c.article, sentence)

    upcoming = assembly.fill(
        "whats_next", lambda c: c.role is Role.FORWARD, by_score, first=dated_ahead
    )
    voices = _voices(assembly)
    takeaways = assembly.fill("key_takeaways", on_topic, by_score)
    if len(takeaways) < MIN_TAKEAWAYS:
        takeaways += assembly.fill("key_takeaways", lambda c: True, by_score)
        takeaways = takeaways[: LIMITS["key_takeaways"]]
    by_id = {item.article.id: item.article for item in ranked}
    sourced = [(number, by_id[article_id]) for article_id, number in assembly.numbers.items()]
    sourced.sort(key=lambda pair: pair[0])
    sources = tuple(
        Source(
            number,
            article.id,
            article.title,
            article.publisher,
            article.published_at,
            article.published_precision,
            article.url,
            article.language,
        )
        for number, article in sourced
    )
    lexicon = audiences if audiences is not None else load_audience_lexicon()
    offered = [item.article for item in ranked[max_articles:]] + list(related)
    return Brief(
        topic=topic if topic is not None else query.text,
        headline=headline,
        tldr=tldr,
        what_changed=changed,
        why_it_matters=matters,
        whats_next=upcoming,
        voices=voices,
        key_takeaways=takeaways,
        what_to_do_next=to_do,
        who_should_care=who_should_care(
            sourced, lexicon, relevance=lambda text: query.relevance(sentence_stems(text))
        ),
        related=related_articles([a for _, a in sourced], offered + [i.article for i in used]),
        sources=sources,
        stories=_story_mentions(sources, stories) if stories else (),
    )


def _story_mentions(
    sources: Sequence[Source], stories: Mapping[int, str]
) -> tuple[StoryMention, ...]:
    """The stories the sources report, when there are several (an unplaced article is its own)."""
    groups: dict[str, list[Source]] = {}
    for source in sources:
        groups.setdefault(stories.get(source.article_id, f"s{source.article_id}"), []).append(
            source
        )
    if len(groups) < 2:
        return ()
    mentions = [
        StoryMention(key, members[0].title, tuple(m.number for m in members))
        for key, members in groups.items()
    ]
    return tuple(sorted(mentions, key=lambda m: (-len(m.citations), m.citations[0])))


def article_query(article: Article) -> TopicQuery:
    """A query made of an article's title words, for briefing that one article."""
    terms: dict[str, QueryTerm] = {}
    for word in article.title.split():
        stems = tuple(content_stems(word))
        if len(stems) == 1 and stems[0] not in terms:
            terms[stems[0]] = QueryTerm(word.strip(".,:;!?\"'“”‘’()"), stems, 0.5, "typed")
    return TopicQuery(article.title, (), tuple(terms.values()))


def build_article_brief(
    article: Article,
    *,
    related: Sequence[Article] = (),
    audiences: AudienceLexicon | None = None,
) -> Brief:
    """Brief one article (``briefbot brief --article ID``): its own sections, cited to it."""
    ranked = [RankedArticle(article, 1.0, 1.0, 1.0, 1.0)]
    return build_brief(
        article_query(article), ranked, related=related, audiences=audiences, topic=article.title
    )
