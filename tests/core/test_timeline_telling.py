"""The day of telling: "X said on Thursday that …" dates what is told, not the saying."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.models import Article, ArticleDraft, DatePrecision
from bot.core.text import sentences_of
from bot.core.timeline import Event, build_timeline
from bot.core.timex import tag
from bot.core.timex.telling import is_telling

PUBLISHED_AT = datetime(2026, 12, 4, tzinfo=UTC)  # a Friday


def events_of(body: str, published_at: datetime = PUBLISHED_AT) -> tuple[Event, ...]:
    draft = ArticleDraft(title="t", body=body)
    article = Article(
        id=1, title="t", body=body, content_hash="h", ingested_at=published_at,
        published_at=published_at, published_precision=DatePrecision.DAY,
        sentences=tuple(sentences_of(1, draft)),
    )  # fmt: skip
    return build_timeline([article], now_at=published_at).events


def values_of(body: str) -> list[str]:
    return [event.value for event in events_of(body)]


@pytest.mark.parametrize(
    ("body", "value"),
    [
        ("The fab said on Thursday that it will open a second wafer plant in 2027.", "2027"),
        ("The wafer company said on Monday that it would build a new plant in Texas next year.",
         "2027"),
        ("The wafer company said Monday it would build a new plant next year.", "2027"),
        # A bracket restating the day of telling is the telling too.
        ("The singer told MTV News on Thursday evening (December 3) that her new album will be "
         "out next year.", "2027"),
        ("The singer told MTV News on Thursday (Dec. 3) that her album will be out in March.",
         "2027-03"),
        ("The fab told reporters on Tuesday that it would open a plant next year.", "2027"),
        ("The fab told reporters late on Tuesday that it would open a plant in March.", "2027-03"),
        ("Hu told the Global Times on Wednesday that the line opens in May 2027.", "2027-05"),
        ("The fab said in a statement on Thursday that it would open a plant next year.", "2027"),
        ("On Thursday, the fab said that it will open a second plant in 2027.", "2027"),
        ("On Monday the chief executive told investors the plant opens in 2027.", "2027"),
        ("The plant will open in 2027, the fab said on Thursday.", "2027"),
        ("The company announced plans on Thursday to build a plant in 2027.", "2027"),
        ("Xinhua reported on Tuesday that exports rose in November.", "2026-11"),
        ("The fab said on Thursday that it opened the plant on Monday.", "2026-11-30"),
    ],
)  # fmt: skip
def test_the_told_date_is_the_event_not_the_telling(body: str, value: str) -> None:
    assert values_of(body) == [value]
    assert events_of(body)[0].statement == body.rstrip(".")


def test_the_same_sentence_on_the_day_of_telling_reads_the_same() -> None:
    body = "The fab said on Thursday that it will open a second wafer plant in 2027."
    assert values_of(body) == ["2027"]
    assert [e.value for e in events_of(body, datetime(2026, 12, 3, tzinfo=UTC))] == ["2027"]


@pytest.mark.parametrize(
    ("body", "day"),
    [
        ("The fab opened the plant on Thursday.", "2026-12-03"),
        ("The fab opened the plant on Thursday and said it will expand in 2027.", "2026-12-03"),
        ("On Thursday, the fab opened the plant and said it will expand in 2027.", "2026-12-03"),
        ("The chief said the plant opened on Thursday and will expand in 2027.", "2026-12-03"),
        ("The chief told reporters the plant opened on Thursday and will grow in 2027.",
         "2026-12-03"),
        ("The fab said Monday's output beat its goal for 2027.", "2026-11-30"),
    ],
)  # fmt: skip
def test_a_day_that_dates_an_event_stays(body: str, day: str) -> None:
    # The sentence is stated once, under its first date: the day, not the year after it.
    assert values_of(body)[0] == day


def test_a_telling_day_alone_still_dates_its_sentence() -> None:
    # Only the publication day's telling is left out when nothing else is dated.
    assert values_of("The fab said on Monday that it had sold the plant.") == ["2026-11-30"]
    assert values_of("The fab said on Friday that it had sold the plant.") == []


@pytest.mark.parametrize(
    ("text", "day", "telling"),
    [
        ("The fab said on Thursday that it will open a plant.", "Thursday", True),
        ("The fab said Thursday it will open a plant.", "Thursday", True),
        ("Officials told state media on Thursday that it would.", "Thursday", True),
        ("Hu told the Global Times on Thursday.", "Thursday", True),
        ("It said at a news conference in Beijing on Thursday that it would.", "Thursday", True),
        ("On Thursday, the fab said it would.", "Thursday", True),
        ("Late on Thursday the Commerce Ministry announced it would.", "Thursday", True),
        ("The fab opened the plant on Thursday.", "Thursday", False),
        ("He said the plant opened on Thursday.", "Thursday", False),
        ("He told reporters the plant opened on Thursday.", "Thursday", False),
        ("On Thursday, the fab opened the plant and said so.", "Thursday", False),
        ("The fab said Thursday's output was a record.", "Thursday", False),
        ("The fab said Thursday was its best day.", "Thursday", False),
        ("Fresh riots were reported in Athens on Thursday.", "Thursday", False),
        ("It was announced on Thursday that it would.", "Thursday", True),
        ("She was admitted to hospital on Thursday.", "Thursday", False),
        ("On Thursday, the fab reported record sales.", "Thursday", False),
    ],
)  # fmt: skip
def test_is_telling(text: str, day: str, telling: bool) -> None:
    start = text.index(day)
    assert is_telling(text, start, start + len(day)) is telling


def test_a_weekday_told_of_is_in_the_past_whatever_the_clause_says() -> None:
    # "would" after the day is nearer than "told" before it; the telling has already happened.
    for text in (
        "The fab told reporters late on Tuesday that it would open a plant.",
        "The fab said in a statement on Tuesday that it would open a plant.",
    ):
        (day,) = [t for t in tag(text, PUBLISHED_AT, "day") if "Tuesday" in t.text]
        assert day.value == "2026-12-01", text
