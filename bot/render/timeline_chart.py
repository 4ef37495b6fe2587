"""PNG timeline chart: events on a time axis with labels that never overlap, upcoming set apart.

Labels sit in rows above and below the axis where no box overlaps another box or a leader
line; when a cluster is too dense for that, the events are numbered on the axis and their
labels listed under it.
"""

from __future__ import annotations

import io
import itertools
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bot.render.chart_fonts import chart_families, uncovered_characters
from bot.render.chart_layout import (
    AXES_LEFT,
    AXES_WIDTH,
    DPI,
    TEXT_COLOUR,
    WIDTH_IN,
    ChartLayout,
    label_style,
    lay_out,
)
from bot.render.text_cells import shorten_cells
from bot.render.timeline_axis import Segment, place, ticks, year_of
from bot.render.timeline_terminal import summary_line
from bot.render.timeline_view import TimelineView, cite_marks

_PAST, _UPCOMING, _NOW, _AXIS = "#3b5b92", "#d9822b", "#c0392b", "#555555"
_LIST_ROW_IN = 0.3  # a row of numbers (one line of 8 pt and the box)
_LIST_CHARS = 170  # a listed label's statement, cut with "…"
_LIST_LINE_IN = 0.19
_ROW_IN = 0.62  # height of one label row (three lines of 8 pt and the box)
_TITLE_IN = 0.95
_SOURCE_LINES = 6


def _draw_breaks(axes: Axes, segments: list[Segment]) -> None:
    for before, after in itertools.pairwise(segments):
        start = before.offset + before.last - before.first
        middle = (start + after.offset) / 2
        axes.plot([start, after.offset], [0, 0], color="white", linewidth=4, zorder=2)
        for shift in (-0.06, 0.06):
            width = (after.offset - start) * 0.15
            axes.plot(
                [middle + shift * width * 10 - width / 2, middle + shift * width * 10 + width / 2],
                [-0.25, 0.25],
                color=_AXIS,
                linewidth=1.2,
                zorder=3,
            )


def _draw_axis(axes: Axes, layout: ChartLayout, now_at: datetime, top: float) -> None:
    axes.axhline(0, color=_AXIS, linewidth=2, zorder=1)
    _draw_breaks(axes, layout.segments)
    for position, text in zip(*ticks(layout.segments), strict=True):
        axes.plot([position, position], [-0.12, 0.12], color=_AXIS, linewidth=1, zorder=2)
        major = text[-4:].isdigit()
        axes.text(
            position,
            -0.22,
            text,
            ha="center",
            va="top",
            fontsize=9 if major else 7,
            color=_AXIS,
            fontweight="bold" if major else "normal",
            zorder=4,
        )
    now_x = place(layout.segments, year_of(now_at))
    axes.axvspan(now_x, layout.right, color=_UPCOMING, alpha=0.06, zorder=0)
    axes.axvline(now_x, color=_NOW, linestyle="--", linewidth=1.5, zorder=1)
    label = f"now ({now_at.day} {now_at:%b %Y})"
    # Near the right edge the label goes left of its line, or the figure would cut it off.
    at_edge = now_x > layout.left + 0.88 * (layout.right - layout.left)
    axes.text(
        now_x,
        top,
        f"{label} " if at_edge else f" {label}",
        color=_NOW,
        fontsize=9,
        ha="right" if at_edge else "left",
        va="top",
        fontweight="bold",
        zorder=7,
    )


def _draw_events(axes: Axes, view: TimelineView, layout: ChartLayout) -> None:
    for index, group in enumerate(layout.groups):
        x, row = layout.label_xs[index], layout.rows[index]
        upcoming = view.events[group[0]].upcoming
        colour = _UPCOMING if upcoming else _PAST
        style = label_style(colour)
        style["ha"] = "right" if layout.right_aligned[index] else "left"
        axes.text(x, row, layout.labels[index], gid="label", **style)
        # The layout keeps every other box off this line; only its own box covers its end.
        axes.plot(
            [x, x],
            [0, row],
            color=colour,
            linewidth=0.8,
            zorder=3,
            linestyle=(0, (3, 2)) if upcoming else "-",
            gid="leader",
        )
    for index, event in enumerate(view.events):
        x = layout.xs[index]
        colour = _UPCOMING if event.upcoming else _PAST
        if event.precision not in {"day", "century", "decade"}:
            start = place(layout.segments, year_of(event.starts_at))
            end = place(layout.segments, year_of(event.ends_at))
            axes.plot(
                [start, end],
                [0, 0],
                color=colour,
                linewidth=7,
                alpha=0.35,
                zorder=4,
                solid_capstyle="butt",
            )
        axes.plot(
            x,
            0,
            marker="D" if event.upcoming else "o",
            markersize=8,
            zorder=5,
            markerfacecolor="white" if event.approximate else colour,
            markeredgecolor=colour,
            markeredgewidth=1.5,
        )


