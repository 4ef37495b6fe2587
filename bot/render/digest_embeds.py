"""A Digest as Discord embeds: pages for previews, and one message (inside every limit) to post."""

from __future__ import annotations

from bot.core.digest import Digest, DigestStory, UpcomingEvent
from bot.render.digest_text import (
    QUIET,
    change_note,
    counts_line,
    event_date,
    heading,
    since_line,
    source_label,
)
from bot.render.embed_brief import BULLET, link
from bot.render.embed_text import escape, plain
from bot.render.embeds import MESSAGE_EMBEDS_MAX, Page, page_problems
from bot.render.paging import Section, paginate, section_cards

MAX_SOURCES_SHOWN = 6
MAX_CHANGES_SHOWN = 10


def _story_section(number: int, story: DigestStory) -> Section:
    note = change_note(story)
    title = f"{number}. {plain(story.title)}" + (f" ({note.split(':')[0]})" if note else "")
    lines = [escape(s.text) for s in story.summary]
    shown = story.sources[:MAX_SOURCES_SHOWN]
    links = [f"{link(s.title, s.url)} — {escape(source_label(s))}" for s in shown]
    more = len(story.sources) - len(shown)
    lines += [f"{BULLET} {line}" for line in links]
    if more > 0:
        lines.append(f"{BULLET} and {more} more")
    return Section(title, tuple(lines))


def _event_line(event: UpcomingEvent) -> str:
    tag = " (expected)" if event.expected else ""
    return f"{BULLET} **{escape(event_date(event))}** {escape(event.statement)}{tag}"


def _change_line(story: DigestStory) -> str:
    kind, _, detail = change_note(story).partition(": ")
    tail = f" — {escape(detail)}" if detail else ""
    return f"{BULLET} **{escape(kind)}** {escape(story.title)}{tail}"


def _changes_section(digest: Digest) -> Section | None:
    if not digest.changes:
        return None
    lines = [_change_line(s) for s in digest.changes[:MAX_CHANGES_SHOWN]]
    more = len(digest.changes) - MAX_CHANGES_SHOWN
    if more > 0:
        lines.append(f"{BULLET} and {more} more")
    return Section("What changed since the last digest", tuple(lines))


def _parts(digest: Digest) -> tuple[Section, list[Section], list[Section]]:
    header_lines = [escape(counts_line(digest)), escape(since_line(digest))]
    if digest.is_quiet:
        header_lines = [QUIET]
    header = Section(plain(heading(digest)), tuple(header_lines))
    stories = [_story_section(n, s) for n, s in enumerate(digest.stories, start=1)]
    tail = []
    changes = _changes_section(digest)
    if changes is not None:
        tail.append(changes)
    if digest.coming_up:
        tail.append(Section("Coming up", tuple(_event_line(e) for e in digest.coming_up)))
    return header, stories, tail


def digest_sections(digest: Digest) -> list[Section]:
    """Header, top stories, what changed and coming up, as sections (empty ones left out)."""
    header, stories, tail = _parts(digest)
    return [header, *stories, *tail]


def render_digest(digest: Digest) -> list[Page]:
    """The whole digest as pages of embeds (for the ephemeral preview)."""
    cards = [card for section in digest_sections(digest) for card in section_cards(section)]
    return paginate(cards, label=heading(digest))


def _cards(sections: list[Section]) -> Page:
    return tuple(card for section in sections for card in section_cards(section))


def digest_marker(period: str) -> str:
    """The footer that names a posted digest's period, so a restart can find it in the channel."""
    return f"briefbot weekly digest · {period}"


def _marked(page: Page, marker: str) -> Page:
    if not marker or not page:
        return page
    return (*page[:-1], page[-1].with_footer(marker))


def render_digest_message(digest: Digest, *, period: str = "") -> Page:
    """The digest as one message; stories that do not fit are dropped from the end and counted.

    With a ``period`` the last embed's footer is its :func:`digest_marker`.
    """
    header, stories, tail = _parts(digest)
    marker = digest_marker(period) if period else ""
    for keep in range(len(stories), -1, -1):
        dropped = len(stories) - keep
        note = f"{dropped} more {'story' if dropped == 1 else 'stories'}: see /digest preview."
        extra = [Section("More", (note,))] if dropped else []
        page = _marked(_cards([header, *stories[:keep], *extra, *tail]), marker)
        if len(page) <= MESSAGE_EMBEDS_MAX and not page_problems(page):
            return page
    # Only an absurdly long "what changed" list gets here: the header alone always fits.
    return _marked(_cards([header]), marker)
