"""A small CJK test font built with fontTools: one square glyph per character it is asked to cover.

This machine (like CI) has no Chinese font installed, and none may be downloaded at test time,
so the chart's fallback is tested against a real TrueType file written here: matplotlib loads
it through FreeType exactly as it would load Noto Sans CJK.
"""

from __future__ import annotations

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

_EM = 1000


def _square(inset: int) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((inset, -80))
    pen.lineTo((inset, 800))
    pen.lineTo((_EM - inset, 800))
    pen.lineTo((_EM - inset, -80))
    pen.closePath()
    return pen.glyph()


def build_font(characters: str, family: str) -> TTFont:
    """A TrueType font named ``family`` drawing each of ``characters`` as a full-width square."""
    names = {ch: f"uni{ord(ch):04X}" for ch in dict.fromkeys(characters)}
    order = [".notdef", *names.values()]
    builder = FontBuilder(_EM, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({ord(ch): name for ch, name in names.items()})
    builder.setupGlyf({name: _square(60 if name == ".notdef" else 40) for name in order})
    builder.setupHorizontalMetrics(dict.fromkeys(order, (_EM, 40)))
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    return builder.font


def write_font(path: Path, characters: str, *, family: str) -> Path:
    """Write ``build_font(characters, family)`` to ``path`` (.ttf, or .ttc for a collection).

    Give each set of characters its own family: matplotlib finds fonts by family name, so two
    files of one name would stand for each other.
    """
    font = build_font(characters, family)
    if path.suffix == ".ttc":
        collection = TTCollection()
        collection.fonts = [font]
        collection.save(str(path))
    else:
        font.save(str(path))
    return path