def _legend(figure: Figure, view: TimelineView, bottom_in: float) -> None:
    height = figure.get_figheight()
    handles = [
        Line2D([], [], marker="o", color=_PAST, linestyle="", label="past event"),
        Line2D([], [], marker="D", color=_UPCOMING, linestyle="", label="upcoming event"),
        Line2D(
            [],
            [],
            marker="o",
            color=_PAST,
            markerfacecolor="white",
            linestyle="",
            label="approximate date",
        ),
        Patch(facecolor=_PAST, alpha=0.35, label="period the date covers"),
        Line2D([], [], color=_NOW, linestyle="--", label="now"),
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        ncol=5,
        frameon=False,
        fontsize=9,
        bbox_to_anchor=(0.015, 0.1 / height),
    )
    lines = [
        f"[{s.number}] {shorten_cells(s.title, 70)} — {s.publisher or 'unknown publisher'}, "
        f"{s.date_label}"
        for s in view.sources[:_SOURCE_LINES]
    ]
    if len(view.sources) > _SOURCE_LINES:
        lines.append(f"… and {len(view.sources) - _SOURCE_LINES} more sources")
    figure.text(
        0.02,
        (bottom_in - 0.1) / height,
        "\n".join(lines),
        fontsize=8,
        color=_AXIS,
        ha="left",
        va="top",
        linespacing=1.4,
        parse_math=False,
    )


def _draw_list(figure: Figure, view: TimelineView, top_in: float) -> None:
    """The numbered labels, one line each, when the axis is too crowded to hold them."""
    height = figure.get_figheight()
    for number, event in enumerate(view.events, start=1):
        date = ("≈ " if event.approximate else "") + event.date_label
        line = f"{number}.  {date} — {shorten_cells(event.statement, _LIST_CHARS)} "
        figure.text(
            0.02,
            (top_in - _LIST_LINE_IN * (number - 1)) / height,
            line + cite_marks(event.sources),
            fontsize=8,
            color=_UPCOMING if event.upcoming else TEXT_COLOUR,
            ha="left",
            va="top",
            parse_math=False,
            gid="list",
        )


def chart_figure(view: TimelineView, *, now_at: datetime) -> Figure:
    """The chart of a timeline with events, as a figure (labels tagged gid 'label' or 'list')."""
    with _chart_fonts():
        return _chart_figure(view, now_at)


@contextmanager
def _chart_fonts() -> Iterator[None]:
    """The chart's font families, and quiet about characters none of them draws."""
    with matplotlib.rc_context({"font.family": chart_families()}), warnings.catch_warnings():
        # ``missing_glyphs`` tells the person asking once; matplotlib would warn once per
        # character per measuring pass (hundreds of lines for a Chinese timeline).
        warnings.filterwarnings(
            "ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning
        )
        yield


def _chart_figure(view: TimelineView, now_at: datetime) -> Figure:
    layout = lay_out(view, year_of(now_at), listed=False)
    if layout is None:
        layout = lay_out(view, year_of(now_at), listed=True)
    assert layout is not None  # numbered labels always find a row, at worst the least crowded
    above = max([r for r in layout.rows if r > 0], default=0) + 0.9
    below = -min([r for r in layout.rows if r < 0], default=-1) + 0.9
    sources = min(len(view.sources), _SOURCE_LINES + 1)
    bottom_in = 0.55 + 0.2 * sources
    list_in = _LIST_LINE_IN * len(view.events) + 0.2 if layout.listed else 0.0
    axes_in = (above + below) * (_LIST_ROW_IN if layout.listed else _ROW_IN)
    height = _TITLE_IN + axes_in + list_in + bottom_in + 0.5
    figure = _figure(view, height)
    axes_bottom = bottom_in + list_in + 0.5
    axes = figure.add_axes((AXES_LEFT, axes_bottom / height, AXES_WIDTH, axes_in / height))
    axes.set_axis_off()
    axes.set_xlim(layout.left, layout.right)
    axes.set_ylim(-below, above)
    _draw_axis(axes, layout, now_at, above)
    _draw_events(axes, view, layout)
    if layout.listed:
        _draw_list(figure, view, axes_bottom - 0.3)
    _legend(figure, view, bottom_in + 0.2)
    return figure


def _figure(view: TimelineView, height: float) -> Figure:
    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    figure.text(
        0.02,
        1 - 0.25 / height,
        f"Timeline: {view.topic}",
        ha="left",
        va="top",
        fontsize=16,
        fontweight="bold",
        parse_math=False,
    )
    figure.text(
        0.02, 1 - 0.62 / height, summary_line(view), fontsize=10, color=_AXIS, ha="left", va="top"
    )
    return figure


def missing_glyphs(view: TimelineView) -> str:
    """The characters of the chart's text that no available font draws (they would be boxes)."""
    texts = [view.topic, *(e.statement for e in view.events)]
    texts += [f"{s.title} {s.publisher or ''}" for s in view.sources[:_SOURCE_LINES]]
    return uncovered_characters(texts)


def render_timeline_chart(view: TimelineView, *, now_at: datetime) -> bytes:
    """Draw the timeline as a PNG (bytes) with a 'now' line at ``now_at``."""
    # Text takes its families when it is made, and glyphs are looked up when it is drawn: both
    # happen inside, so Chinese labels fall back to a CJK face glyph by glyph.
    with _chart_fonts():
        return _render(view, now_at)


def _render(view: TimelineView, now_at: datetime) -> bytes:
    if view.events:
        figure = _chart_figure(view, now_at)
    else:
        figure = _figure(view, 3.0)
        figure.text(
            0.5,
            0.4,
            f"No dated events on '{view.topic}' in that range.",
            ha="center",
            va="center",
            fontsize=14,
            color=_AXIS,
            parse_math=False,
        )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
