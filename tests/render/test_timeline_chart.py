"""PNG chart: a valid image of sane size for no, one and many events."""

from __future__ import annotations

import struct

import pytest

from bot.core.timeline import Timeline
from bot.render.timeline_chart import render_timeline_chart
from bot.render.timeline_view import view_timeline
from tests.render.timeline_fixtures import (
    NOW_AT,
    make_article,
    make_event,
    many_events_timeline,
    sample_timeline,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, after checking the signature."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize(
    ("timeline", "min_height"),
    [
        (Timeline((), ()), 200),
        (Timeline(sample_timeline().events[:1], sample_timeline().articles), 400),
        (sample_timeline(), 600),
        (many_events_timeline(40), 900),
        (many_events_timeline(60), 900),
    ],
)
def test_the_chart_is_a_png_of_sane_size(timeline: Timeline, min_height: int) -> None:
    data = render_timeline_chart(view_timeline(timeline, "chips"), now_at=NOW_AT)
    width, height = png_size(data)
    assert width == 1760
    assert min_height <= height <= 4000
    assert data.endswith(b"IEND\xaeB`\x82")


def test_rendering_the_same_timeline_twice_gives_the_same_image() -> None:
    view = view_timeline(sample_timeline(), "chips")
    assert render_timeline_chart(view, now_at=NOW_AT) == render_timeline_chart(view, now_at=NOW_AT)


def test_dollar_signs_and_markup_are_drawn_literally() -> None:
    money = make_event("2022-09-06", "Prices rose $5 ^^ $6, and $2 of every $10 _go_ to {fabs}", 1)
    timeline = Timeline((money,), (make_article(1, "$5 $ per ^chip^"),))
    data = render_timeline_chart(view_timeline(timeline, "$chips$"), now_at=NOW_AT)
    assert png_size(data)[0] == 1760
