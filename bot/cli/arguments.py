"""Argument types shared by the CLI commands: dates, positive numbers and output formats."""

from __future__ import annotations

import argparse
from datetime import datetime

from bot.core.date_bounds import DateBoundError, parse_date_bound

FORMATS = ("text", "md", "json")


def _bound_error(error: DateBoundError) -> argparse.ArgumentTypeError:
    """One sentence for argparse, which already names the option it belongs to."""
    if error.problem == "not a date":
        return argparse.ArgumentTypeError(
            f"'{error.value}' is not a date: use 2024, 2024-05, 2024-05-17 "
            "or an ISO time such as 2024-05-17T10:00+02:00"
        )
    return argparse.ArgumentTypeError(error.sentence("date").removesuffix("."))


def parse_day(value: str) -> datetime:
    """Parse a start bound (YYYY, YYYY-MM, YYYY-MM-DD or full ISO) into an aware UTC datetime."""
    try:
        return parse_date_bound(value, end=False)
    except DateBoundError as error:
        raise _bound_error(error) from None


def parse_inclusive_end(value: str) -> datetime:
    """Parse an inclusive end bound: YYYY, YYYY-MM or YYYY-MM-DD runs to the end of that period."""
    try:
        return parse_date_bound(value, end=True)
    except DateBoundError as error:
        raise _bound_error(error) from None


def positive_int(value: str) -> int:
    """Parse a strictly positive integer argument."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
    return number
