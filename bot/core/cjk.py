"""CJK text as runs of Chinese, Japanese and Korean characters, and their overlapping bigrams."""

from __future__ import annotations

import re

# Han (with extensions and compatibility forms), kana, Hangul and CJK symbols/fullwidth forms.
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3131-\u318e\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\U00020000-\U0002fa1f"
)
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")


def cjk_runs(text: str) -> list[str]:
    """The maximal runs of CJK characters in a text, in order."""
    return CJK_RUN.findall(text)


def bigrams_of(run: str) -> list[str]:
    """The overlapping two-character pieces of a CJK run; a one-character run is itself."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]
