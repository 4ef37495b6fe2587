"""A Brief as pages of Discord embeds: the card's sections, numbered citations and sources."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.brief.model import Audience, Brief, CitedSentence, RelatedArticle, Source, Voice
from bot.core.calendar import format_dated
from bot.render.brief_stories import STORIES_HEADING, stories_note
from bot.render.disagreement import SOURCES_DIFFER, also_numbers, contrast, shortened
from bot.render.embed_text import escape, inline
from bot.render.embeds import Page
from bot.render.language_marks import language_suffix
from bot.render.paging import Section, sections_to_pages

_SAFE_URL = re.compile(r"^https?://[^\s<>]+$")
_URL_ESCAPES = str.maketrans({"(": "%28", ")": "%29", " ": "%20"})
BULLET = "•"


def citation_marks(citations: Sequence[int]) -> str:
    """Source numbers as "[1][3]"; kept on the sentence's line so they travel with it."""
    return "".join(f"[{n}]" for n in citations)


def cited_line(sentence: CitedSentence, *, bullet: bool = True) -> str:
    """One cited sentence as an escaped line ending in its source numbers."""
    text = escape(sentence.text)
    if not text:
        return ""
    marks = citation_marks(sentence.citations)
    head = f"{BULLET} " if bullet else ""
    # A no-break space keeps the last word and the citation marks in the same piece.
    line = f"{head}{text}\u00a0{marks}" if marks else f"{head}{text}"
    return line + _others(sentence)


def _others(sentence: CitedSentence) -> str:
    """Corroborating source numbers, then an indented line per outlet that disagrees."""
    also = also_numbers(sentence)
    line = f" (also {citation_marks(also)})" if also else ""
    for other in sentence.disagreements:
        line += (
            f"\n\u2003⚠ *{SOURCES_DIFFER}* ({escape(contrast(other))}): "
            f"“{escape(shortened(other.text))}”\u00a0{citation_marks((other.citation,))}"
        )
    return line


def link(title: str, url: str | None) -> str:
    """A masked link with an escaped title, or the escaped title alone for missing or odd URLs."""
    label = escape(title) or "untitled"
    if url and _SAFE_URL.match(url):
        return f"[{label}]({url.translate(_URL_ESCAPES)})"
    return label


def _source_line(source: Source) -> str:
    when = format_dated(source.published_at, source.published_precision)
    when += language_suffix(source.language)
    publisher = escape(source.publisher) if source.publisher else "unknown publisher"
    return f"**[{source.number}]** {link(source.title, source.url)} — {publisher}, {when}"


def _voice_line(voice: Voice) -> str:
    speaker = escape(voice.speaker) or "Someone"
    role = f" ({escape(voice.role)})" if voice.role and escape(voice.role) else ""
    quote = escape(voice.quote.text)
    if not quote:
        return ""
    shown = f"“{quote}”" if voice.verbatim else quote
    lead = "" if voice.speaks_for_itself else f"**{speaker}**{role}: "
    marks = citation_marks(voice.quote.citations)
    return f"{BULLET} {lead}{shown}\u00a0{marks}{_others(voice.quote)}"


def _audience_line(audience: Audience) -> str:
    cues = ", ".join(escape(cue) for cue in audience.cues if escape(cue))
    marks = citation_marks(audience.citations)
    detail = f" — {cues}" if cues else ""
    return f"{BULLET} **{escape(audience.name)}**{detail}\u00a0{marks}".rstrip()


def _related_line(related: RelatedArticle) -> str:
    when = format_dated(related.published_at, related.published_precision)
    line = escape(related.line)
    tail = f": {line}" if line else ""
    return f"{BULLET} {link(related.title, related.url)} ({when}){tail}"


def _story_lines(brief: Brief) -> list[str]:
    if not brief.stories:
        return []
    items = [f"{BULLET} {escape(m.title)} {citation_marks(m.citations)}" for m in brief.stories]
    return [escape(stories_note(brief)), *items]


def brief_sections(brief: Brief, *, heading: str | None = None) -> list[Section]:
    """The brief's sections in card order; empty sections are left out."""
    title = heading or f"Brief: {inline(brief.topic)}"
    opening = [cited_line(brief.headline, bullet=False)] if brief.headline else []
    parts: list[tuple[str, list[str]]] = [
        (escape(title), [f"**{line}**" for line in opening if line]),
        ("TL;DR", [cited_line(s) for s in brief.tldr]),
        ("What changed", [cited_line(s) for s in brief.what_changed]),
        ("Why it matters", [cited_line(s) for s in brief.why_it_matters]),
        ("What's next", [cited_line(s) for s in brief.whats_next]),
        ("Voices", [_voice_line(v) for v in brief.voices]),
        ("Key takeaways", [cited_line(s) for s in brief.key_takeaways]),
        ("What to do next", [cited_line(s) for s in brief.what_to_do_next]),
        ("Who should care", [_audience_line(a) for a in brief.who_should_care]),
        ("Related", [_related_line(r) for r in brief.related]),
        (STORIES_HEADING, _story_lines(brief)),
        ("Sources", [_source_line(s) for s in brief.sources]),
    ]
    sections = [Section(name, tuple(x for x in lines if x)) for name, lines in parts]
    kept = [s for s in sections if s.lines]
    if not any(s.title == escape(title) for s in kept):
        kept.insert(
            0,
            Section(escape(title), (f"{len(brief.sources)} source{_plural(len(brief.sources))}.",)),
        )
    return kept


def render_brief(brief: Brief, *, heading: str | None = None) -> list[Page]:
    """The brief as pages of embeds, every page inside Discord's limits."""
    if brief.is_empty:
        empty = Section(escape(heading or f"Brief: {inline(brief.topic)}"), ("Nothing to brief.",))
        return sections_to_pages([empty])
    label = heading or f"brief on {inline(brief.topic)}"
    return sections_to_pages(brief_sections(brief, heading=heading), label=label)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"
