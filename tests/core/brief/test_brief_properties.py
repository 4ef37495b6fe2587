"""Property tests: any article set gives a brief of verbatim, cited, non-repeated sentences."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.brief import (
    Brief,
    build_article_brief,
    build_brief,
    load_topic_lexicon,
    rank_articles,
    resolve_topic,
)
from bot.core.models import Article, ArticleDraft, SearchHit
from bot.core.text import fingerprint_text
from tests.core.brief.seed_articles import NOW_AT, article_from_draft

_SUBJECTS = ["China", "The foundry", "Officials", "Hu Qimu", "The chip industry", "Investors", "He"]
_VERBS = [
    "should expand",
    "will build",
    "announced",
    "must fund",
    "said it would review",
    "warned about",
    "adopted",
    "is expected to double",
]
_OBJECTS = [
    "wafer output",
    "semiconductor research",
    "lithography tools",
    "export controls",
    "basic research funding",
    "the harvest",
    "new chip factories",
    "football stadiums",
]
_TAILS = ["", " by 2028", " next year", " because of pressure", ", Hu said", ", he told reporters"]
_OPENERS = ["", "But ", "Besides, ", "“", "According to experts, "]

_sentence = st.builds(
    lambda opener, subject, verb, obj, tail: (
        f"{opener}{subject} {verb} {obj}{tail}." + ("”" if opener == "“" else "")
    ),
    st.sampled_from(_OPENERS),
    st.sampled_from(_SUBJECTS),
    st.sampled_from(_VERBS),
    st.sampled_from(_OBJECTS),
    st.sampled_from(_TAILS),
)
_paragraph = st.lists(_sentence, min_size=1, max_size=3).map(" ".join)
_article_parts = st.tuples(
    st.sampled_from(_OBJECTS).map(lambda o: f"News on {o}"),
    st.lists(_paragraph, min_size=1, max_size=4),
    st.integers(min_value=0, max_value=400),
)


def _articles(parts: list[tuple[str, list[str], int]]) -> list[Article]:
    out = []
    for article_id, (title, paragraphs, days_old) in enumerate(parts, start=1):
        draft = ArticleDraft(
            title=title,
            body="\n\n".join(paragraphs),
            published_at=NOW_AT - timedelta(days=days_old),
        )
        out.append(article_from_draft(article_id, draft))
    return out


def _is_verbatim(text: str, original: str) -> bool:
    if text in original:
        return True
    # A trimmed leading connective leaves the next letter capitalised.
    return bool(text) and (text[0].lower() + text[1:]) in original


def assert_honest(brief: Brief, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    numbers = {s.number: s.article_id for s in brief.sources}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    refs_seen = set()
    texts_seen = set()
    for item in brief.cited_sentences():
        assert item.refs
        first = item.refs[0]
        article = by_id[first.article_id]
        if first.position == -1:
            original = article.title
        else:
            original = next(s.text for s in article.sentences if s.position == first.position)
        assert _is_verbatim(item.text, original), (item.text, original)
        assert {numbers[n] for n in item.citations} == {r.article_id for r in item.refs}
        for ref in item.refs:
            assert ref not in refs_seen
            refs_seen.add(ref)
        assert fingerprint_text(item.text) not in texts_seen
        texts_seen.add(fingerprint_text(item.text))
    for audience in brief.who_should_care:
        assert set(audience.citations) <= set(numbers)
    cited = set(numbers.values())
    assert not {r.article_id for r in brief.related} & cited
    assert len(brief.tldr) <= 2
    assert len(brief.key_takeaways) <= 5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_article_parts, min_size=1, max_size=5))
def test_topic_briefs_are_verbatim_cited_and_unrepeated(
    parts: list[tuple[str, list[str], int]],
) -> None:
    articles = _articles(parts)
    query = resolve_topic("chips", load_topic_lexicon())
    ranked = rank_articles(query, [SearchHit(a, 1.0, "") for a in articles], now_at=NOW_AT)
    brief = build_brief(query, ranked, related=articles, max_articles=3)
    assert_honest(brief, articles)
    assert brief.is_empty == (not ranked)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_article_parts)
def test_article_briefs_cite_only_their_article(parts: tuple[str, list[str], int]) -> None:
    articles = _articles([parts])
    brief = build_article_brief(articles[0])
    assert_honest(brief, articles)
    assert {s.article_id for s in brief.sources} <= {1}
