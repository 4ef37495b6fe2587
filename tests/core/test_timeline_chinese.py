"""Chinese timelines: dated events with resolved dates, plans expected, the day of telling left out."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.models import Article, ArticleDraft, DatePrecision
from bot.core.text import sentences_of
from bot.core.timeline import Event, build_timeline
from bot.core.timex import Granularity

PUBLISHED_AT = datetime(2026, 11, 20, tzinfo=UTC)
NOW_AT = datetime(2026, 11, 21, tzinfo=UTC)


def events_of(body: str, precision: DatePrecision = DatePrecision.DAY) -> dict[str, Event]:
    draft = ArticleDraft(title="国产光刻机研发取得阶段性进展", body=body)
    article = Article(
        id=1, title=draft.title, body=body, content_hash="h", ingested_at=PUBLISHED_AT,
        published_at=PUBLISHED_AT, published_precision=precision, language="zh",
        sentences=tuple(sentences_of(1, draft)),
    )  # fmt: skip
    return {e.value: e for e in build_timeline([article], now_at=NOW_AT).events}


def test_the_day_of_telling_is_no_event_and_next_thursday_is_a_plan() -> None:
    events = events_of("记者11月20日从上海微电子获悉，公司计划下周四向首批客户交付样机。")
    assert set(events) == {"2026-11-26"}
    delivery = events["2026-11-26"]
    assert delivery.precision == Granularity.DAY
    assert delivery.upcoming
    assert delivery.expected
    assert delivery.statement.startswith("记者11月20日从上海微电子获悉")


def test_by_2028_is_expected_as_in_english() -> None:
    events = events_of("上海微电子负责人表示，“我们的目标是到2028年实现28纳米光刻机的批量供货。”")
    assert events["2028"].expected


def test_a_past_month_is_a_past_event() -> None:
    events = events_of("据了解，美国商务部上个月更新了对华芯片出口管制规则。")
    event = events["2026-10"]
    assert (event.starts_at, event.ends_at) == (
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 11, 1, tzinfo=UTC),
    )
    assert not event.upcoming
    assert not event.expected


def test_the_five_year_plan_is_one_period_event() -> None:
    events = events_of("根据规划，十四五期间我国将重点突破集成电路关键设备和材料。")
    period = events["2021/2025"]
    assert period.precision == Granularity.YEAR
    assert (period.starts_at, period.ends_at) == (
        datetime(2021, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert not period.expected  # it ended before publication


def test_year_end_is_late_in_the_year_and_expected() -> None:
    events = events_of(
        "中国半导体行业协会预计，今年年底前国内芯片制造企业的设备国产化率将进一步提高。"
    )
    event = events["2026"]
    assert event.mod == "END"
    assert event.starts_at == datetime(2026, 9, 1, tzinfo=UTC)
    assert event.expected


def test_in_a_week_dated_article_this_week_is_its_own_week() -> None:
    sunday = datetime(2022, 10, 16, tzinfo=UTC)
    draft = ArticleDraft(title="t", body="本周，工信部召开座谈会。")
    article = Article(
        id=2, title="t", body=draft.body, content_hash="w", ingested_at=sunday,
        published_at=sunday, published_precision=DatePrecision.WEEK, language="zh",
        sentences=tuple(sentences_of(2, draft)),
    )  # fmt: skip
    (event,) = build_timeline([article], now_at=NOW_AT).events
    assert (event.starts_at, event.ends_at) == (sunday, datetime(2022, 10, 23, tzinfo=UTC))


def test_a_line_opening_on_the_company_named_before_joins_that_sentence() -> None:
    events = events_of(
        "中芯国际在《第三季度业绩公告》中称，公司本季度营收同比增长12%。公司预计明年2月公布全年业绩。"
    )
    # The closing full stop goes, as an English statement's "." does.
    assert events["2027-02"].statement == (
        "中芯国际在《第三季度业绩公告》中称，公司本季度营收同比增长12%。公司预计明年2月公布全年业绩"
    )
    # Without the sentence naming it, "the company" stands on nothing: no event.
    assert "2027-02" not in events_of("公司预计明年2月公布全年业绩。")
