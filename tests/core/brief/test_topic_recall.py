"""Multi-word topics in any order, and expansion terms that never admit an article alone."""

from __future__ import annotations

from bot.core.brief import build_brief, load_topic_lexicon, rank_articles, resolve_topic
from bot.core.brief.model import Brief, CitedSentence
from bot.core.brief.ranking import topic_centrality
from bot.core.brief.topic import EXPANSION_WEIGHT, QueryTerm, TopicQuery
from bot.core.models import SearchHit
from bot.core.text import fold_wording
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


def _all_items(brief: Brief) -> list[CitedSentence]:
    return [
        *brief.tldr,
        *brief.what_changed,
        *brief.why_it_matters,
        *brief.whats_next,
        *brief.key_takeaways,
        *brief.what_to_do_next,
    ]


def test_a_near_duplicate_in_other_words_is_not_cited() -> None:
    # ECB+ topic 13 (Sudan/South Sudan): two outlets, one fact, two wordings.
    first = make_article(
        1,
        "South Sudan says Sudan bombed oil field",
        "Taban Deng, governor of Unity state, accused Sudan of carrying out the attack on Monday.",
    )
    second = make_article(
        2,
        "South Sudan oil field bombed",
        "Taban Deng, governor of Unity state, accused Khartoum of carrying out the attack on Monday.",
    )
    query = resolve_topic("sudan attack", load_topic_lexicon())
    hits = [SearchHit(first, 2.0, ""), SearchHit(second, 1.9, "")]
    brief = build_brief(query, rank_articles(query, hits, now_at=NOW_AT))
    assert isinstance(brief, Brief)
    by_id = {1: first, 2: second}
    for item in _all_items(brief):
        for ref in item.refs:
            article = by_id[ref.article_id]
            assert fold_wording(item.text) in fold_wording(article.sentences[ref.position].text)


def test_the_speaker_is_not_appended_when_the_sentence_names_them() -> None:
    article = make_article(
        1,
        "Bettie Page dies at 85",
        "Bettie Page died Thursday of pneumonia at a Los Angeles hospital, "
        "her agent Mark Roesler said.",
        "The pin-up model was born in Nashville in 1923, Mark Roesler said.",
    )
    query = resolve_topic("bettie page", load_topic_lexicon())
    brief = build_brief(query, rank_articles(query, [SearchHit(article, 1.0, "")], now_at=NOW_AT))
    assert isinstance(brief, Brief)
    items = _all_items(brief)
    assert items
    for item in items:
        assert item.attribution is None or item.attribution.casefold() not in item.text.casefold()


def test_a_quotation_picked_up_mid_phrase_is_not_a_voice() -> None:
    # ECB+ topic 12 wording: a partial quotation opens in lower case.
    article = make_article(
        1,
        "Gigante dies in prison",
        'Vincent Gigante died on Monday; "putting aside the mental stuff," his lawyer '
        "Ben Brafman said, he had heart trouble.",
        '"He suffered for years from a multitude of medical issues," said Ben Brafman.',
    )
    query = resolve_topic("gigante", load_topic_lexicon())
    brief = build_brief(query, rank_articles(query, [SearchHit(article, 1.0, "")], now_at=NOW_AT))
    assert isinstance(brief, Brief)
    assert brief.voices
    assert all(voice.quote.text[:1].isupper() for voice in brief.voices)
