"""Stories as Discord pages: each story's newest title linked, its outlets and size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.core.stories import Story
from bot.render.embed_brief import link
from bot.render.embed_text import escape
from bot.render.embeds import Page
from bot.render.paging import Section, sections_to_pages
from bot.render.stories_text import stories_heading, story_details


def render_stories(stories: Sequence[Story], *, since_at: datetime | None) -> list[Page]:
    """The current stories, newest activity first, one entry per story with every outlet."""
    if not stories:
        return sections_to_pages([Section("Stories", ("No stories in that period yet.",))])
    lines = []
    for story in stories:
        lead = story.articles[0]
        lines.append(
            f"`{story.key}` {link(lead.title, lead.canonical_url or lead.url)}\n"
            f"{escape(story_details(story))}"
        )
    title = stories_heading(len(stories), since_at)
    return sections_to_pages([Section(escape(title), tuple(lines))], label="stories")
