"""Terminal renderer (rich) for timelines: events grouped by year, markers, numbered sources."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from bot.render.brief_terminal import source_line
from bot.render.language_marks import language_mark
from bot.render.layout_terminal import Heading, is_plain
from bot.render.timeline_view import (
    APPROXIMATE,
    EXPECTED,
    UPCOMING,
    UPCOMING_AT_PUBLICATION,
    EventView,
    TimelineView,
    cite_marks,
    grouped,
    shorten,
)

_DATE_WIDTH = 16
# A statement past this is cut at a word with "…" (the JSON and TimelineJS keep it whole).
STATEMENT_CHARS = 240
_INDENT = "  "
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


def _date_label(event: EventView) -> str:
    return _INDENT + ("≈ " if event.approximate else "") + event.date_label


def _event_text(event: EventView) -> Text:
    line = Text(shorten(event.statement, STATEMENT_CHARS))
    line.append(" " + cite_marks(event.sources), style="cyan")
    # The date column's "≈" already says the date is approximate; the marker would repeat it.
    for marker in event.markers:
        if marker != APPROXIMATE:
            line.append(f" ‹{marker}›", style=_MARKER_STYLES.get(marker, ""))
    return line


def empty_line(view: TimelineView, qualifiers: str = "in that range") -> str:
    """The one sentence for a timeline without events, e.g. "No dated events on 'chips' …"."""
    return f"No dated events on '{view.topic}'" + (f" {qualifiers}." if qualifiers else ".")


class _YearEvents:
    """One year's events: a date column and a statement column, or plain lines when piped."""

    def __init__(self, events: list[EventView], width: int) -> None:
        self.events = events
        self.width = width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """A grid on a terminal; one line per event, date padded, when plain."""
        if is_plain(console):
            for event in self.events:
                line = Text(f"{_date_label(event):<{self.width}}  ", style=_date_style(event))
                yield line.append_text(_event_text(event))
            return
        # A grid keeps wrapped statements indented under their own column, not under the date.
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, width=self.width)
        # Fold, not ellipsis: a Chinese statement has no spaces to wrap at and would be cut short.
        grid.add_column(ratio=1, overflow="fold")
        for event in self.events:
            grid.add_row(Text(_date_label(event), style=_date_style(event)), _event_text(event))
        yield grid


def _date_style(event: EventView) -> str:
    return "bold green" if event.upcoming else "bold"


def timeline_renderables(view: TimelineView) -> list[RenderableType]:
    """The timeline as rich renderables: heading, year groups of events, then sources."""
    parts: list[RenderableType] = [
        Text(f"Timeline: {view.topic}", style="bold"),
        Text(summary_line(view), style="dim"),
        Text(""),
    ]
    if not view.events:
        parts.append(Text(empty_line(view)))
        return parts
    # One width for every year group, so the statements line up down the whole timeline.
    width = max(_DATE_WIDTH, *(len(_date_label(event)) for event in view.events))
    for heading, events in grouped(view.events):
        parts.append(Text(heading, style="bold magenta"))
        parts.append(_YearEvents(events, width))
        parts.append(Text(""))
    parts.append(Heading("Sources"))
    parts.extend(
        source_line(
            s.number,
            s.title,
            url=s.url,
            publisher=s.publisher,
            date=s.date_label,
            article_id=s.article_id,
            language=language_mark(s.language),
        )
        for s in view.sources
    )
    return parts


def print_timeline(view: TimelineView, console: Console) -> None:
    """Print a timeline to the terminal."""
    for part in timeline_renderables(view):
        console.print(part)
