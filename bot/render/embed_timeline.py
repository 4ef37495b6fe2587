"""A timeline as pages of Discord embeds: grouped dated events with citations, then sources."""

from __future__ import annotations

from bot.render.embed_brief import citation_marks, link
from bot.render.embed_text import escape
from bot.render.embeds import Page
from bot.render.language_marks import language_suffix
from bot.render.paging import Section, sections_to_pages
from bot.render.timeline_terminal import summary_line
from bot.render.timeline_view import EventView, SourceView, TimelineView, grouped

CHART_FILENAME = "timeline.png"


def _event_line(event: EventView) -> str:
    date = ("≈ " if event.approximate else "") + escape(event.date_label)
    markers = "".join(f" *({escape(marker)})*" for marker in event.markers)
    marks = citation_marks(event.sources)
    statement = escape(event.statement) or "(no statement)"
    tail = f"\u00a0{marks}" if marks else ""
    return f"• **{date}** — {statement}{tail}{markers}"


def _source_line(source: SourceView) -> str:
    publisher = escape(source.publisher) if source.publisher else "unknown publisher"
    when = escape(source.date_label) + language_suffix(source.language)
    return f"**[{source.number}]** {link(source.title, source.url)} — {publisher}, {when}"


def render_timeline(view: TimelineView) -> list[Page]:
    """The timeline as pages of embeds, every page inside Discord's limits."""
    title = escape(f"Timeline: {view.topic}")
    if not view.events:
        empty = f"No dated events on '{escape(view.topic)}' in that range."
        return sections_to_pages([Section(title, (empty,))])
    sections = [Section(title, (escape(summary_line(view)),))]
    for heading, events in grouped(view.events):
        sections.append(Section(escape(heading), tuple(_event_line(e) for e in events)))
    sections.append(Section("Sources", tuple(_source_line(s) for s in view.sources)))
    return sections_to_pages(sections, label=f"timeline of {view.topic}")
