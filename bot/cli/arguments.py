"""Argument types shared by the CLI commands: dates, bounded whole numbers and output formats."""

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


# Every numeric flag takes one of these types, so a number out of range is a usage error that
# names its bound, never an OverflowError from SQLite or datetime further in.
MAX_COUNT = 1_000_000
MAX_DAYS = 36_500
# The store's id bound (bot.store.date_keys.ID_MASK, 36 bits), copied so parsing imports no store
# code; tests/cli/test_parser_properties.py checks that they agree.
MAX_ARTICLE_ID = (1 << 36) - 1
# As /feed add allows: a poll at most every 5 minutes and at least once a day.
MIN_POLL_MINUTES = 5
MAX_POLL_MINUTES = 1_440


def whole_number_in(minimum: int, maximum: int) -> Callable[[str], int]:
    """An argument type for a whole number from ``minimum`` to ``maximum``, with a message saying so."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            if value.strip().isdecimal():  # too many digits for int(): certainly too large
                raise argparse.ArgumentTypeError(
                    f"'{value[:20]}…' is too large (at most {maximum:,})"
                ) from None
            raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
        if number < minimum:
            if minimum == 1:
                raise argparse.ArgumentTypeError(f"'{value}' is not a positive whole number")
            raise argparse.ArgumentTypeError(f"'{value}' is too small (at least {minimum:,})")
        if number > maximum:
            raise argparse.ArgumentTypeError(f"'{value}' is too large (at most {maximum:,})")
        return number

    return parse


def whole_number_up_to(maximum: int) -> Callable[[str], int]:
    """An argument type for a whole number from 1 to ``maximum``."""
    return whole_number_in(1, maximum)


positive_int = whole_number_up_to(MAX_COUNT)
day_count = whole_number_up_to(MAX_DAYS)
article_id = whole_number_up_to(MAX_ARTICLE_ID)
poll_minutes = whole_number_in(MIN_POLL_MINUTES, MAX_POLL_MINUTES)


# Discord ids are unsigned 64-bit snowflakes; SQLite integers are signed 64-bit.
MAX_SERVER_ID = 2**63 - 1


def add_server_option(parser: argparse.ArgumentParser) -> None:
    """``--server ID``: act as one Discord server (its own articles and feeds, plus the library)."""
    parser.add_argument(
        "--server",
        dest="server_id",
        type=whole_number_in(1, MAX_SERVER_ID),
        metavar="ID",
        help="act as this Discord server: its own articles and feeds plus the shared library "
        "(default: the shared library only)",
    )


def language_code(value: str) -> str:
    """A ``--language`` value as the stored code ("fr" from "FR" or "fr-CA")."""
    from bot.core.language import normalise_language

    code = normalise_language(value)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a language code: give two letters such as fr, zh or en"
        )
    return code


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """``--language CODE``: only articles stored in that language."""
    parser.add_argument(
        "--language",
        type=language_code,
        metavar="CODE",
        help="only articles in this language (fr, zh, en …)",
    )
