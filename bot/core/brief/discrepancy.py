"""Where two outlets' versions of one sentence disagree: a number, a name or place, a date, a negation.

Two near-duplicate sentences are aligned word by word (difflib); a disagreement is a short
substitution in otherwise shared wording whose two sides each hold a fact of the same kind
("10" / "12 dead", "accused Sudan" / "accused Khartoum", "Nov. 12" / "Nov. 13"), or a negation
that only one side has ("would" / "would not"). Paraphrase elsewhere in the sentence, a detail only
one side gives ("the 33-year-old actress" / "the actress") and the outlet a source spoke to ("told
People" / "told Us") are not disagreements.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cache

from nicknames import NickNamer


class DifferenceKind(StrEnum):
    """What two wordings of one fact disagree on."""

    NUMBER = "number"
    NAME = "name"
    DATE = "date"
    NEGATION = "negation"


@dataclass(frozen=True, slots=True)
class Difference:
    """One disagreement: its kind and the differing words on each side, as each outlet wrote them."""

    kind: DifferenceKind
    ours: str
    theirs: str


# Words with their internal apostrophes, points and hyphens ("Peterson's", "6.1", "U.S.", "32-year-old").
_TOKEN = re.compile(r"\w+(?:[.,'’\-]\w+)*", re.UNICODE)
_CLOCK = re.compile(r"\b\d{1,2}\s?[:.]\s?\d{2}\b(?:\s?[ap]\.?\s?m\b\.?)?", re.IGNORECASE)
_CONTRACTION = re.compile(r"^(\w+?)(n['’]t)$", re.IGNORECASE)
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "sixteen": "16",
    "seventeen": "17",
    "eighteen": "18",
    "nineteen": "19",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "dozen": "12",
}
_MONTHS = {
    "jan": "jan",
    "january": "jan",
    "feb": "feb",
    "february": "feb",
    "mar": "mar",
    "march": "mar",
    "apr": "apr",
    "april": "apr",
    "may": "may",
    "jun": "jun",
    "june": "jun",
    "jul": "jul",
    "july": "jul",
    "aug": "aug",
    "august": "aug",
    "sep": "sep",
    "sept": "sep",
    "september": "sep",
    "oct": "oct",
    "october": "oct",
    "nov": "nov",
    "november": "nov",
    "dec": "dec",
    "december": "dec",
}
_MONTH_KEYS = frozenset(_MONTHS.values())
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "neither", "nor", "without"})
# A substitution right after one of these names who a source spoke to, not a fact of the story.
_REPORTING = frozenset({"told", "tells", "telling", "to", "according", "via"})
# Words of attribution inside a substitution: the outlets differ on who said it, not on the fact.
_ATTRIBUTION = frozenset({"said", "says", "told", "tells", "added", "reported", "according"})
# Capitalised words that are titles, pronouns or units rather than names.
_NOT_NAMES = frozenset(
    """
    i the a an he she it they we you his her their mr mrs ms miss dr mt mount st saint sgt sergeant
    deputy judge officer const constable det detective insp inspector capt captain lt lieutenant
    col colonel gen general gov governor sen senator rep president prime minister chief sheriff
    police superior court usd dollars dollar euros euro pounds yuan gmt pst est utc et
    """.split()  # noqa: SIM905 - one readable block beats many quoted words
)
# Units that make two numbers incomparable without conversion ("48km" / "30 miles").
_UNITS = frozenset(
    """
    km kms kilometre kilometres kilometer kilometers mile miles mi mph kph h m metre metres meter
    meters ft foot feet yard yards kg kilo kilos kilogram kilograms lb lbs pound pounds ton tons
    tonne tonnes euro euros dollar dollars usd yuan pound bn billion million m cent percent
    """.split()  # noqa: SIM905
)
_CURRENCY_SIGNS = "$€£¥"
# Marks after a number that make it a fraction or a mis-decoded one ("41 / 2", "4\ufffd", "4½").
_FRACTION_MARKS = "/\ufffd½¼¾⅓⅔"
# Words of one slot that say opposite things ("postponed" / "confirmed").
_OPPOSITES = frozenset(
    frozenset(pair)
    for pair in (
        ("delayed", "confirmed"),
        ("postponed", "confirmed"),
        ("cancelled", "confirmed"),
        ("canceled", "confirmed"),
        ("denied", "confirmed"),
        ("denied", "admitted"),
        ("rose", "fell"),
        ("increased", "decreased"),
        ("won", "lost"),
        ("acquitted", "convicted"),
        ("approved", "rejected"),
        ("guilty", "innocent"),
        ("alive", "dead"),
    )
)
_NEGATION_MARKS = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|cannot|cant|wont|dont|didnt|isnt)\b"
    r"|n\s?['’]\s?t\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")
# The unit may be glued on ("48km") or hyphenated ("6.1-magnitude", "33-year-old").
_LEADING_NUMBER = re.compile(r"^(\d+(?:[.,]\s?\d+)*)(?:-?([a-z]+(?:-[a-z]+)*))?$")
# Longest substitution still read as one fact swapped for another, in words per side.
_MAX_SPAN = 3
# Share of the two token lists that must align for the sentences to be versions of one another.
_MIN_ALIGNMENT = 0.6
# Two names this alike are one name spelled two ways ("Technicolor" / "Technicolour").
_SAME_SPELLING = 0.75


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two versions of one sentence relate: the share of aligned words and what differs."""

    alignment: float
    differences: tuple[Difference, ...]


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    key: str
    initial: bool
    clock: bool
    sign: str
    start: int
    end: int


