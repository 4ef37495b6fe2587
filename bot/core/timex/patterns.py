"""Regular-expression fragments shared by the tagger's rules."""

from __future__ import annotations

from bot.core.timex.lexicon import DECADE_WORDS, NUMBER_WORDS


def month(name: str = "month") -> str:
    """A month name or abbreviation (with optional dot) captured as ``name``."""
    return (
        rf"(?P<{name}>(?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?:\.|\b))"
    )


def weekday(name: str = "weekday") -> str:
    """A full weekday name captured as ``name``."""
    return rf"(?P<{name}>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"


_SMALL = sorted((w for w in NUMBER_WORDS if " " not in w and w not in {"a", "an"}), key=len)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|a\s+couple\s+of|couple\s+of|a\s+few|a\s+dozen|several|few|"
    r"some|many|half\s+an?|(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand)|"
    rf"(?:{_TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)|"
    rf"(?:{'|'.join(reversed(_SMALL))})|an|a)"
)
UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|"
    r"quarters?|years?|decades?|century|centuries|millenni(?:um|a))"
)
QUANTITY = (
    r"about|around|nearly|almost|roughly|approximately|more\s+than|less\s+than|at\s+least|"
    r"up\s+to|no\s+more\s+than|at\s+most|over(?=\s+an?\b)|under|some|just|only|another|an\s+additional"
)
POSITION = r"early|mid|late|the\s+(?:end|beginning|middle|start|first\s+half|second\s+half)\s+of"
DECADE_WORD = "|".join(DECADE_WORDS)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
