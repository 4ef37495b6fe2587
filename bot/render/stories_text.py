"""Stories as plain text: one heading line and one line of outlets per story, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.calendar import format_dated
from bot.core.models import DatePrecision
from bot.core.stories import Story
from bot.render.brief_terminal import count_noun
from bot.render.embed_text import inline

OUTLETS_SHOWN = 6


def story_heading(story: Story) -> str:
    """'s12  Lindsay Lohan checks into Betty Ford Center' (the newest report's title)."""
    return f"{story.key}  {inline(story.articles[0].title)}"


def story_details(story: Story) -> str:
    """'4 articles from 3 outlets (LA Times, NY Post, People) · latest 2013-05-03'."""
    outlets = story.publishers
    shown = ", ".join(outlets[:OUTLETS_SHOWN])
    more = f" and {len(outlets) - OUTLETS_SHOWN} more" if len(outlets) > OUTLETS_SHOWN else ""
    source = f" from {count_noun(len(outlets), 'outlet')} ({shown}{more})" if outlets else ""
    return f"{count_noun(len(story.articles), 'article')}{source} · {_latest(story)}"


def _latest(story: Story) -> str:
    """'latest week of 2022-10-16' to the precision known, or 'added …' when nothing is dated."""
    dated = [a for a in story.articles if a.published_precision is not DatePrecision.UNKNOWN]
    if not dated:
        return f"added {max(a.ingested_at for a in story.articles):%Y-%m-%d}"
    newest = max(dated, key=lambda a: a.dated_at)
    return f"latest {format_dated(newest.published_at, newest.published_precision)}"


def _since(since_at: datetime | None) -> str:
    return f" since {since_at:%Y-%m-%d}" if since_at is not None else ""


def stories_heading(count: int, since_at: datetime | None) -> str:
    """'3 stories since 2026-05-01, newest activity first' (no date part without one)."""
    return f"{count_noun(count, 'story', 'stories')}{_since(since_at)}, newest activity first"


def render_stories_text(
    stories: Sequence[Story], since_at: datetime | None, *, heading: bool = True
) -> list[str]:
    """The listing as lines, after its count unless not ``heading``; an empty one says how to widen."""
    if not stories:
        hint = " (try an earlier --since)" if since_at is not None else ""
        return [f"No stories{_since(since_at)}{hint}."]
    lines = [stories_heading(len(stories), since_at), ""] if heading else []
    for story in stories:
        lines += [story_heading(story), f"    {story_details(story)}"]
    return lines