def _key(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    folded = plain.casefold().replace("’", "'")
    if folded.endswith("'s"):
        folded = folded[:-2]
    if folded in _NUMBER_WORDS:
        return _NUMBER_WORDS[folded]
    month = _MONTHS.get(folded.rstrip("."))
    if month is not None:
        return month
    if _DIGITS.match(folded):
        return folded.replace(",", "")
    return folded.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w?\.?", folded) else folded


def _tokens(text: str) -> list[_Token]:
    clocks = [m.span() for m in _CLOCK.finditer(text)]
    out: list[_Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        between = text[previous_end : match.start()]
        initial = not out or bool(re.search(r"[.!?:]\s*[\"'“‘]?\s*$|[\"“‘]\s*$", between))
        clock = any(a <= match.start() < b for a, b in clocks) or (
            text[match.end() : match.end() + 2].lstrip()[:1] in tuple(_FRACTION_MARKS)
        )
        sign = next((c for c in between[-2:] if c in _CURRENCY_SIGNS), "")
        word = match.group()
        contraction = _CONTRACTION.match(word)
        start, end = match.span()
        if contraction is not None:
            stem = contraction.group(1)
            key = _CONTRACTED.get(stem.casefold(), _key(stem))
            out.append(_Token(stem, key, initial, clock, "", start, end))
            out.append(_Token(contraction.group(2), "not", False, clock, "", start, end))
        elif word.casefold() == "cannot":
            out.append(_Token(word, "can", initial, clock, "", start, end))
            out.append(_Token("", "not", False, clock, "", start, end))
        else:
            out.append(_Token(word, _key(word), initial, clock, sign, start, end))
        previous_end = match.end()
    return out


def _number(token: _Token) -> tuple[str, str] | None:
    """The number a token holds and the unit glued to it ("48km" -> ("48", "km"))."""
    found = _LEADING_NUMBER.match(token.key)
    if found is None:
        return None
    return found.group(1).replace(",", "").replace(" ", ""), found.group(2) or ""


def _unit(tokens: list[_Token]) -> frozenset[str]:
    units = {t.sign for t in tokens if t.sign}
    for token in tokens:
        number = _number(token)
        if number is not None and number[1]:
            units.add(number[1])
        elif token.key in _UNITS:
            units.add(token.key)
    return frozenset(units)


def _is_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and 1800 <= int(number) <= 2199


def _is_name(token: _Token) -> bool:
    return (
        token.text[:1].isupper()
        and not token.initial
        and token.key not in _NOT_NAMES
        and token.key not in _MONTH_KEYS
        and token.key not in _WEEKDAYS
    )


@cache
def _nicknames() -> NickNamer:
    return NickNamer()


def _one_person(left: str, right: str) -> bool:
    """ "Katie" for "Kathryn", "Bill" for "William": a given name and its nickname."""
    names = _nicknames()
    return right in names.nicknames_of(left) or left in names.nicknames_of(right)


def _same_name(left: set[str], right: set[str]) -> bool:
    joined_left, joined_right = " ".join(sorted(left)), " ".join(sorted(right))
    if SequenceMatcher(None, joined_left, joined_right).ratio() >= _SAME_SPELLING:
        return True
    if any(_one_person(a, b) for a in left for b in right):
        return True
    # One containing the other: "Us" / "UsMagazine.com", "India" / "Indian".
    return any(a in b or b in a for a in left for b in right)


def _is_acronym_of(short: list[_Token], long: list[_Token]) -> bool:
    """ "AFC" for "American Football Conference", "MVP" for "Most Valuable Player"."""
    acronyms = [t.text for t in short if len(t.text) >= 2 and t.text.isupper()]
    initials = "".join(t.text[0] for t in long if t.text[:1].isupper())
    return bool(acronyms) and any(a in initials for a in acronyms)


def _span(text: str, tokens: list[_Token], start: int, end: int) -> str:
    """The words as the outlet wrote them, with their own spacing and signs ("£88m")."""
    if start >= end:
        return ""
    first, last = tokens[start], tokens[end - 1]
    return text[first.start - len(first.sign) : last.end]


def _numbers_kind(
    left: list[_Token], right: list[_Token], beside_month: bool
) -> DifferenceKind | None:
    numbers_left = {n[0] for t in left if (n := _number(t)) is not None}
    numbers_right = {n[0] for t in right if (n := _number(t)) is not None}
    if not numbers_left or not numbers_right or numbers_left == numbers_right:
        return None
    digits_left = "".join(n[0] for t in left if (n := _number(t)) is not None)
    digits_right = "".join(n[0] for t in right if (n := _number(t)) is not None)
    if digits_left == digits_right:
        return None  # one number grouped two ways: "555 111" / "555111"
    if _unit(left) != _unit(right):
        return None  # "48km" / "30 miles" is one distance in two units
    years = all(_is_year(n) for n in numbers_left | numbers_right)
    return DifferenceKind.DATE if years or beside_month else DifferenceKind.NUMBER


def _substitution(
    ours: list[_Token],
    theirs: list[_Token],
    span_ours: tuple[int, int],
    span_theirs: tuple[int, int],
) -> DifferenceKind | None:
    left = ours[span_ours[0] : span_ours[1]]
    right = theirs[span_theirs[0] : span_theirs[1]]
    if any(t.clock for t in left + right):
        return None  # clock times differ by zone and format more often than by fact
    before = ours[span_ours[0] - 1].key if span_ours[0] > 0 else ""
    after = ours[span_ours[1]].key if span_ours[1] < len(ours) else ""
    kind = _numbers_kind(left, right, before in _MONTH_KEYS or after in _MONTH_KEYS)
    if kind is not None:
        return kind
    for group in (_MONTH_KEYS, _WEEKDAYS):
        dates_left = {t.key for t in left if t.key in group}
        dates_right = {t.key for t in right if t.key in group}
        if dates_left and dates_right and dates_left != dates_right:
            return DifferenceKind.DATE
    if before in _REPORTING or any(t.key in _ATTRIBUTION for t in left + right):
        return None
    if {left[0].key, right[0].key} in _OPPOSITES and len(left) == len(right) == 1:
        return DifferenceKind.NEGATION
    names_left = {t.key for t in left if _is_name(t)}
    names_right = {t.key for t in right if _is_name(t)}
    # One name for one name: longer runs are the same body named two ways ("Creep, the Campaign
    # to Re-elect" / "Nixon's Committee to Re-elect").
    if len(names_left) != 1 or len(names_right) != 1 or _same_name(names_left, names_right):
        return None
    # A name the other version also holds was moved, not swapped: "Central Elections Commission"
    # / "Central Commission for Elections and Referenda", "in Cumbria" / "Millom mother … in Millom".
    if names_left <= {t.key for t in theirs} or names_right <= {t.key for t in ours}:
        return None
    if _is_acronym_of(left, right) or _is_acronym_of(right, left):
        return None
    return DifferenceKind.NAME


def _negated(tokens: list[_Token]) -> bool:
    return any(t.key in _NEGATIONS for t in tokens)


def compare_versions(ours: str, theirs: str) -> Comparison:
    """Align two versions of one sentence and list where they disagree, in reading order."""
    left = _tokens(ours)
    right = _tokens(theirs)
    matcher = SequenceMatcher(None, [t.key for t in left], [t.key for t in right], autojunk=False)
    alignment = matcher.ratio()
    if alignment < _MIN_ALIGNMENT:
        return Comparison(alignment, ())
    # A negation moved within the sentence ("I didn't feel we were" / "I feel we weren't") is
    # still one negation each.
    negation_differs = len(_NEGATION_MARKS.findall(ours)) != len(_NEGATION_MARKS.findall(theirs))
    found: list[Difference] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or i2 - i1 > _MAX_SPAN or j2 - j1 > _MAX_SPAN:
            continue
        kind: DifferenceKind | None = None
        if negation_differs and _negated(left[i1:i2]) != _negated(right[j1:j2]):
            kind = DifferenceKind.NEGATION
        elif tag == "replace":
            kind = _substitution(left, right, (i1, i2), (j1, j2))
        if kind is not None:
            found.append(Difference(kind, _span(ours, left, i1, i2), _span(theirs, right, j1, j2)))
    return Comparison(alignment, tuple(found))


def find_differences(ours: str, theirs: str) -> tuple[Difference, ...]:
    """The disagreements between two versions of one sentence, in reading order; () when none."""
    return compare_versions(ours, theirs).differences
