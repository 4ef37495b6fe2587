"""Async use cases over the store, shared by the CLI and the Discord bot; each returns core models."""

from bot.service.briefings import (
    SEEDED_META_KEY,
    Briefings,
    BriefRequest,
    Clock,
    LexiconFileError,
    Lexicons,
    TimelineRequest,
    utc_now,
)

__all__ = [
    "SEEDED_META_KEY",
    "BriefRequest",
    "Briefings",
    "Clock",
    "LexiconFileError",
    "Lexicons",
    "TimelineRequest",
    "utc_now",
]
