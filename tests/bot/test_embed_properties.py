"""Property tests: arbitrary article text and briefs always render inside Discord's limits."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.core.brief.discrepancy import Difference, DifferenceKind
from bot.core.brief.model import (
    Audience,
    Brief,
    CitedSentence,
    OtherWording,
    RelatedArticle,
    SentenceRef,
    Source,
    Voice,
)
from bot.core.models import DatePrecision
from bot.render.embed_brief import citation_marks, render_brief
from bot.render.embed_library import notice, render_sources, topic_not_found_text
from bot.render.embed_text import escape, split_text
from bot.render.embed_timeline import render_timeline
from bot.render.embeds import page_problems
from bot.render.paging import DESCRIPTION_BUDGET
from bot.render.timeline_view import EventView, SourceView, TimelineView
from tests.discord_double.limits import message_problems

HOSTILE = [
    "@everyone",
    "@here",
    "<@&123456>",
    "<@42>",
    "<#7>",
    "**",
    "__",
    "`",
    "\\",
    "||",
    "# ",
    "> ",
    "- ",
    "[x](https://e.test)",
    "\n",
    "  ",
    ".",
    "! ",
    "\u200b",
    "😀",
    "中文。",
]
pieces = st.one_of(st.text(max_size=20), st.sampled_from(HOSTILE), st.just("word " * 30))
article_text = st.lists(pieces, max_size=12).map("".join)
# Long texts are built by repetition: generating thousands of random characters is slow.
repeated = st.tuples(st.text(min_size=1, max_size=30), st.integers(50, 400)).map(
    lambda t: t[0] * t[1]
)
long_text = st.one_of(article_text, repeated, st.just("x" * 5000))
numbers = st.lists(st.integers(1, 40), max_size=4).map(tuple)
other_wordings = st.builds(
    OtherWording,
    text=st.one_of(article_text, long_text),
    citation=st.integers(1, 40),
    ref=st.just(SentenceRef(1, 0)),
    differences=st.lists(
        st.builds(
            Difference,
            kind=st.sampled_from(list(DifferenceKind)),
            ours=article_text,
            theirs=article_text,
        ),
        min_size=1,
        max_size=2,
    ).map(tuple),
)
sentences = st.builds(
    CitedSentence,
    text=st.one_of(article_text, long_text),
    citations=numbers,
    refs=st.just(()),
    disagreements=st.lists(other_wordings, max_size=2).map(tuple),
)
sentence_lists = st.lists(sentences, max_size=5).map(tuple)
when = st.one_of(st.none(), st.datetimes(timezones=st.just(UTC)))
precision = st.sampled_from(list(DatePrecision))
urls = st.one_of(st.none(), st.just("https://example.test/a(b) c"), st.just("javascript:alert(1)"))
sources = st.lists(
    st.builds(
        Source,
        number=st.integers(1, 40),
        article_id=st.integers(1, 10**6),
        title=article_text,
        publisher=st.one_of(st.none(), article_text),
        published_at=when,
        published_precision=precision,
        url=urls,
    ),
    max_size=12,
).map(tuple)
briefs = st.builds(
    Brief,
    topic=article_text,
    headline=st.one_of(st.none(), sentences),
    tldr=sentence_lists,
    what_changed=sentence_lists,
    why_it_matters=sentence_lists,
    whats_next=sentence_lists,
    voices=st.lists(
        st.builds(
            Voice, speaker=article_text, role=st.one_of(st.none(), article_text), quote=sentences
        ),
        max_size=4,
    ).map(tuple),
    key_takeaways=sentence_lists,
    what_to_do_next=sentence_lists,
    who_should_care=st.lists(
        st.builds(
            Audience,
            key=st.just("k"),
            name=article_text,
            cues=st.lists(article_text, max_size=4).map(tuple),
            citations=numbers,
        ),
        max_size=4,
    ).map(tuple),
    related=st.lists(
        st.builds(
            RelatedArticle,
            article_id=st.integers(1, 99),
            title=article_text,
            publisher=st.none(),
            published_at=when,
            published_precision=precision,
            url=urls,
            line=long_text,
        ),
        max_size=4,
    ).map(tuple),
    sources=sources,
)
MENTION = re.compile(r"@(everyone|here)|<@|<#", re.IGNORECASE)


@settings(max_examples=150, deadline=None)
@given(briefs)
def test_every_page_of_any_brief_is_within_discords_limits(brief: Brief) -> None:
    pages = render_brief(brief)
    assert pages
    for page in pages:
        assert page_problems(page) == []
        assert message_problems({"embeds": [c.to_dict() for c in page]}, creating=True) == []
        for card in page:
            assert not MENTION.search(card.title + card.description + card.footer)


@settings(max_examples=100, deadline=None)
@given(briefs)
def test_short_sentences_keep_their_citations_on_their_line(brief: Brief) -> None:
    assume(not brief.is_empty)
    descriptions = "\n".join(c.description for page in render_brief(brief) for c in page)
    for sentence in brief.tldr + brief.what_changed + brief.key_takeaways:
        text = escape(sentence.text)
        if text and sentence.citations and len(text) < DESCRIPTION_BUDGET - 200:
            assert f"{text}\u00a0{citation_marks(sentence.citations)}" in descriptions


@given(
    st.lists(st.text(alphabet="abcdé\\*_", min_size=1, max_size=12), max_size=200),
    st.integers(12, 400),
)
def test_split_text_never_cuts_a_word_that_fits(words: list[str], limit: int) -> None:
    text = " ".join(words)
    parts = split_text(text, limit)
    assert all(len(part) <= limit for part in parts)
    assert " ".join(parts).split(" ") == [w for w in text.split(" ") if w] or not words


@given(st.text(alphabet="\\*a", max_size=3000), st.integers(2, 300))
def test_split_text_never_leaves_an_escape_half_done(raw: str, limit: int) -> None:
    escaped = escape(raw)
    for part in split_text(escaped, limit):
        assert len(part) <= limit
        trailing = len(part) - len(part.rstrip("\\"))
        assert trailing % 2 == 0


@given(article_text)
def test_notices_defuse_mentions_and_fit_in_content(topic: str) -> None:
    from bot.core.brief import TopicNotFound

    # What reply_privately sends: the plain answer made safe by notice().
    text = notice(topic_not_found_text(TopicNotFound(topic * 50, ("@everyone", "chips"))))
    assert len(text) <= 2000
    assert not MENTION.search(text)


def test_source_list_of_many_articles_pages_within_limits() -> None:
    from bot.core.models import Article

    articles = [
        Article(
            id=n,
            title="@everyone " + "long title " * 30,
            body="",
            content_hash="h",
            ingested_at=datetime(2026, 1, 1, tzinfo=UTC),
            url=f"https://e.test/{n}",
        )
        for n in range(1, 200)
    ]
    pages = render_sources(articles)
    assert len(pages) > 1
    for page in pages:
        assert page_problems(page) == []
        assert "Page " in page[-1].footer


def _event(statement: str, label: str, sources: tuple[int, ...]) -> EventView:
    at = datetime(2024, 1, 1, tzinfo=UTC)
    return EventView(
        value="2024",
        precision="year",
        date_label=label,
        group=label[:8],
        statement=statement,
        sources=sources,
        citations=(),
        starts_at=at,
        ends_at=at,
        upcoming=False,
        expected=False,
        approximate=bool(sources),
        mod=None,
        markers=("upcoming",) if sources else (),
    )


events = st.builds(_event, long_text, article_text, numbers)
timeline_views = st.builds(
    TimelineView,
    topic=article_text,
    events=st.lists(events, max_size=30).map(tuple),
    sources=st.lists(
        st.builds(
            SourceView,
            number=st.integers(1, 40),
            article_id=st.integers(1, 99),
            title=article_text,
            publisher=st.one_of(st.none(), article_text),
            published_at=when,
            published_precision=precision,
            date_label=article_text,
            url=urls,
        ),
        max_size=10,
    ).map(tuple),
)


@settings(max_examples=100, deadline=None)
@given(timeline_views)
def test_every_page_of_any_timeline_is_within_discords_limits(view: TimelineView) -> None:
    for page in render_timeline(view):
        assert page_problems(page) == []
        assert message_problems({"embeds": [c.to_dict() for c in page]}, creating=True) == []
        for card in page:
            assert not MENTION.search(card.title + card.description + card.footer)
