"""Markdown renderer for timelines: year headings, dated events with [n] citations, sources."""

from __future__ import annotations

from bot.render.language_marks import language_suffix
from bot.render.markdown import escape_markdown, link
from bot.render.timeline_terminal import summary_line
from bot.render.timeline_view import EventView, TimelineView, cite_marks, grouped


def _event_item(event: EventView) -> str:
    date = ("≈ " if event.approximate else "") + escape_markdown(event.date_label)
    markers = "".join(f" *({escape_markdown(m)})*" for m in event.markers)
    statement = escape_markdown(event.statement)
    return f"- **{date}** — {statement} {cite_marks(event.sources)}{markers}"


def render_timeline_markdown(view: TimelineView) -> str:
    """The whole timeline as Markdown, ready to paste into a document."""
    lines = [f"## Timeline: {escape_markdown(view.topic)}", "", f"*{summary_line(view)}*", ""]
    if not view.events:
        lines.append(f"No dated events on '{escape_markdown(view.topic)}' in that range.")
        return "\n".join(lines) + "\n"
    for heading, events in grouped(view.events):
        lines += [f"### {escape_markdown(heading)}", *(_event_item(e) for e in events), ""]
    lines.append("### Sources")
    for source in view.sources:
        publisher = escape_markdown(source.publisher or "unknown publisher")
        lines.append(
            f"{source.number}. {link(source.title, source.url)} — {publisher}, "
            f"{source.date_label}{language_suffix(source.language)}"
        )
    return "\n".join(lines) + "\n"
