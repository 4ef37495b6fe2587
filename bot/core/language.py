"""Language detection by script: CJK-dominated text against Latin-script text."""

from __future__ import annotations

import re

# One Han character carries roughly a word; English spends about this many letters per word-sized
# unit, so CJK "dominates" when its characters outweigh the Latin letters at this rate.
_LATIN_LETTERS_PER_CJK_CHAR = 3
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def detect_language(text: str) -> str:
    """Guess the language: "zh" when Han dominates ("ja"/"ko" for kana/hangul), else "en"."""
    if text.isascii():
        return "en"
    han = len(_HAN.findall(text))
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    cjk = han + kana + hangul
    if cjk == 0 or cjk * _LATIN_LETTERS_PER_CJK_CHAR < len(_LATIN.findall(text)):
        return "en"
    if hangul > han + kana:
        return "ko"
    # Japanese mixes kana into almost every sentence; Chinese never uses it.
    if kana * 5 >= cjk:
        return "ja"
    return "zh"
