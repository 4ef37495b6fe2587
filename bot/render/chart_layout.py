"""Where a timeline chart's labels go: in rows clear of every other box and leader line, or numbered.

Labels are measured on a scratch figure of the chart's final width; when a cluster is too dense
for clear rows, the events are numbered on the axis, neighbours sharing one number range.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.render.text_cells import shorten_cells, wrap_cells
from bot.render.timeline_axis import Segment, place, squeeze, year_of
from bot.render.timeline_labels import LEVELS, Slot, place_rows
from bot.render.timeline_view import EventView, TimelineView, cite_marks

TEXT_COLOUR = "#222222"
WIDTH_IN, DPI = 16.0, 110
AXES_LEFT, AXES_WIDTH = 0.02, 0.96  # of the figure's width
_LINE_CHARS = 34
_LIST_LEVELS = 24  # rows of numbers per side: small boxes, so many fit


def _midpoint(event: EventView) -> float:
    # The middle of the period the date covers, in years.
    return (year_of(event.starts_at) + year_of(event.ends_at)) / 2


def _label(event: EventView) -> str:
    date = ("≈ " if event.approximate else "") + event.date_label
    lines = wrap_cells(event.statement, _LINE_CHARS) or [""]
    if len(lines) > 2:
        rest = " ".join(event.statement.split())[len(lines[0]) :].strip()
        lines = [lines[0], shorten_cells(rest, _LINE_CHARS)]
    return "\n".join([date, *lines]) + " " + cite_marks(event.sources)


@dataclass(frozen=True, slots=True)
class ChartLayout:
    """Where everything goes: segments, x of each event, and each label's events, text and row.

    A label usually names one event; when listed, events too close to tell apart share one
    numbered label ("3–5").
    """

    segments: list[Segment]
    xs: list[float]
    groups: list[list[int]]
    labels: list[str]
    label_xs: list[float]
    listed: bool
    rows: list[int]
    right_aligned: list[bool]
    left: float
    right: float


def _numbers(group: list[int]) -> str:
    first, last = group[0] + 1, group[-1] + 1
    if group == list(range(group[0], group[-1] + 1)) and last > first:
        return f"{first}–{last}"
    return ", ".join(str(i + 1) for i in group)


def _groups(xs: list[float], within: float) -> list[list[int]]:
    """Events in x order, those within ``within`` of a group's first joined to it."""
    groups: list[list[int]] = []
    for index in sorted(range(len(xs)), key=lambda i: (xs[i], i)):
        if groups and xs[index] - xs[groups[-1][0]] <= within:
            groups[-1].append(index)
        else:
            groups.append([index])
    return [sorted(group) for group in groups]


def lay_out(view: TimelineView, now: float, *, listed: bool) -> ChartLayout | None:
    """Labels at their events (None when they cannot all be clear), or numbers when listed."""
    events = view.events
    segments = squeeze([_midpoint(e) for e in events] + [now])
    xs = [place(segments, _midpoint(e)) for e in events]
    left = segments[0].offset
    right = segments[-1].offset + segments[-1].last - segments[-1].first
    # Measure the labels once on a scratch figure of the final width.
    scratch = Figure(figsize=(WIDTH_IN, 4.0), dpi=DPI)
    canvas = FigureCanvasAgg(scratch)
    axes = scratch.add_axes((AXES_LEFT, 0.0, AXES_WIDTH, 1.0))
    axes.set_xlim(left, right)
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    x_per_px = (right - left) / axes.get_window_extent(renderer).width
    gap = 10 * x_per_px
    # Listed numbers join neighbours ever more widely until every label finds a clear row.
    widths = (0, 8, 16, 32, 64, 128, 256) if listed else (0,)
    for within in widths:
        groups = _groups(xs, within * x_per_px) if within else [[i] for i in range(len(xs))]
        labels = [_numbers(g) if listed else _label(events[g[0]]) for g in groups]
        label_xs = [sum(xs[i] for i in g) / len(g) for g in groups]
        spans: list[tuple[float, float]] = []
        right_aligned: list[bool] = []
        for x, label in zip(label_xs, labels, strict=True):
            text = axes.text(x, 0, label, **label_style("#000000"))
            width = text.get_window_extent(renderer).width * x_per_px
            flip = x + width > right
            right_aligned.append(flip)
            spans.append((x - width - gap, x + gap) if flip else (x - gap, x + width + gap))
        order = sorted(range(len(groups)), key=lambda i: (label_xs[i], i))
        slots = [Slot(label_xs[i], *spans[i]) for i in order]
        placed = place_rows(slots, strict=True, levels=_LIST_LEVELS if listed else LEVELS)
        if placed is None and listed and within == widths[-1]:
            placed = place_rows(slots, strict=False, levels=_LIST_LEVELS)
        if placed is None:
            continue
        rows = [0] * len(groups)
        for index, row in zip(order, placed, strict=True):
            rows[index] = row
        return ChartLayout(
            segments, xs, groups, labels, label_xs, listed, rows, right_aligned, left, right
        )
    return None


def label_style(colour: str) -> dict[str, Any]:
    """The text style of a label box edged in ``colour``."""
    return {
        "fontsize": 8,
        "color": TEXT_COLOUR,
        "va": "center",
        "ha": "left",
        "zorder": 6,
        "linespacing": 1.2,
        "multialignment": "left",
        "parse_math": False,  # "$50 billion … $27" is money, not mathtext
        "bbox": {
            "boxstyle": "round,pad=0.35",
            "facecolor": "white",
            "edgecolor": colour,
            "linewidth": 0.9,
        },
    }
