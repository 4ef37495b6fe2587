"""Multi-word topics in any order, and expansion terms that never admit an article alone."""

from __future__ import annotations

from bot.core.brief import load_topic_lexicon, rank_articles, resolve_topic
from bot.core.brief.ranking import topic_centrality
from bot.core.brief.topic import EXPANSION_WEIGHT, QueryTerm, TopicQuery
from bot.core.models import SearchHit
from tests.core.brief.seed_articles import NOW_AT
from tests.core.brief.test_brief_rules import make_article

# Real ECB+ sentences (topic 2: Iran earthquakes; topic 1: Tara Reid in rehab).
QUAKE = make_article(
    1,
    "Magnitude 6.1 quake strikes southern Iran",
    "A strong earthquake struck southern Iran on Sunday, killing at least seven people.",
    "The quake hit near the town of Qeshm island in the second half of the day.",
)
REID = make_article(
    2,
    "Tara Reid Checks Into Rehab",
    "Tara Reid has checked herself into Promises Treatment Center.",
    "The actress was seen in Malibu in the second half of the week.",
)
OTHER_QUAKE = make_article(
    3,
    "Earthquake shakes California coast",
    "An earthquake of magnitude 4.4 rattled Los Angeles early on Tuesday.",
)


def _ranked_ids(topic: str) -> list[int]:
    query = resolve_topic(topic, load_topic_lexicon())
    hits = [SearchHit(a, 1.0, "") for a in (QUAKE, REID, OTHER_QUAKE)]
    return [r.article.id for r in rank_articles(query, hits, now_at=NOW_AT)]


def test_word_order_and_case_do_not_matter() -> None:
    assert _ranked_ids("iran earthquake") == [1]
    assert _ranked_ids("Earthquake IRAN") == [1]
    assert _ranked_ids("reid tara") == [2]


def test_every_typed_word_needs_evidence() -> None:
    # The Californian quake says nothing of Iran, so it is not about "iran earthquake".
    assert 3 not in _ranked_ids("earthquake iran")
    assert sorted(_ranked_ids("earthquake")) == [1, 3]


def test_expansion_terms_alone_never_admit_a_sentence_or_article() -> None:
    query = resolve_topic("iran earthquake", load_topic_lexicon())
    second = QueryTerm("second", ("second",), EXPANSION_WEIGHT, "expansion")
    expanded = TopicQuery(query.text, query.topics, (*query.weighted, second), query.required)
    assert expanded.relevance(("second", "half")) == 0.0
    assert expanded.relevance(("second", "earthquak")) > query.relevance(("earthquak",))
    assert topic_centrality(expanded, REID) == 0.0
