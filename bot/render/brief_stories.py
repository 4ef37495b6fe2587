"""The words every renderer uses when a brief's sources report several stories."""

from __future__ import annotations

from bot.core.brief import Brief

STORIES_HEADING = "Stories"


def stories_note(brief: Brief) -> str:
    """'Its 5 sources report 2 different stories:' (empty when they report one)."""
    if not brief.stories:
        return ""
    return (
        f"Its {len(brief.sources)} sources report {len(brief.stories)} different stories; "
        "each is listed with its sources:"
    )
