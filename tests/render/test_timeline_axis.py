"""The squeezed time axis: order is kept, busy stretches stay to scale, long gaps shrink."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.render.timeline_axis import place, squeeze, ticks

years = st.floats(1900, 2100, allow_nan=False)


@given(st.lists(years, min_size=1, max_size=40), years, years)
def test_placing_keeps_time_order(points: list[float], early: float, late: float) -> None:
    segments = squeeze(points)
    low, high = sorted((early, late))
    assert place(segments, low) <= place(segments, high) + 1e-9


def test_a_long_empty_gap_is_squeezed_but_busy_years_stay_to_scale() -> None:
    segments = squeeze([2021.2, 2022.6, 2023.1, 2024.2, 2026.9, 2050.0])
    assert len(segments) == 2
    assert abs((place(segments, 2023.0) - place(segments, 2022.0)) - 1.0) < 1e-9
    assert place(segments, 2050.0) - place(segments, 2026.9) < 5


def test_every_stretch_gets_a_dated_tick() -> None:
    positions, labels = ticks(squeeze([2022.68, 2026.2]))
    assert labels[0] == "Jul 2022"
    assert "2026" in labels
    assert positions == sorted(positions)
