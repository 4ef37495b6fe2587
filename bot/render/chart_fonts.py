"""Fonts for the timeline chart: DejaVu Sans for Latin text, then any installed face that draws Chinese.

matplotlib (3.6 and later) falls back glyph by glyph through a list of families, so the chart
asks for DejaVu Sans first (its look for English) and then the CJK faces this machine has: a
font file named by ``BRIEFBOT_CHART_FONT``, or a known family installed on the system
(``fonts-noto-cjk`` on Debian, which the Docker image installs). Without one, Chinese labels
come out as empty boxes, so ``uncovered_characters`` lets the callers say so instead of
posting a chart nobody can read.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

LATIN_FAMILY = "DejaVu Sans"
# The families that draw simplified Chinese on common systems (Debian/Ubuntu packages first,
# then what macOS and Windows ship), tried in this order after the ones added by path.
KNOWN_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
)
# What the people running briefbot can do about Chinese drawn as boxes, in every message saying so.
FONT_ADVICE = (
    "install a CJK font (Debian and Ubuntu: apt install fonts-noto-cjk) or set "
    "BRIEFBOT_CHART_FONT to a font file"
)
_added: list[str] = []


class ChartFontError(Exception):
    """A configured chart font that cannot be used, with the reason in words."""


def add_chart_font(path: Path) -> str:
    """Make the font file at ``path`` the first fallback of every chart; return its family name."""
    if not path.is_file():
        raise ChartFontError(f"BRIEFBOT_CHART_FONT {path} is not a file.")
    try:
        font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
    except (OSError, RuntimeError, ValueError) as error:
        raise ChartFontError(
            f"BRIEFBOT_CHART_FONT {path} is not a font matplotlib can read ({error})."
        ) from error
    if family not in _added:
        _added.insert(0, family)
    return family


def prepare_chart_fonts(configured: Path | None) -> str | None:
    """Add the configured font file, if any; the family that will draw Chinese, or ``None``."""
    if configured is not None:
        add_chart_font(configured)
    fallbacks = chart_families()[1:]
    return fallbacks[0] if fallbacks else None


def chart_families() -> list[str]:
    """The font families a chart asks for, in order: Latin first, then the CJK fallbacks found."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    fallbacks = [name for name in (*_added, *KNOWN_CJK_FAMILIES) if name in installed]
    return [LATIN_FAMILY, *dict.fromkeys(fallbacks)]


def uncovered_characters(texts: Iterable[str]) -> str:
    """The characters of ``texts`` that none of the chart's families can draw, in first-seen order."""
    wanted = dict.fromkeys(ch for text in texts for ch in text if not ch.isspace())
    covered: set[int] = set()
    for family in chart_families():
        covered |= _codepoints(_font_file(family))
    return "".join(ch for ch in wanted if ord(ch) not in covered)


def _font_file(family: str) -> str:
    properties = font_manager.FontProperties(family=family)
    return str(font_manager.fontManager.findfont(properties, fallback_to_default=True))


@functools.cache
def _codepoints(path: str) -> frozenset[int]:
    return frozenset(FT2Font(path).get_charmap())
