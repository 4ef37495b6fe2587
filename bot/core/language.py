"""Language detection by script: CJK-dominated text against Latin-script text."""

from __future__ import annotations

# One Han character carries roughly a word; English spends about this many letters per word-sized
# unit, so CJK "dominates" when its characters outweigh the Latin letters at this rate.
_LATIN_LETTERS_PER_CJK_CHAR = 3


def _script_of(char: str) -> str | None:
    code = ord(char)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F:
        return "han"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if char.isalpha() and code < 0x0250:
        return "latin"
    return None


def detect_language(text: str) -> str:
    """Guess the language: "zh" when Han dominates ("ja"/"ko" for kana/hangul), else "en"."""
    counts = {"han": 0, "kana": 0, "hangul": 0, "latin": 0}
    for char in text:
        script = _script_of(char)
        if script is not None:
            counts[script] += 1
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    if cjk == 0 or cjk * _LATIN_LETTERS_PER_CJK_CHAR < counts["latin"]:
        return "en"
    if counts["hangul"] > counts["han"] + counts["kana"]:
        return "ko"
    # Japanese mixes kana into almost every sentence; Chinese never uses it.
    if counts["kana"] * 5 >= cjk:
        return "ja"
    return "zh"
