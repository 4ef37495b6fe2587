"""Stories as plain text: one heading line and one line of outlets per story, for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.stories import Story
from bot.render.embed_text import inline

OUTLETS_SHOWN = 6


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def story_heading(story: Story) -> str:
    """'s12  Lindsay Lohan checks into Betty Ford Center' (the newest report's title)."""
    return f"{story.key}  {inline(story.articles[0].title)}"


def story_details(story: Story) -> str:
    """'4 articles from 3 outlets (LA Times, NY Post, People) · latest 2013-05-03'."""
    outlets = story.publishers
    shown = ", ".join(outlets[:OUTLETS_SHOWN])
    more = f" and {len(outlets) - OUTLETS_SHOWN} more" if len(outlets) > OUTLETS_SHOWN else ""
    latest = max(a.dated_at for a in story.articles)
    source = f" from {_count(len(outlets), 'outlet')} ({shown}{more})" if outlets else ""
    return f"{_count(len(story.articles), 'article')}{source} · latest {latest:%Y-%m-%d}"


def stories_heading(count: int, since_at: datetime | None) -> str:
    """'3 stories since 2026-05-01, newest first' (or 'Current stories …' without a date)."""
    when = f" since {since_at:%Y-%m-%d}" if since_at is not None else ""
    return f"{_count(count, 'story').replace('storys', 'stories')}{when}, newest activity first"


def render_stories_text(stories: Sequence[Story], since_at: datetime | None) -> list[str]:
    """The whole listing as lines; an empty one says how to widen it."""
    if not stories:
        hint = " (try an earlier --since)" if since_at is not None else ""
        return [f"No stories{' since ' + format(since_at, '%Y-%m-%d') if since_at else ''}{hint}."]
    lines = [stories_heading(len(stories), since_at), ""]
    for story in stories:
        lines += [story_heading(story), f"    {story_details(story)}"]
    return lines
