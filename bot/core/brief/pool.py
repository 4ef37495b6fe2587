"""The candidate pool of a brief: every usable sentence of the ranked articles, scored and typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.brief.facts import fingerprint_cached, is_boilerplate_cached, role_of_cached
from bot.core.brief.model import SentenceRef
from bot.core.brief.ranking import RankedArticle
from bot.core.brief.sections import (
    CARD_SECTION_ROLE,
    Role,
    trim_connective,
)
from bot.core.brief.selection import SentenceVector, score_sentences
from bot.core.brief.stemming import sentence_stems
from bot.core.brief.topic import TopicQuery
from bot.core.brief.voices import Attribution, attribute_all
from bot.core.models import Article, CardSectionKind
from bot.core.standalone import stands_alone

# Central articles lend their context sentences; passing mentions only lend topical sentences.
CONTEXT_CENTRALITY = 0.5
_SKIPPED_SECTIONS = frozenset({CardSectionKind.TIMELINE, CardSectionKind.WHO_SHOULD_CARE})


@dataclass(frozen=True, slots=True)
class _Row:
    rank: int
    item: RankedArticle
    ref: SentenceRef
    position: int
    text: str
    stems: tuple[str, ...]
    relevance: float
    card: str | None
    attribution: Attribution | None
    fingerprint: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may go into the brief, with everything the section rules need."""

    ref: SentenceRef
    article: Article
    rank: int
    text: str
    relevance: float
    score: float
    vector: SentenceVector
    role: Role
    card_section: str | None
    attribution: Attribution | None
    recency: float
    fingerprint: str


def build_pool(query: TopicQuery, ranked: Sequence[RankedArticle]) -> list[Candidate]:
    """Collect, filter and score the candidate sentences of the ranked articles.

    Boilerplate, timeline items and the body's repeat of the title are dropped; a sentence of an
    article that only mentions the topic in passing must itself be on topic.
    """
    if not ranked:
        return []
    top_score = max(r.score for r in ranked) or 1.0
    rows: list[_Row] = []
    for rank, item in enumerate(ranked):
        article = item.article
        title_print = fingerprint_cached(article.title)
        attributions = attribute_all([s.text for s in article.sentences])
        body_index = 0
        for sentence, attribution in zip(article.sentences, attributions, strict=True):
            if sentence.section in _SKIPPED_SECTIONS:
                continue
            is_card = sentence.section is not None
            position = 0 if is_card else body_index
            body_index += 0 if is_card else 1
            text = sentence.text if is_card else trim_connective(sentence.text)
            fingerprint = fingerprint_cached(text)
            if is_boilerplate_cached(text, is_card) or fingerprint == title_print:
                continue
            if not is_card and not stands_alone(text):
                continue
            stems = sentence_stems(text)
            relevance = query.relevance(stems)
            if relevance <= 0.0 and item.centrality < CONTEXT_CENTRALITY:
                continue
            card = CARD_SECTION_ROLE.get(sentence.section) if sentence.section else None
            ref = SentenceRef(article.id, sentence.position)
            rows.append(
                _Row(
                    rank,
                    item,
                    ref,
                    position,
                    text,
                    stems,
                    relevance,
                    card,
                    attribution,
                    fingerprint,
                )
            )
    scores, vectors = score_sentences(
        [row.text for row in rows],
        relevance=[row.relevance for row in rows],
        positions=[row.position for row in rows],
        stem_lists=[row.stems for row in rows],
    )
    pool: list[Candidate] = []
    for row, score, vector in zip(rows, scores, vectors, strict=True):
        weight = 0.5 + 0.5 * row.item.score / top_score
        pool.append(
            Candidate(
                ref=row.ref,
                article=row.item.article,
                rank=row.rank,
                text=row.text,
                relevance=row.relevance,
                score=score * weight,
                vector=vector,
                role=role_of_cached(row.text) if row.card is None else Role.OTHER,
                card_section=row.card,
                attribution=row.attribution,
                recency=row.item.recency,
                fingerprint=row.fingerprint,
            )
        )
    return pool
