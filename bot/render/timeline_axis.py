"""A time axis that keeps busy stretches to scale and squeezes long empty gaps between them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

_BREAK = 0.1  # visual width of a squeezed gap, as a share of the time drawn to scale


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time drawn to scale; gaps between segments are squeezed to ``_BREAK``."""

    first: float
    last: float
    offset: float


def year_of(at: datetime) -> float:
    """A datetime as a fractional year (2022.5 is about the start of July 2022)."""
    start = datetime(at.year, 1, 1, tzinfo=at.tzinfo)
    end = datetime(at.year + 1, 1, 1, tzinfo=at.tzinfo)
    return at.year + (at - start) / (end - start)


def squeeze(points: list[float]) -> list[Segment]:
    """Cluster the times so that long empty gaps do not squash the busy stretches."""
    ordered = sorted(points)
    span = max(ordered[-1] - ordered[0], 1.0)
    gap = max(3.0, span / 4)
    clusters: list[list[float]] = [[ordered[0]]]
    for point in ordered[1:]:
        if point - clusters[-1][-1] > gap:
            clusters.append([point])
        else:
            clusters[-1].append(point)
    busiest = max(c[-1] - c[0] for c in clusters)
    pad = max(0.25, busiest * 0.04)
    drawn = sum(c[-1] - c[0] + 2 * pad for c in clusters)
    segments, offset = [], 0.0
    for cluster in clusters:
        first, last = cluster[0] - pad, cluster[-1] + pad
        segments.append(Segment(first, last, offset))
        offset += last - first + _BREAK * drawn
    return segments


def place(segments: list[Segment], year: float) -> float:
    """The x position of a time: to scale inside a segment, interpolated across a squeezed gap."""
    for index, segment in enumerate(segments):
        if year <= segment.last or index == len(segments) - 1:
            if year >= segment.first or index == 0:
                return segment.offset + (year - segment.first)
            before = segments[index - 1]
            end_x = before.offset + before.last - before.first
            share = (year - before.last) / (segment.first - before.last)
            return end_x + share * (segment.offset - end_x)
    return 0.0  # unreachable: the last segment always answers


def ticks(segments: list[Segment]) -> tuple[list[float], list[str]]:
    """Ticks at one step for the whole chart (quarters, years, 5 or 10 years) inside segments.

    A short segment holding no tick gets its year written under its middle instead.
    """
    drawn = segments[-1].offset + segments[-1].last - segments[-1].first
    if drawn <= 2.5:
        step_months = 3
    elif drawn <= 14:
        step_months = 12
    else:
        step_months = 12 * (5 if drawn <= 70 else 10)
    positions: list[float] = []
    labels: list[str] = []
    for segment in segments:
        month_index = math.ceil(segment.first * 12)
        month_index += (-month_index) % step_months
        found = False
        while month_index / 12 <= segment.last:
            year, month = divmod(month_index, 12)
            positions.append(place(segments, month_index / 12))
            name = datetime(2000, month + 1, 1).strftime("%b")
            # The first tick of a stretch names its year, so no stretch is left undated.
            labels.append(str(year) if month == 0 else name if found else f"{name} {year}")
            month_index += step_months
            found = True
        if not found:
            middle = (segment.first + segment.last) / 2
            positions.append(place(segments, middle))
            labels.append(str(math.floor(middle)))
    return positions, labels
