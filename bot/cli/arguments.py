"""Argument types shared by the CLI commands: dates, positive numbers and output formats."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

FORMATS = ("text", "md", "json")


def parse_day(value: str) -> datetime:
    """Parse a YYYY-MM-DD (or full ISO) argument into an aware UTC datetime."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date (use YYYY-MM-DD)") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def positive_int(value: str) -> int:
    """Parse a strictly positive integer argument."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return number
