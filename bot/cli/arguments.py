"""Argument types shared by the CLI commands: dates, positive numbers and output formats."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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


MAX_COUNT = 1_000_000
MAX_DAYS = 36_500


def whole_number_up_to(maximum: int) -> Callable[[str], int]:
    """An argument type for a whole number from 1 to ``maximum``, with a message saying so."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number < 1:
            raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
        if number > maximum:
            raise argparse.ArgumentTypeError(f"'{value}' is too large (at most {maximum:,})")
        return number

    return parse


positive_int = whole_number_up_to(MAX_COUNT)
day_count = whole_number_up_to(MAX_DAYS)
