"""Human-readable publication dates that never claim more precision than is known."""

from __future__ import annotations

from datetime import datetime

from bot.core.models import DatePrecision


def format_dated(at: datetime | None, precision: DatePrecision) -> str:
    """Format a date to its known precision: '2022-09-07', 'week of 2022-10-16', 'Oct 2022', '2026'."""
    if at is None or precision is DatePrecision.UNKNOWN:
        return "date unknown"
    if precision is DatePrecision.YEAR:
        return f"{at.year}"
    if precision is DatePrecision.WEEK:
        return at.strftime("week of %Y-%m-%d")
    if precision is DatePrecision.MONTH:
        return at.strftime("%b %Y")
    return at.strftime("%Y-%m-%d")
