"""The timeline view: dates shown to their precision, markers, groups and dense source numbers."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from bot.render.timeline_view import date_label, group_label, markers_of, view_timeline
from tests.render.timeline_fixtures import make_event, sample_timeline


def test_dates_are_shown_to_their_precision_with_modifiers() -> None:
    labels = {
        "2022-09-06": "6 Sep 2022",
        "2022-08": "Aug 2022",
        "2024-Q3": "Q3 2024",
        "2024-H1": "H1 2024",
        "2024-SU": "summer 2024",
        "2022-W36": "week of 5 Sep 2022",
        "2028": "2028",
        "202": "2020s",
        "20": "21st century",
        "19": "20th century",
    }
    for value, label in labels.items():
        assert date_label(make_event(value, "x", 1)) == label, value
    assert date_label(make_event("2022-08", "x", 1, mod="START")) == "early Aug 2022"
    assert date_label(make_event("2028", "x", 1, mod="MID")) == "mid-2028"
    assert date_label(make_event("202", "x", 1, mod="END")) == "late 2020s"
    assert date_label(make_event("20", "x", 1, mod="MID")) == "mid-21st century"
    assert date_label(make_event("2030", "x", 1, mod="LESS_THAN")) == "2030"


def test_groups_are_years_or_coarser_periods() -> None:
    assert group_label(make_event("2022-09-06", "x", 1)) == "2022"
    assert group_label(make_event("2024-Q3", "x", 1)) == "2024"
    assert group_label(make_event("202", "x", 1, mod="END")) == "2020s"
    assert group_label(make_event("20", "x", 1, mod="MID")) == "21st century"


def test_markers_tell_upcoming_expected_and_approximate() -> None:
    assert markers_of(make_event("2028", "x", 1, expected=True)) == ("upcoming", "expected")
    assert markers_of(make_event("2028", "x", 1)) == ("upcoming",)
    assert markers_of(make_event("2023-02", "x", 1, expected=True)) == (
        "upcoming at publication",
        "expected",
    )
    assert markers_of(make_event("2022-10", "x", 1, resolved=False)) == ("approximate date",)
    assert markers_of(make_event("2021-03", "x", 1)) == ()


def test_sources_are_numbered_densely_in_article_order() -> None:
    view = view_timeline(sample_timeline(), "chips")
    assert [(s.number, s.article_id) for s in view.sources] == [(1, 7), (2, 9)]
    by_value = {e.value: e for e in view.events}
    assert by_value["2022-09-06"].sources == (2, 1)
    assert by_value["2021-03"].sources == (1,)
    assert view.sources[1].url == "https://example.com/a?b=1&c=2"
    assert view.upcoming_count == 3


@given(st.integers(1000, 2999), st.integers(1, 12))
def test_a_month_never_claims_a_day(year: int, month: int) -> None:
    label = date_label(make_event(f"{year}-{month:02d}", "x", 1))
    month_name, shown_year = label.split(" ")
    assert len(month_name) == 3
    assert shown_year == str(year)


@given(st.integers(100, 299))
def test_a_decade_is_shown_as_a_decade(decade: int) -> None:
    assert date_label(make_event(str(decade), "x", 1)) == f"{decade}0s"


def test_a_range_is_labelled_by_both_ends() -> None:
    days = make_event("2022-09-08", "The ministerial runs from Thursday to Friday", 1)
    days = dataclasses.replace(days, value="2022-09-08/2022-09-09")
    assert date_label(days) == "8–9 Sep 2022"
    months = make_event("2022-03", "Talks run from March to June", 1)
    assert date_label(dataclasses.replace(months, value="2022-03/2022-06")) == "Mar–Jun 2022"
    across = make_event("2022-12-30", "From 30 December to 2 January", 1)
    label = date_label(dataclasses.replace(across, value="2022-12-30/2023-01-02"))
    assert label == "30 Dec 2022 – 2 Jan 2023"
