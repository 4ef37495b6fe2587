"""Markdown renderer for briefs: the card sections with [n] citations and numbered source links."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.brief import Brief, CitedSentence, TopicNotFound
from bot.core.calendar import format_dated
from bot.render.brief_stories import STORIES_HEADING, stories_note
from bot.render.brief_terminal import NO_CLOSE_TOPIC, count_noun
from bot.render.disagreement import SOURCES_DIFFER, also_numbers, contrast, shortened
from bot.render.language_marks import language_suffix
from bot.render.markdown import escape_markdown, link


def _marks(citations: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in citations)


def _item(sentence: CitedSentence) -> str:
    who = f" — *{escape_markdown(sentence.attribution)}*" if sentence.attribution else ""
    return f"- {escape_markdown(sentence.text)}{who} {_marks(sentence.citations)}" + _others(
        sentence
    )


def _others(sentence: CitedSentence) -> str:
    """Corroborating source numbers, then a nested item per outlet that disagrees."""
    also = also_numbers(sentence)
    lines = [f" (also {_marks(also)})" if also else ""]
    for other in sentence.disagreements:
        lines.append(
            f"  - ⚠ *{SOURCES_DIFFER}* ({escape_markdown(contrast(other))}): "
            f"“{escape_markdown(shortened(other.text))}” {_marks((other.citation,))}"
        )
    return "\n".join(lines)


def _section(title: str, items: Sequence[CitedSentence]) -> list[str]:
    return [f"### {title}", *(_item(s) for s in items), ""] if items else []


def render_brief_markdown(brief: Brief) -> str:
    """The whole brief as Markdown, ready to paste into a document."""
    lines: list[str] = []
    if brief.headline is not None:
        lines += [
            f"## {escape_markdown(brief.headline.text)} {_marks(brief.headline.citations)}",
            "",
        ]
    lines += [
        f"*Brief: {escape_markdown(brief.topic)} · {count_noun(len(brief.sources), 'source')}*",
        "",
    ]
    if brief.tldr:
        quoted = (f"> {_item(s)[2:]}".replace("\n", "\n> ") for s in brief.tldr)
        lines += ["### TL;DR", *quoted, ""]
    lines += _section("What changed", brief.what_changed)
    lines += _section("Why it matters", brief.why_it_matters)
    lines += _section("What's next", brief.whats_next)
    if brief.voices:
        lines.append("### Voices")
        for voice in brief.voices:
            who = escape_markdown(voice.speaker + (f", {voice.role}" if voice.role else ""))
            quote = escape_markdown(voice.quote.text)
            shown = f"“{quote}”" if voice.verbatim else quote
            lead = "" if voice.speaks_for_itself else f"**{who}**: "
            marks = _marks(voice.quote.citations)
            lines.append(f"- {lead}{shown} {marks}{_others(voice.quote)}")
        lines.append("")
    lines += _section("Key takeaways", brief.key_takeaways)
    lines += _section("What to do next", brief.what_to_do_next)
    if brief.who_should_care:
        lines.append("### Who should care")
        for audience in brief.who_should_care:
            cues = escape_markdown(", ".join(audience.cues))
            lines.append(f"- **{audience.name}** — {cues} {_marks(audience.citations)}")
        lines.append("")
    if brief.related:
        lines.append("### Related updates")
        for related in brief.related:
            date = format_dated(related.published_at, related.published_precision)
            lines.append(
                f"- {link(related.title, related.url)} ({date}) — {escape_markdown(related.line)}"
            )
        lines.append("")
    if brief.stories:
        lines += [f"### {STORIES_HEADING}", stories_note(brief), ""]
        lines += [f"- {escape_markdown(m.title)} {_marks(m.citations)}" for m in brief.stories]
        lines.append("")
    lines.append("### Sources")
    for source in brief.sources:
        date = format_dated(source.published_at, source.published_precision)
        publisher = escape_markdown(source.publisher or "unknown publisher")
        date += language_suffix(source.language)
        lines.append(f"{source.number}. {link(source.title, source.url)} — {publisher}, {date}")
    return "\n".join(lines) + "\n"


def render_not_found_markdown(answer: TopicNotFound) -> str:
    """The not-found answer as Markdown."""
    text = f"Nothing stored on '{escape_markdown(answer.topic)}'."
    if answer.suggestions:
        text += " Closest topics that do exist: " + ", ".join(
            escape_markdown(s) for s in answer.suggestions
        )
    else:
        text += " " + NO_CLOSE_TOPIC
    return text + "\n"
