"""Character-level clean-up of article text: line breaks, odd spaces, emoji markers, bad bytes."""

from __future__ import annotations

import re
import unicodedata

# Pictographic emoji blocks, dingbats and their joiners: decoration in scraped pages, never content.
_EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"
    "\u2600-\u27bf"
    "\u2b00-\u2bff"
    "\u231a\u231b\u23e9-\u23fa"
    "\ufe0e\ufe0f\u20e3"
    "\U000e0020-\U000e007f"
    "]+"
)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A "?" or U+FFFD that a broken encoding left after punctuation ("to China.?"): drop it.
_STRAY_AFTER_PUNCT = re.compile(r"""([.,;:。，；：](?:["”’')\]])?)[?\ufffd]+(?=\s|$)""")
# One between two word characters ("20th?Party") stood for a space.
_STRAY_IN_WORD = re.compile(r"(?<=[^\W_])[?\ufffd](?=[^\W_])")
_URLISH = re.compile(r"://|^www\.|=|&|^/", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


def _repair_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if _URLISH.search(token):
        return token
    return _STRAY_IN_WORD.sub(" ", token)


def _clean_line(line: str) -> str:
    # Printable ASCII has no odd spaces, invisibles, controls or emoji: skip those passes.
    if not (line.isascii() and line.isprintable()):
        line = _INVISIBLE.sub("", line)
        line = _ODD_SPACE.sub(" ", line)
        line = _CONTROL.sub("", line)
        line = _EMOJI.sub(" ", line)
    if "?" in line or "\ufffd" in line:
        line = _STRAY_AFTER_PUNCT.sub(r"\1", line)
        line = _TOKEN.sub(_repair_token, line)
    return line.rstrip()


def clean_text(text: str) -> str:
    """Normalise text line by line: NFC, "\\n" line breaks, plain spaces, no emoji or stray "?"."""
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_clean_line(line) for line in text.splitlines())


def normalise_text(text: str) -> str:
    """The cleaned text, whitespace collapsed: every parsed paragraph is a substring of it."""
    return " ".join(clean_text(text).split())
