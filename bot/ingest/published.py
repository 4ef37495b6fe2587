"""Publication dates from metadata: ISO and common written forms to UTC with their precision."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from bot.core.models import DatePrecision
from bot.core.timex.lexicon import MONTHS

_MONTH = r"(?P<month_name>[a-z]{3,9})\.?"
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_YEAR = re.compile(r"^(?P<year>\d{4})$")
_YEAR_MONTH = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})$")
_YEAR_MONTH_DAY = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})$")
_CJK = re.compile(
    r"^(?P<year>\d{4})\s*年(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?)?$"
)
_MONTH_YEAR = re.compile(rf"^{_MONTH}\s+(?P<year>\d{{4}})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(
    rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE
)
# A Markdown byline such as "*Published 12 March 2024*" or "_Published: 2024-03-12_".
_PUBLISHED_LINE = re.compile(
    r"^\s{0,3}(?P<mark>\*{1,2}|_{1,2})\s*Published(?:\s+on)?\s*:?\s*(?P<date>[^*_\n]+?)\s*"
    r"(?P=mark)\s*$",
    re.IGNORECASE,
)
# The byline sits under the title: only the opening lines are looked at.
_BYLINE_LINES = 5
_DAY_MONTH_YEAR = re.compile(
    rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication moment in UTC and how much of it is known."""

    at: datetime
    precision: DatePrecision


def _as_utc(moment: datetime) -> datetime:
    # A naive timestamp in metadata has no zone to go by: it is read as UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{moment.isoformat()} is out of the supported date range") from None


def _from_parts(match: re.Match[str]) -> PublishedDate:
    groups = match.groupdict()
    year = int(groups["year"])
    month_name = groups.get("month_name")
    month_text = groups.get("month")
    if month_name is not None:
        month: int | None = MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"'{month_name}' is not a month name")
    else:
        month = int(month_text) if month_text else None
    day_text = groups.get("day")
    day = int(day_text) if day_text else None
    try:
        at = datetime(year, month or 1, day or 1, tzinfo=UTC)
    except ValueError:
        raise ValueError(f"'{match.string}' is not a real calendar date") from None
    if day is not None:
        return PublishedDate(at, DatePrecision.DAY)
    if month is not None:
        return PublishedDate(at, DatePrecision.MONTH)
    return PublishedDate(at, DatePrecision.YEAR)


def _parse_text(text: str) -> PublishedDate:
    for pattern in (_YEAR, _YEAR_MONTH, _YEAR_MONTH_DAY, _CJK, _MONTH_YEAR):
        match = pattern.match(text)
        if match:
            return _from_parts(match)
    written = _WEEKDAY.sub("", text)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.match(written)
        if match:
            return _from_parts(match)
    try:
        return PublishedDate(_as_utc(datetime.fromisoformat(text)), DatePrecision.DAY)
    except ValueError:
        pass
    try:
        return PublishedDate(_as_utc(parsedate_to_datetime(text)), DatePrecision.DAY)
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"'{text}' is not a date this tool reads; use a form like 2022-10-16")


def parse_published(value: object) -> PublishedDate:
    """Read a metadata date: a datetime, a date, a year number or text such as "2022-10",
    "2022-10-16", "2022-10-16T08:00:00+08:00", "16 October 2022", "Oct. 16, 2022" or "2022年10月".

    Raises ``ValueError`` with a plain sentence when the value is not a date.
    """
    if isinstance(value, datetime):
        return PublishedDate(_as_utc(value), DatePrecision.DAY)
    if isinstance(value, date):
        midnight = datetime(value.year, value.month, value.day, tzinfo=UTC)
        return PublishedDate(midnight, DatePrecision.DAY)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return PublishedDate(datetime(value, 1, 1, tzinfo=UTC), DatePrecision.YEAR)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a date")
    return _parse_text(" ".join(value.split()))


def published_line(markdown: str) -> tuple[str, str] | None:
    """The date text of a ``*Published …*`` line among a Markdown body's first lines, and the
    body without that line; ``None`` when there is no such line or its date cannot be read.
    """
    lines = markdown.splitlines(keepends=True)
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _BYLINE_LINES:
            break
        match = _PUBLISHED_LINE.match(line)
        if match is None:
            continue
        try:
            parse_published(match.group("date"))
        except ValueError:
            return None  # an ordinary sentence that happens to start so: left as text
        return match.group("date"), "".join(lines[:index] + lines[index + 1 :])
    return None
