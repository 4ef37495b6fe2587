"""Tests of the tagger's later rule families: extents, anaphora, holidays, reporting periods, clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core.timex import TimexType, tag
from bot.core.timex.holidays import easter

DCT = datetime(1998, 3, 4, 12, tzinfo=UTC)  # a Wednesday
EARNINGS_DCT = datetime(1989, 11, 2, tzinfo=UTC)


def spans(text: str, dct: datetime = DCT) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, dct)}


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("Savin posted a third-quarter loss.", "third-quarter"),
        ("After a 16-hour flight she rested.", "16-hour"),
        ("In the Philippines, a four year low.", "four year"),
        ("It estimated earnings for its fourth quarter.", "fourth quarter"),
        ("The family has only 14 days to decide.", "14 days"),
        ("She spent about five hours there.", "five hours"),
        ("It took the third quarter to recover.", "the third quarter"),
        ("Sales rose in the past two months.", "the past two months"),
    ],
)
def test_extents_follow_timeml(text: str, expr: str) -> None:
    assert expr in spans(text)


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("She flew to Cuba in June 1998 and returned later that year.", "later that year", "1998"),
        ("He was killed Oct. 23, 1998. Earlier that day, he prayed.", "Earlier that day",
         "1998-10-23"),
        ("The firm sold it in March 1996. The following month, it failed.",
         "The following month", "1996-04"),
        ("Stocks fell on Oct. 27, 1989, from the previous Friday.", "the previous Friday",
         "1989-10-20"),
        ("He appeared in court on Feb. 22, 2000, and left the next morning.",
         "the next morning", "2000-02-23TMO"),
        ("Prices fell Friday. For the week, the index dropped.", "the week", "1998-W09"),
    ],
)  # fmt: skip
def test_anaphora_count_from_the_last_date(text: str, expr: str, value: str) -> None:
    assert spans(text)[expr] == value


def test_anaphor_without_a_reference_uses_the_anchor() -> None:
    assert spans("Talks ended that day.")["that day"] == "1998-03-04"


def test_the_next_month_still_counts_from_today() -> None:
    assert (
        spans("It was signed in 1990. Prices rise the next month.")["the next month"] == "1998-04"
    )


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("They met on Christmas Eve.", "Christmas Eve", "1997-12-24"),
        ("They will meet on Memorial Day.", "Memorial Day", "1998-05-25"),
        ("The parade was on Thanksgiving Day.", "Thanksgiving Day", "1997-11-27"),
        ("Easter Sunday will be quiet.", "Easter Sunday", "1998-04-12"),
        ("Good Friday falls early.", "Good Friday", "1998-04-10"),
        ("He left last Christmas.", "last Christmas", "1997-12-25"),
        ("It happened on Christmas 1990.", "Christmas 1990", "1990-12-25"),
    ],
)
def test_holidays(text: str, expr: str, value: str) -> None:
    assert spans(text)[expr] == value


def test_holiday_names_need_their_day() -> None:
    assert spans("The Labor Party and the Election Commission met.") == {}


def test_easter_computus() -> None:
    assert [easter(y) for y in (2000, 2013, 2024)] == [
        date(2000, 4, 23),
        date(2013, 3, 31),
        date(2024, 3, 31),
    ]


@pytest.mark.parametrize(
    ("text", "expr", "value", "kind"),
    [
        ("Profit rose in the third quarter. Net was $5 a year earlier.", "a year earlier",
         "1988-Q3", TimexType.DATE),
        ("Profit rose in the third quarter. In the 1988 period, it lost.", "the 1988 period",
         "1988-Q3", TimexType.DATE),
        ("Third-quarter net fell. Sales in the latest period rose.", "the latest period",
         "1989-Q3", TimexType.DATE),
        ("For the year, volume was flat.", "the year", "1989", TimexType.DATE),
        ("It lost money in the year ended June 30.", "the year", "P1Y", TimexType.DURATION),
        ("Sales hit C$6 billion in the latest fiscal year.", "the latest fiscal year", "1988",
         TimexType.DATE),
    ],
)  # fmt: skip
def test_reporting_periods(text: str, expr: str, value: str, kind: TimexType) -> None:
    found = {t.text: t for t in tag(text, EARNINGS_DCT)}
    assert (found[expr].value, found[expr].type) == (value, kind)


def test_bare_year_is_not_a_date_in_other_phrases() -> None:
    assert "the year" not in spans("He was named man of the year before he left.")


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("They landed at 15:00 GMT.", "15:00 GMT", "1998-03-04T15:00"),
        ("He will leave at 4 in the morning.", "4 in the morning", "1998-03-04T04:00"),
        ("The bells rang at ten o'clock.", "ten o'clock", "1998-03-04T10:00"),
        ("It took a minute and a half.", "a minute and a half", "PT1M30S"),
        ("It took two and a half years.", "two and a half years", "P2Y6M"),
        ("It lasted one hundred days.", "one hundred days", "P100D"),
        ("It ended years ago.", "years ago", "PAST_REF"),
        ("It closes at the end of the month.", "the end of the month", "1998-03"),
    ],
)
def test_clock_times_amounts_and_period_ends(text: str, expr: str, value: str) -> None:
    assert spans(text)[expr] == value


def test_score_lines_and_bare_clock_numbers_are_not_times() -> None:
    assert spans("The score was 3:30 at half time.") == {}


def test_tense_ignores_proper_nouns_ending_in_ed() -> None:
    text = "He said the father would be traveling to the United States Thursday."
    assert spans(text)["Thursday"] == "1998-03-05"


def test_this_summer_is_the_current_years() -> None:
    assert spans("They said they were not left alone this summer.")["this summer"] == "1998-SU"


def test_rates_are_not_durations_and_frequencies_are_sets() -> None:
    found = {t.text: t for t in tag("It saves $500 million a year and meets twice a week.", DCT)}
    assert "a year" not in found
    assert (found["a week"].type, found["a week"].value) == (TimexType.SET, "P1W")
    assert spans("The appeal could take as long as a month.")["a month"] == "P1M"


def test_same_period_last_year_is_the_quarter_a_year_back() -> None:
    text = "Third-quarter profit rose. Sales in the same period last year were flat."
    found = {t.text: t.value for t in tag(text, EARNINGS_DCT)}
    assert found["the same period last year"] == "1988-Q3"


def test_earlier_in_the_week_and_zones() -> None:
    found = spans("Talks stalled earlier in the week. It began at 6 p.m. ET on Friday.")
    assert found["earlier in the week"] == "1998-W10"
    assert found["6 p.m. ET on Friday"] == "1998-02-27T18:00"


def test_a_sentence_break_ends_a_rate() -> None:
    assert spans("It grew in 2008. A year after the war, it shrank.")["A year"] == "P1Y"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("It was signed on 21/03/2013.", "21/03/2013", "2013-03-21"),
        ("The post-1959 politics split families.", "post-1959", "1959"),
        ("Funds may sell in the weeks ahead.", "the weeks ahead", "PXW"),
        ("The decades-long battle goes on.", "decades-long", "PXE"),
    ],
)
def test_day_first_dates_prefixed_years_and_vague_spans(text: str, expr: str, value: str) -> None:
    assert spans(text)[expr] == value
