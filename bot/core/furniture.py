"""Page furniture: the packaged lexicon of site-chrome lines, card headings and credit lines."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.core.models import CardSectionKind

_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class FurnitureLexicon:
    """Compiled furniture rules: plain furniture lines, tail cut lines, credit and card patterns."""

    lines: tuple[re.Pattern[str], ...]
    tail: tuple[re.Pattern[str], ...]
    credit: re.Pattern[str]
    original: tuple[re.Pattern[str], ...]
    author: tuple[re.Pattern[str], ...]
    card: tuple[tuple[CardSectionKind, re.Pattern[str]], ...]

    def is_furniture(self, line: str) -> bool:
        """Whether a cleaned line is site chrome (including tail lines and credit lines)."""
        return (
            any(p.search(line) for p in self.lines)
            or self.is_tail(line)
            or self.credit_name(line) is not None
        )

    def is_tail(self, line: str) -> bool:
        """Whether a cleaned line starts the comments, related links or navigation tail."""
        return any(p.search(line) for p in self.tail)

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


@cache
def furniture_lexicon() -> FurnitureLexicon:
    """The built-in furniture lexicon, read from ``bot/data/furniture.toml`` on first use."""
    raw = resources.files("bot").joinpath("data", "furniture.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    section = data["furniture"]
    return FurnitureLexicon(
        lines=tuple(re.compile(p, _FLAGS) for p in section["lines"]),
        tail=tuple(re.compile(p, _FLAGS) for p in section["tail"]),
        credit=re.compile(section["credit"]),
        original=tuple(re.compile(p, _FLAGS) for p in section["original"]),
        author=tuple(re.compile(p, _FLAGS) for p in section["author"]),
        card=tuple(
            (CardSectionKind(kind), re.compile(pattern, _FLAGS))
            for kind, pattern in data["card"].items()
        ),
    )
