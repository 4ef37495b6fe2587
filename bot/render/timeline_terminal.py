"""Terminal renderer (rich) for timelines: events grouped by year, markers, numbered sources."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from bot.render.timeline_view import (
    APPROXIMATE,
    EXPECTED,
    UPCOMING,
    UPCOMING_AT_PUBLICATION,
    EventView,
    TimelineView,
    cite_marks,
    grouped,
)

_DATE_WIDTH = 16
_MARKER_STYLES = {
    UPCOMING: "bold green",
    EXPECTED: "yellow",
    UPCOMING_AT_PUBLICATION: "yellow",
    APPROXIMATE: "dim italic",
}


def summary_line(view: TimelineView) -> str:
    """'13 events from 3 sources · 2 upcoming'."""
    events = f"{len(view.events)} event{'s' if len(view.events) != 1 else ''}"
    sources = f"{len(view.sources)} source{'s' if len(view.sources) != 1 else ''}"
    line = f"{events} from {sources}"
    if view.upcoming_count:
        line += f" · {view.upcoming_count} upcoming"
    return line


def _event_text(event: EventView) -> Text:
    line = Text(event.statement)
    line.append(" " + cite_marks(event.sources), style="cyan")
    for marker in event.markers:
        line.append(f" ‹{marker}›", style=_MARKER_STYLES.get(marker, ""))
    return line


def timeline_renderables(view: TimelineView) -> list[RenderableType]:
    """The timeline as rich renderables: heading, year groups of events, then sources."""
    parts: list[RenderableType] = [
        Text(f"Timeline: {view.topic}", style="bold"),
        Text(summary_line(view), style="dim"),
        Text(""),
    ]
    if not view.events:
        parts.append(Text(f"No dated events on '{view.topic}' in that range."))
        return parts
    for heading, events in grouped(view.events):
        parts.append(Text(heading, style="bold magenta"))
        # A grid keeps wrapped statements indented under their own column, not under the date.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, min_width=_DATE_WIDTH)
        grid.add_column(ratio=1)
        for event in events:
            date = ("≈ " if event.approximate else "") + event.date_label
            grid.add_row(
                Text("  " + date, style="bold green" if event.upcoming else "bold"),
                _event_text(event),
            )
        parts.append(grid)
        parts.append(Text(""))
    parts.append(Rule("Sources", align="left"))
    for source in view.sources:
        line = Text(f"[{source.number}] ", style="cyan")
        line.append(source.title, style=f"bold link {source.url}" if source.url else "bold")
        line.append(f" — {source.publisher or 'unknown publisher'}, {source.date_label}")
        line.append(f" (article {source.article_id})", style="dim")
        if source.url:
            line.append(f"\n    {source.url}", style="dim")
        parts.append(line)
    return parts


def print_timeline(view: TimelineView, console: Console) -> None:
    """Print a timeline to the terminal."""
    for part in timeline_renderables(view):
        console.print(part)
