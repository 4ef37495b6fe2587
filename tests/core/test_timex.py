"""Per-rule tests of the temporal tagger with hand-written sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.timex import Granularity, TimexType, normalise_timex, tag, tag_timexes

DCT = datetime(2022, 9, 7, 12, tzinfo=UTC)  # a Wednesday


def values(text: str, dct: datetime = DCT, precision: str = "day") -> dict[str, str]:
    return {t.text: t.value for t in tag(text, dct, precision)}


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It was signed on Sept. 6, 2022 in Washington.", "Sept. 6, 2022", "2022-09-06"),
        ("It was signed on 6 September 2022.", "6 September 2022", "2022-09-06"),
        ("The filing is dated 2022-09-06.", "2022-09-06", "2022-09-06"),
        ("The plan dates from 2021-03.", "2021-03", "2021-03"),
        ("The plan dates from March 2021.", "March 2021", "2021-03"),
        ("Output will double in 2028.", "2028", "2028"),
        ("Growth was fast in the 1990s.", "the 1990s", "199"),
        ("Revenue in Q3 2024 fell.", "Q3 2024", "2024-Q3"),
        ("计划于2021年3月发布。", "2021年3月", "2021-03"),
        ("会议于2021年3月5日举行。", "2021年3月5日", "2021-03-05"),
    ],
)
def test_absolute_dates(text: str, expr: str, value: str) -> None:
    assert values(text)[expr] == value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("On Tuesday, the department released its strategy.", "Tuesday", "2022-09-06"),
        ("The ministers will meet on Friday.", "Friday", "2022-09-09"),
        ("Sales rose this week.", "this week", "2022-W36"),
        ("Sales fell last month.", "last month", "2022-08"),
        ("Guidance will be released next February.", "next February", "2023-02"),
        ("The act passed in early August.", "early August", "2022-08"),
        ("The law passed three years ago.", "three years ago", "2019"),
        ("The company reported results yesterday.", "yesterday", "2022-09-06"),
        ("It opened in May 2021 and closed in June.", "June", "2022-06"),
    ],
)
def test_relative_dates(text: str, expr: str, value: str) -> None:
    assert values(text)[expr] == value


def test_weekday_range_keeps_order() -> None:
    found = values("The US is expected to host the meeting from Thursday to Friday.")
    assert (found["Thursday"], found["Friday"]) == ("2022-09-08", "2022-09-09")


def test_modifiers_are_kept() -> None:
    found = {t.text: t for t in tag("It passed in early August and ends by 2028.", DCT)}
    assert found["early August"].mod == "START"
    assert found["2028"].relation == "ON_OR_BEFORE"
    century = tag("It aims to lead by mid-century.", DCT)[0]
    assert (century.value, century.mod, century.granularity) == ("20", "MID", Granularity.CENTURY)


@pytest.mark.parametrize(
    ("text", "expr", "value", "kind"),
    [
        ("Prices rose for three years.", "three years", "P3Y", TimexType.DURATION),
        (
            "Output grows over the next five years.",
            "the next five years",
            "P5Y",
            TimexType.DURATION,
        ),
        ("Staff meet every week.", "every week", "P1W", TimexType.SET),
        ("The paper appears daily.", "daily", "P1D", TimexType.SET),
        ("Prices are high now.", "now", "PRESENT_REF", TimexType.DATE),
    ],
)
def test_durations_sets_and_references(text: str, expr: str, value: str, kind: TimexType) -> None:
    found = {t.text: t for t in tag(text, DCT)}
    assert (found[expr].value, found[expr].type) == (value, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Xi presided over the 27th meeting of the commission.",
        "The act provides $50 billion for chip plants.",
        "Each share costs $27 after the split.",
        "It follows the 14th Five-Year Plan.",
        "He spoke before the 20th Party Congress.",
        "Output rose 50% as the Chip 4 alliance formed.",
        "We may see more chips; we march on.",
        "May I ask about the plan?",
    ],
)
def test_no_false_dates(text: str) -> None:
    dates = [t for t in tag(text, DCT) if t.type in {TimexType.DATE, TimexType.TIME}]
    assert dates == []


def test_month_precision_anchor_never_gives_a_wrong_day() -> None:
    dct = datetime(2022, 10, 16, tzinfo=UTC)
    sunday = tag("He spoke before the Party Congress on Sunday.", dct, "month")[0]
    assert (sunday.value, sunday.resolved) == ("2022-10", False)
    assert values("Sales fell last month.", dct, "month")["last month"] == "2022-09"


def test_week_precision_anchor_resolves_weekday_inside_the_week() -> None:
    dct = datetime(2022, 10, 16, tzinfo=UTC)
    sunday = tag("He spoke before the Party Congress on Sunday.", dct, "week")[0]
    assert (sunday.value, sunday.resolved) == ("2022-10-16", False)


def test_year_precision_and_unknown_anchor() -> None:
    dct = datetime(2026, 1, 1, tzinfo=UTC)
    assert values("It rose yesterday.", dct, "year")["yesterday"] == "2026"
    assert tag("It rose yesterday.", None)[0].resolved is False


def test_scorer_entry_points() -> None:
    naive = datetime(2013, 3, 22, 12)
    rows = tag_timexes("Six deaths were reported Friday.", naive)
    assert rows == [{"start": 25, "end": 31, "value": "2013-03-22", "type": "DATE"}]
    assert normalise_timex("the last week", naive) == "2013-W11"
    assert normalise_timex("nothing here", naive) is None
