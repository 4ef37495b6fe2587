"""PNG chart: a valid image of sane size for no, one and many events."""

from __future__ import annotations

import struct
import warnings
from datetime import UTC, datetime

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bot.core.timeline import Timeline, build_timeline
from bot.render.timeline_chart import chart_figure, render_timeline_chart
from bot.render.timeline_view import TimelineView, view_timeline
from tests.core.brief.seed_articles import seed_articles
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
        (sample_timeline(), 500),
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


def _boxes_and_leaders(view: TimelineView) -> tuple[list[Bbox], list[Bbox], list[Bbox]]:
    """Window extents after a draw: label boxes, listed lines and leader lines."""
    figure = chart_figure(view, now_at=NOW_AT)
    canvas = FigureCanvasAgg(figure)
    with warnings.catch_warnings():
        # Drawn here, outside the chart's own fonts context: the seeds' few Chinese characters
        # have no glyph without a CJK font, which is not what this test is about.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    labels = [t for t in figure.findobj(Text) if t.get_gid() == "label"]
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in labels]  # type: ignore[union-attr]
    listed = [t.get_window_extent(renderer) for t in figure.findobj(Text) if t.get_gid() == "list"]
    leaders = [
        line.get_window_extent(renderer)
        for line in figure.findobj(Line2D)
        if line.get_gid() == "leader"
    ]
    assert len(boxes) == len(leaders) > 0
    return boxes, listed, leaders


def _apart(left: Bbox, right: Bbox) -> bool:
    return bool(
        left.x1 <= right.x0 or right.x1 <= left.x0 or left.y1 <= right.y0 or right.y1 <= left.y0
    )


@pytest.mark.parametrize(
    "timeline",
    [sample_timeline(), many_events_timeline(40), many_events_timeline(60), "seeds"],
    ids=["sample", "40 events", "60 events", "seeds"],
)
def test_no_label_box_overlaps_another_or_a_leader(timeline: Timeline | str) -> None:
    if timeline == "seeds":
        timeline = build_timeline(seed_articles(), now_at=NOW_AT)
    assert isinstance(timeline, Timeline)
    boxes, listed, leaders = _boxes_and_leaders(view_timeline(timeline, "chips"))
    for index, box in enumerate(boxes):
        assert all(_apart(box, other) for other in boxes[index + 1 :])
        # A leader touches only its own box: no other box lies over it.
        for other, leader in enumerate(leaders):
            if other != index:
                assert _apart(box, leader.expanded(1.0, 1.0).shrunk(1.0, 0.98))
    for index, line in enumerate(listed):
        assert all(_apart(line, other) for other in listed[index + 1 :])
        assert all(_apart(line, box) for box in boxes)


@pytest.mark.parametrize(
    "now_at",
    [NOW_AT, datetime(2022, 9, 1, tzinfo=UTC), datetime(2061, 1, 1, tzinfo=UTC)],
    ids=["within", "early", "past the last event"],
)
def test_the_now_label_stays_inside_the_picture(now_at: datetime) -> None:
    figure = chart_figure(view_timeline(sample_timeline(), "chips"), now_at=now_at)
    canvas = FigureCanvasAgg(figure)
    with warnings.catch_warnings():
        # Drawn here, outside the chart's own fonts context: the seeds' few Chinese characters
        # have no glyph without a CJK font, which is not what this test is about.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        canvas.draw()  # type: ignore[no-untyped-call]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    (label,) = [t for t in figure.findobj(Text) if t.get_text().strip().startswith("now (")]
    extent = label.get_window_extent(renderer)
    assert extent.x0 >= 0
    assert extent.x1 <= figure.bbox.x1
