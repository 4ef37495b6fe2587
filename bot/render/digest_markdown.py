"""Markdown renderer for digests, ready to paste into a document or a newsletter."""

from __future__ import annotations

from bot.core.digest import Digest
from bot.render.digest_text import (
    QUIET,
    change_note,
    counts_line,
    event_date,
    heading,
    since_line,
    source_label,
)
from bot.render.markdown import escape_markdown, link


def render_digest_markdown(digest: Digest) -> str:
    """The whole digest as Markdown."""
    lines = [f"## {escape_markdown(heading(digest))}", ""]
    if digest.is_quiet:
        lines += [QUIET, ""]
    else:
        lines += [f"*{counts_line(digest)}*", "", escape_markdown(since_line(digest)), ""]
    if digest.stories:
        lines += ["### Top stories", ""]
    for number, story in enumerate(digest.stories, start=1):
        note = change_note(story)
        tag = f" *({escape_markdown(note)})*" if note else ""
        lines.append(f"{number}. **{escape_markdown(story.title)}**{tag}")
        lines += [f"   {escape_markdown(s.text)}" for s in story.summary]
        lines += [
            f"   - {link(s.title, s.url)} — {escape_markdown(source_label(s))}"
            for s in story.sources
        ]
        lines.append("")
    if digest.changes:
        lines += ["### What changed since the last digest", ""]
        lines += [
            f"- {escape_markdown(s.title)} — {escape_markdown(change_note(s))}"
            for s in digest.changes
        ]
        lines.append("")
    if digest.coming_up:
        lines += ["### Coming up", ""]
        for event in digest.coming_up:
            tag = " *(expected)*" if event.expected else ""
            lines.append(
                f"- **{escape_markdown(event_date(event))}** {escape_markdown(event.statement)}{tag}"
            )
        lines.append("")
    return "\n".join(lines)
