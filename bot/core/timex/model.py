"""Typed values of the temporal tagger: TIMEX3 types, granularities, modifiers and tagged spans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum


class TimexType(StrEnum):
    """The four TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Granularity(IntEnum):
    """How fine a value is, coarsest first, so precisions compare with ``<``."""

    UNKNOWN = 0
    REF = 1
    CENTURY = 2
    DECADE = 3
    YEAR = 4
    HALF = 5
    QUARTER = 6
    SEASON = 7
    MONTH = 8
    WEEK = 9
    DAY = 10
    TIME = 11
    PERIOD = 12


class Tense(StrEnum):
    """The time orientation of the clause around an expression."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Anchor:
    """The document creation time and how much of it is known.

    With ``Granularity.WEEK`` the day is the first day of the known seven-day window ("week of").
    """

    day: date
    precision: Granularity = Granularity.DAY


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A date told relative to the last date the text mentioned ("that day", "the following year").

    ``unit`` is D, W, M, Q or Y; ``step`` how many units from the referenced date; ``part`` a
    part-of-day code (MO, AF, EV, NI); ``weekday`` (0 = Monday) names a day before or after it.
    """

    unit: str
    step: int = 0
    part: str | None = None
    weekday: int | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """What a rule makes of a match: type, TIMEX3 value, granularity, modifier, and resolution.

    With ``anaphor`` set the value is only a fallback (relative to the anchor), used when the
    text mentioned no date before the expression.
    """

    type: TimexType
    value: str
    granularity: Granularity
    mod: str | None = None
    resolved: bool = True
    anaphor: Anaphor | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """One tagged temporal expression: its span in the text and its normalised reading.

    ``mod`` is the TIMEX3 modifier (START, MID, END, APPROX, LESS_THAN, MORE_THAN, ...);
    ``relation`` keeps a governing preposition as a TIMEX3-style modifier (``by`` gives
    ON_OR_BEFORE, ``since`` ON_OR_AFTER, ``before`` BEFORE, ``after`` AFTER, ``until``
    ON_OR_BEFORE). ``resolved`` is False when the anchor was too imprecise to resolve fully.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    granularity: Granularity
    mod: str | None = None
    relation: str | None = None
    resolved: bool = True

    def as_dict(self) -> dict[str, object]:
        """The scorer's plain form: start, end, value, type, and mod/relation when present."""
        out: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "type": self.type.value,
        }
        if self.mod:
            out["mod"] = self.mod
        if self.relation:
            out["relation"] = self.relation
        return out
