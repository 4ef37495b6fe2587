"""Terminal renderer (rich) for digests: header, top stories with sources, changes, coming up."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.text import Text

from bot.core.digest import Digest
from bot.render.brief_terminal import linked
from bot.render.digest_text import (
    QUIET,
    change_note,
    counts_line,
    event_date,
    heading,
    since_line,
    source_label,
)
from bot.render.layout_terminal import Hanging, Heading


def digest_renderables(digest: Digest) -> list[RenderableType]:
    """The digest as rich renderables."""
    parts: list[RenderableType] = [Text(heading(digest), style="bold")]
    if digest.is_quiet:
        parts.append(Text(QUIET))
    else:
        parts += [Text(counts_line(digest), style="dim"), Text(since_line(digest), style="dim")]
    parts.append(Text(""))
    if digest.stories:
        parts.append(Heading("Top stories"))
    for number, story in enumerate(digest.stories, start=1):
        bullet = f"{number}. "
        title = Text(story.title, style="bold")
        note = change_note(story)
        if note:
            title.append(f"  ‹{note}›", style="green")
        parts.append(Hanging(Text(bullet, style="bold"), title))
        # Summary and sources sit under the story's title, past its number.
        indent = " " * len(bullet)
        for sentence in story.summary:
            parts.append(Hanging(indent, Text(sentence.text)))
        for source in story.sources:
            line = Text(source.title, style=linked(source.url))
            line.append(f" — {source_label(source)} (article {source.article_id})", style="dim")
            parts.append(Hanging(Text(f"{indent}• ", style="dim"), line))
        parts.append(Text(""))
    if digest.changes:
        parts.append(Heading("What changed since the last digest"))
        for story in digest.changes:
            parts.append(Hanging("• ", Text(f"{story.title} ‹{change_note(story)}›")))
        parts.append(Text(""))
    if digest.coming_up:
        parts.append(Heading("Coming up"))
        for event in digest.coming_up:
            line = Text(event.statement)
            if event.expected:
                line.append(" ‹expected›", style="yellow")
            parts.append(Hanging(Text(f"{event_date(event):<12} ", style="bold magenta"), line))
    return parts


def print_digest(digest: Digest, console: Console) -> None:
    """Print a digest to the terminal."""
    for part in digest_renderables(digest):
        console.print(part)
