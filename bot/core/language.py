"""Language codes: the news languages detection chooses among, and CJK recognised by its script."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Languages news articles are stored in, as ISO 639-1 codes. Choosing among these instead of the
# detector's 100+ languages keeps short texts from landing on a neighbour (Walloon for French,
# Wu for Mandarin, Latin for an English headline).
NEWS_LANGUAGES = frozenset(
    {
        "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr",
        "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl",
        "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "ur", "vi", "zh",
    }
)  # fmt: skip
DEFAULT_LANGUAGE = "en"
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

# One Han character carries roughly a word; English spends about this many letters per word-sized
# unit, so CJK "dominates" when its characters outweigh the Latin letters at this rate.
_LATIN_LETTERS_PER_CJK_CHAR = 3
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
# Below this many letters a text is a headline fragment or a number: no detector is reliable.
MIN_DETECTABLE_LETTERS = 12


def script_language(text: str) -> str | None:
    """ "zh", "ja" or "ko" when CJK script dominates the text, else ``None`` (ask a detector)."""
    if text.isascii():
        return None
    han = len(_HAN.findall(text))
    kana = len(_KANA.findall(text))
    hangul = len(_HANGUL.findall(text))
    cjk = han + kana + hangul
    if cjk == 0 or cjk * _LATIN_LETTERS_PER_CJK_CHAR < len(_LATIN.findall(text)):
        return None
    if hangul > han + kana:
        return "ko"
    # Japanese mixes kana into almost every sentence; Chinese never uses it.
    if kana * 5 >= cjk:
        return "ja"
    return "zh"


def has_enough_letters(text: str) -> bool:
    """Whether the text holds enough letters for a statistical detector to be worth asking."""
    return len(_LETTER.findall(text[:4096])) >= MIN_DETECTABLE_LETTERS


def choose_language(ranked: Sequence[tuple[str, float]]) -> str:
    """The first news language in a detector's ranking (best first), else the default."""
    return next((code for code, _ in ranked if code in NEWS_LANGUAGES), DEFAULT_LANGUAGE)


def normalise_language(value: str) -> str | None:
    """A language code as stored ("fr" from "FR" or "fr-CA"), or ``None`` when it is not one."""
    code = value.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if _LANGUAGE_CODE.match(code) else None
