"""Page furniture: the packaged lexicon of site-chrome lines, card headings and credit lines."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.core.models import CardSectionKind

_FLAGS = re.IGNORECASE
# Site chrome is a short line; a longer one is text even if it mentions "comments" or "share".
_LONGEST_FURNITURE = 250


@dataclass(frozen=True, slots=True)
class _PatternSet:
    """Patterns anchored at the line start (tried there only) and patterns found anywhere."""

    anchored: re.Pattern[str]
    floating: re.Pattern[str]

    def matches(self, line: str) -> bool:
        return self.anchored.match(line) is not None or self.floating.search(line) is not None


@dataclass(frozen=True, slots=True)
class FurnitureLexicon:
    """Compiled furniture rules: plain furniture lines, tail cut lines, credit and card patterns."""

    lines: _PatternSet
    tail: _PatternSet
    credit: re.Pattern[str]
    original: tuple[re.Pattern[str], ...]
    author: tuple[re.Pattern[str], ...]
    card: tuple[tuple[CardSectionKind, re.Pattern[str]], ...]

    def is_furniture(self, line: str) -> bool:
        """Whether a cleaned line is site chrome (including tail lines and credit lines)."""
        if len(line) > _LONGEST_FURNITURE:
            return False
        return (
            self.lines.matches(line)
            or self.tail.matches(line)
            or self.credit.search(line) is not None
        )

    def is_tail(self, line: str) -> bool:
        """Whether a cleaned line starts the comments, related links or navigation tail."""
        return len(line) <= _LONGEST_FURNITURE and self.tail.matches(line)

    def credit_name(self, line: str) -> str | None:
        """The source named by a credit line such as "(Global Times)", else None."""
        match = self.credit.search(line)
        return match.group("name").strip() if match else None

    def original_name(self, line: str) -> str | None:
        """The outlet named by a "Read original on …" / "Original source: …" line, else None."""
        return _first_name(self.original, line)

    def author_name(self, line: str) -> str | None:
        """The author named by a "More articles by …" tail line, else None."""
        return _first_name(self.author, line)

    def card_heading(self, line: str) -> tuple[CardSectionKind, str] | None:
        """The card section a heading line opens and its inline content ("" when none).

        A heading is accepted only when the rest of the line is empty, follows a separator (inline
        content, as in "Who should care:Researchers"), or is itself furniture (a glued subtitle).
        """
        if len(line) > _LONGEST_FURNITURE:
            return None
        for kind, pattern in self.card:
            match = pattern.match(line)
            if match is None:
                continue
            rest = line[match.end() :].strip()
            if not rest:
                return kind, ""
            if rest[0] in ":：—–-|":
                return kind, rest[1:].strip()
            if self.is_furniture(rest):
                return kind, ""
        return None


def _first_name(patterns: tuple[re.Pattern[str], ...], line: str) -> str | None:
    for pattern in patterns:
        match = pattern.search(line)
        if match:
            return match.group("name").strip()
    return None


def _any_of(patterns: list[str]) -> _PatternSet:
    # Anchored patterns are tried at the line start only; scanning every position is the cost.
    anchored = [p.removeprefix("^") for p in patterns if p.startswith("^")]
    floating = [p for p in patterns if not p.startswith("^")]
    return _PatternSet(
        re.compile("|".join(f"(?:{p})" for p in anchored) or "(?!)", _FLAGS),
        re.compile("|".join(f"(?:{p})" for p in floating) or "(?!)", _FLAGS),
    )


@cache
def furniture_lexicon() -> FurnitureLexicon:
    """The built-in furniture lexicon, read from ``bot/data/furniture.toml`` on first use."""
    raw = resources.files("bot").joinpath("data", "furniture.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    section = data["furniture"]
    return FurnitureLexicon(
        lines=_any_of(section["lines"]),
        tail=_any_of(section["tail"]),
        credit=re.compile(section["credit"]),
        original=tuple(re.compile(p, _FLAGS) for p in section["original"]),
        author=tuple(re.compile(p, _FLAGS) for p in section["author"]),
        card=tuple(
            (CardSectionKind(kind), re.compile(pattern, _FLAGS))
            for kind, pattern in data["card"].items()
        ),
    )
