"""Word lists of the temporal tagger: months, weekdays, numbers, units, seasons and parts of day."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

# Full names that are also common words or first names: accepted bare only with temporal context.
AMBIGUOUS_MONTHS = frozenset(
    {"may", "march", "june", "april", "august", "jan", "mar", "jun", "dec"}
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

UNITS: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "F", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millennium": "L", "millennia": "L",
}  # fmt: skip
CLOCK_UNITS = frozenset({"second", "minute", "hour"})

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "thousand": 1000,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a dozen": 12, "dozen": 12,
    "single": 1, "half a": 0,
}  # fmt: skip
VAGUE_NUMBERS = frozenset({"several", "a few", "few", "some", "many", "the next few", "numerous"})

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip

# TIMEX3 modifiers of the expression itself ("early August", "nearly two years").
POSITION_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "mid": "MID", "middle": "MID", "late": "END", "later": "END", "end": "END",
}  # fmt: skip
QUANTITY_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
}  # fmt: skip
# A governing preposition kept as a relation ("by 2028" is ON_OR_BEFORE 2028).
RELATIONS: dict[str, str] = {
    "by": "ON_OR_BEFORE", "before": "BEFORE", "after": "AFTER", "since": "ON_OR_AFTER",
    "until": "ON_OR_BEFORE", "till": "ON_OR_BEFORE", "through": "ON_OR_BEFORE",
}  # fmt: skip


def number_value(word: str) -> int | None:
    """The integer a number word or numeral stands for; None for vague or unknown words."""
    key = word.lower().replace("-", " ").strip()
    if key.isdigit():
        return int(key)
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    parts = key.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
            return tens + ones
        if ones in {100, 1000} and tens < 10:
            return tens * ones
    return None
