"""Calendar arithmetic and TIMEX3 value formatting, relative to an anchor of known precision."""

from __future__ import annotations

from datetime import date, timedelta

from bot.core.timex.model import Anchor, Granularity, Reading, Tense, TimexType


def day_value(day: date) -> str:
    """A calendar day as a TIMEX3 value."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def month_value(year: int, month: int) -> str:
    """A calendar month as a TIMEX3 value."""
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    """The ISO week containing a day as a TIMEX3 value."""
    iso_year, iso_week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{iso_week:02d}"


def week_day(anchor: Anchor) -> date:
    """A day whose ISO week stands for the anchor's week.

    A week-precision anchor is the first day of a seven-day window that need not start on a
    Monday (news sites date by Sunday-based weeks); the ISO week holding most of those days is
    the one holding the window's middle day.
    """
    if anchor.precision == Granularity.WEEK:
        return anchor.day + timedelta(days=3)
    return anchor.day


def quarter_of(month: int) -> int:
    """The calendar quarter (1-4) of a month."""
    return (month - 1) // 3 + 1


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """Shift a (year, month) pair by a number of months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_day(year: int, month: int, day: int) -> date | None:
    """The date, or None when the fields name no real day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def anchor_value(anchor: Anchor) -> tuple[str, Granularity]:
    """The anchor itself written at the precision that is known of it."""
    day = anchor.day
    if anchor.precision >= Granularity.DAY:
        return day_value(day), Granularity.DAY
    if anchor.precision == Granularity.WEEK:
        return week_value(week_day(anchor)), Granularity.WEEK
    if anchor.precision >= Granularity.MONTH:
        return month_value(day.year, day.month), Granularity.MONTH
    if anchor.precision >= Granularity.YEAR:
        return f"{day.year:04d}", Granularity.YEAR
    return "XXXX", Granularity.UNKNOWN


def unresolved(anchor: Anchor, kind: TimexType = TimexType.DATE, mod: str | None = None) -> Reading:
    """A reading at the anchor's own precision, flagged unresolved: never a guessed finer date."""
    value, granularity = anchor_value(anchor)
    return Reading(kind, value, granularity, mod, resolved=False)


def needs(anchor: Anchor, granularity: Granularity) -> bool:
    """Whether the anchor is precise enough to resolve an expression of this granularity."""
    if granularity == Granularity.WEEK:
        return anchor.precision >= Granularity.WEEK
    if granularity >= Granularity.WEEK:
        return anchor.precision >= Granularity.DAY
    if granularity >= Granularity.QUARTER:
        return anchor.precision >= Granularity.MONTH
    return anchor.precision >= Granularity.YEAR


def weekday_day(anchor: Anchor, weekday: int, tense: Tense) -> tuple[date, bool]:
    """The day a bare weekday names: the latest on or before the anchor, or the next on or after.

    With a week-precision anchor the weekday is taken inside the known seven-day window and the
    result is flagged unresolved (the second element), since the exact publication day is unknown.
    """
    base = anchor.day
    if anchor.precision == Granularity.WEEK:
        return base + timedelta(days=(weekday - base.weekday()) % 7), False
    if tense == Tense.FUTURE:
        return base + timedelta(days=(weekday - base.weekday()) % 7), True
    return base - timedelta(days=(base.weekday() - weekday) % 7), True


def month_year(anchor: Anchor, month: int, tense: Tense, day: int | None = None) -> int:
    """The year of a month named without one: the nearest occurrence, unless tense says otherwise.

    The nearest of last year's, this year's and next year's occurrence wins; a clear future
    (past) tense moves a past (future) pick to the other side when that is within
    ``_TENSE_REACH_DAYS`` of the anchor.
    """
    base = anchor.day
    target_day = day or 15
    options: list[tuple[int, int]] = []
    for year in (base.year - 1, base.year, base.year + 1):
        when = safe_day(year, month, min(target_day, 28))
        if when is not None:
            options.append(((when - base).days, year))
    gap, year = min(options, key=lambda o: (abs(o[0]), o[0]))
    if day is None and month == base.month:
        return base.year
    if tense == Tense.FUTURE and gap < 0:
        ahead = [o for o in options if 0 <= o[0] <= _TENSE_REACH_DAYS]
        if ahead:
            return ahead[0][1]
    if tense == Tense.PAST and gap > 0:
        behind = [o for o in options if -_TENSE_REACH_DAYS <= o[0] <= 0]
        if behind:
            return behind[-1][1]
    return year


_TENSE_REACH_DAYS = 240


def shift_reading(anchor: Anchor, unit: str, amount: int) -> Reading | None:
    """The date ``amount`` units from the anchor (negative: earlier), at the unit's granularity."""
    base = anchor.day
    if unit == "D":
        if not needs(anchor, Granularity.DAY):
            return unresolved(anchor)
        return Reading(TimexType.DATE, day_value(base + timedelta(days=amount)), Granularity.DAY)
    if unit == "W":
        if not needs(anchor, Granularity.WEEK):
            return unresolved(anchor)
        target = week_day(anchor) + timedelta(weeks=amount)
        return Reading(TimexType.DATE, week_value(target), Granularity.WEEK)
    if unit == "M":
        if not needs(anchor, Granularity.MONTH):
            return unresolved(anchor)
        year, month = add_months(base.year, base.month, amount)
        return Reading(TimexType.DATE, month_value(year, month), Granularity.MONTH)
    if unit == "Q":
        if not needs(anchor, Granularity.QUARTER):
            return unresolved(anchor)
        year, month = add_months(base.year, base.month, 3 * amount)
        value = f"{year:04d}-Q{quarter_of(month)}"
        return Reading(TimexType.DATE, value, Granularity.QUARTER)
    if not needs(anchor, Granularity.YEAR):
        return unresolved(anchor)
    if unit == "Y":
        return Reading(TimexType.DATE, f"{base.year + amount:04d}", Granularity.YEAR)
    if unit == "E":
        return Reading(TimexType.DATE, f"{base.year + 10 * amount:04d}"[:3], Granularity.DECADE)
    if unit == "C":
        return Reading(TimexType.DATE, f"{base.year + 100 * amount:04d}"[:2], Granularity.CENTURY)
    return None
