"""Property tests of timeline events and statements on generated sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.models import Article, ArticleDraft, DatePrecision
from bot.core.statements import MAX_WITH_SUBJECT, statement_of
from bot.core.text import sentences_of
from bot.core.timeline import build_timeline

PUBLISHED_AT = datetime(2022, 9, 7, tzinfo=UTC)
_PIECES = st.sampled_from(
    [
        "the", "ministers", "will", "meet", "and", "but", "said", "in", "of", "a", "chip",
        "from", "to", "between", "until", "on", "Thursday", "Friday", "March", "2021", "2028",
        "next February", "early August", "by mid-century", "this week", "at 9 a.m.",
        ",", ";", "–", "-", "“education, technology, and talent”", "(chips, screens)",
        "'New Quality'", "told the Global Times on Wednesday", "postponed from March to June",
        "powerhouse", "China’s", "strategy", "development", "from Thursday to Friday",
        "between Monday and Tuesday", "from 2010 until 2015", "2020–2022",
    ]
)  # fmt: skip
_SENTENCES = st.lists(_PIECES, min_size=1, max_size=70).map(
    lambda words: ("The " + " ".join(words) + ".").replace(" ,", ",").replace(" ;", ";")
)


def article_of(body: str) -> Article:
    draft = ArticleDraft(title="t", body=body)
    return Article(
        id=1, title="t", body=body, content_hash="h", ingested_at=PUBLISHED_AT,
        published_at=PUBLISHED_AT, published_precision=DatePrecision.DAY,
        sentences=tuple(sentences_of(1, draft)),
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_SENTENCES, st.data())
def test_statement_is_a_verbatim_bounded_slice(sentence: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(sentence) - 1))
    end = data.draw(st.integers(start + 1, len(sentence)))
    whole = data.draw(st.booleans())
    statement = statement_of(sentence, start, end, whole=whole)
    assert statement in sentence
    assert len(statement) <= MAX_WITH_SUBJECT
    assert statement == statement.strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=4))
def test_events_are_sorted_verbatim_and_never_repeat_a_statement(sentences: list[str]) -> None:
    article = article_of(" ".join(sentences))
    events = build_timeline([article], now_at=PUBLISHED_AT).events
    statements = [event.statement for event in events]
    assert len(statements) == len(set(statements))
    texts = {s.position: s.text for s in article.sentences}
    for event in events:
        assert event.starts_at < event.ends_at
        assert event.statement in texts[event.citations[0].position]
        assert len(event.statement) <= MAX_WITH_SUBJECT
        # generated quotations are short, so a statement never stops inside one
        assert event.statement.count("“") == event.statement.count("”")
    starts = [event.starts_at for event in events]
    assert starts == sorted(starts)
