"""Chinese date expressions: resolved against the publication date as the English ones are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.timex import Granularity, tag
from bot.core.timex.chinese_context import SPRING_FESTIVAL, chinese_relation
from bot.core.timex.period import period_of

FRIDAY = datetime(2026, 11, 20, tzinfo=UTC)  # publication day of the lithography fixture


def only(text: str, precision: str = "day") -> tuple[str, str, str | None, str | None, bool]:
    found = tag(text, FRIDAY, precision)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    (timex,) = found
    return timex.text, timex.value, timex.mod, timex.relation, timex.resolved


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("商务部2022年9月7日发布公告。", "2022年9月7日", "2022-09-07", None),
        ("发言人9月7日表示。", "9月7日", "2026-09-07", None),
        ("公司预计明年2月公布全年业绩。", "明年2月", "2027-02", None),
        ("计划下周四向首批客户交付样机。", "下周四", "2026-11-26", None),
        ("上周五双方举行会谈。", "上周五", "2026-11-13", None),
        ("美国商务部上个月更新了规则。", "上个月", "2026-10", None),
        ("下个月中旬开始试产。", "下个月中旬", "2026-12", "MID"),
        ("本月底完成交付。", "本月底", "2026-11", "END"),
        ("月初公布数据。", "月初", "2026-11", "START"),
        ("3月下旬召开会议。", "3月下旬", "2027-03", "END"),
        ("协会预计，今年年底前国产化率将提高。", "今年年底", "2026", "END"),
        ("去年年初启动项目。", "去年年初", "2025", "START"),
        ("年底前完成。", "年底", "2026", "END"),
        ("明年上半年投产。", "明年上半年", "2027-H1", None),
        ("2025年第三季度营收增长。", "2025年第三季度", "2025-Q3", None),
        ("今年夏天发布新品。", "今年夏天", "2026-SU", None),
        ("本周召开发布会。", "本周", "2026-W47", None),
        ("上周签署协议。", "上周", "2026-W46", None),
        ("下周公布细则。", "下周", "2026-W48", None),
        ("下周末举行。", "下周末", "2026-W48-WE", None),
        ("去年营收下降。", "去年", "2025", None),
        ("今年营收增长。", "今年", "2026", None),
        ("明年继续扩产。", "明年", "2027", None),
        ("三年前公司成立。", "三年前", "2023", None),
        ("两个月后将投产。", "两个月后", "2027-01", None),
        ("昨天正式发布。", "昨天", "2026-11-19", None),
        ("今年春节前后返乡。", "今年春节", "2026-02-17", None),
        ("2021年至2025年产量翻番。", "2021年至2025年", "2021/2025", None),
        ("展会9月8日至9日举行。", "9月8日至9日", "2026-09-08/2026-09-09", None),
        ("公司九月七日发布公告。", "九月七日", "2026-09-07", None),
        ("二〇二二年十月七日，美方宣布新规。", "二〇二二年十月七日", "2022-10-07", None),
        ("十二月份将投产。", "十二月份", "2026-12", None),
        ("九月下旬召开会议。", "九月下旬", "2026-09", "END"),
        ("明年二月公布业绩。", "明年二月", "2027-02", None),
        ("本季度营收增长。", "本季度", "2026-Q4", None),
        ("上个季度亏损收窄。", "上个季度", "2026-Q3", None),
        ("下一季度将扩产。", "下一季度", "2027-Q1", None),
        ("第三季度营收增长。", "第三季度", "2026-Q3", None),
        ("公司预计中旬发布新品。", "中旬", "2026-11", "MID"),
        ("月中旬公布细则。", "月中旬", "2026-11", "MID"),
    ],
)
def test_chinese_dates_resolve_against_the_publication_day(
    text: str, span: str, value: str, mod: str | None
) -> None:
    found_span, found_value, found_mod, _, resolved = only(text)
    assert (found_span, found_value, found_mod) == (span, value, mod)
    assert resolved


@pytest.mark.parametrize(
    "text",
    ["十四五期间我国将重点突破。", "“十四五”时期，产业发展迅速。", "第十四个五年规划期间"],
)
def test_the_14th_five_year_plan_is_the_period_2021_to_2025(text: str) -> None:
    _, value, _, _, _ = only(text)
    assert value == "2021/2025"
    period = period_of(value)
    assert period is not None
    starts_at, ends_at, granularity = period
    assert (starts_at.year, ends_at.year, granularity) == (2021, 2026, Granularity.YEAR)


def test_the_15th_plan_follows_on_and_a_plan_name_alone_is_no_date() -> None:
    assert only("十五五时期")[1] == "2026/2030"
    assert tag("十四五规划提出了目标。", FRIDAY) == []


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("我们的目标是到2028年实现量产。", "ON_OR_BEFORE"),  # as "by 2028"
        ("截至2025年底，产能翻番。", "ON_OR_BEFORE"),
        ("今年年底前完成。", "BEFORE"),
        ("2020年以来，出口增长。", "ON_OR_AFTER"),
        ("2027年后全面投产。", "AFTER"),
        ("2026年前景看好。", None),  # 前景 is "prospects", not "before"
    ],
)
def test_governing_words_give_the_english_relations(text: str, relation: str | None) -> None:
    assert only(text)[3] == relation


@pytest.mark.parametrize(
    "text",
    [
        "目前年产能达到十万片。",  # 目前 + 年产能, not 前年
        "说明年度报告的要点。",  # 说明 + 年度, not 明年
        "至今年均增长8%。",  # 至今 + 年均, not 今年
        "日本周边国家。",  # 日本 + 周边, not 本周
        "经济周期性波动。",
        "成本月均下降。",  # 成本 + 月均, not 本月
        "每周一例会。",  # a set, not a date
        "三个月的时间。",  # a duration
        "今日头条发布公告。",  # a name
        "该项目初步完成。",
        "统一月度报告格式。",  # 统一 + 月度, not 一月
        "同一月份内完成。",  # 同一 + 月份
        "第一次交付。",
        "今晚月亮很圆。",
    ],
)
def test_words_that_only_contain_a_date_word_are_no_dates(text: str) -> None:
    assert tag(text, FRIDAY) == [], text


def test_a_year_that_starts_a_phrase_is_the_year_alone() -> None:
    assert only("2026年中国经济增长。")[1:3] == ("2026", None)
    assert only("2026年初步实现量产。")[1:3] == ("2026", None)


def test_a_week_dated_article_takes_weekdays_in_its_own_weeks_approximately() -> None:
    sunday = datetime(2022, 10, 16, tzinfo=UTC)  # "week of 2022-10-16"
    (timex,) = tag("下周四交付样机。", sunday, "week")
    assert (timex.value, timex.resolved) == ("2022-10-27", False)
    (week,) = tag("本周召开会议。", sunday, "week")
    assert (week.value, week.resolved) == ("2022-W42", True)


def test_a_year_dated_article_gives_no_guessed_month_or_day() -> None:
    (month,) = tag("3月下旬召开会议。", FRIDAY, "year")
    assert (month.value, month.mod, month.resolved) == ("2026-03", "END", False)
    (day,) = tag("发言人9月7日表示。", FRIDAY, "year")
    assert (day.value, day.resolved) == ("XXXX-09-07", False)
    (last_month,) = tag("上个月更新了规则。", FRIDAY, "year")
    assert (last_month.value, last_month.mod, last_month.resolved) == ("2026", None, False)
    assert only("明年2月公布。", "year")[1] == "2027-02"  # the year is known


def test_spring_festival_is_the_lunar_new_year_nearest_by_tense() -> None:
    assert only("春节前后返乡。")[1] == "2027-02-06"
    assert only("去年春节期间销量大增。")[1] == "2025-01-29"
    assert SPRING_FESTIVAL[2024].isoformat() == "2024-02-10"


def test_english_text_is_untouched_by_the_chinese_rules() -> None:
    text = "The plan runs to 2028, and the ministry met on Tuesday."
    assert chinese_relation(text, 17, 21) is None
    assert [t.value for t in tag(text, FRIDAY)] == ["2028", "2026-11-17"]


_PIECES = st.sampled_from(
    [
        "2022年", "2026", "年", "9月", "12月", "7日", "31号", "明年", "今年", "去年", "前年", "后年",
        "上个月", "本月", "下月", "月初", "月底", "上旬", "中旬", "下旬", "本周", "上周", "下周", "周四",
        "星期天", "周末", "年初", "年中", "年底", "上半年", "第三季度", "夏天", "春节", "元旦", "国庆节",
        "十四五", "十五五", "期间", "时期", "以来", "到", "截至", "前", "后", "至", "—", "三", "两个",
        "个月", "天", "今天", "昨天", "，", "。", "“", "”", "公司", "将", "预计", "了", "已", "30",
        "九月", "十二月", "十", "一", "二十", "三十一", "日", "二〇二二年", "本季度", "上个季度", "季度",
        "第", "下一", "月中旬",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12), st.sampled_from(["day", "week", "month", "year", "unknown"]))
def test_any_run_of_chinese_date_words_tags_without_error(
    pieces: list[str], precision: str
) -> None:
    text = "".join(pieces)
    for timex in tag(text, FRIDAY, precision):
        assert text[timex.start : timex.end] == timex.text
        concrete = "X" not in timex.value and timex.value not in {"PAST_REF", "FUTURE_REF"}
        if concrete and timex.resolved and timex.type.value in {"DATE", "TIME"}:
            assert period_of(timex.value.split("T", 1)[0]) is not None, (text, timex)
