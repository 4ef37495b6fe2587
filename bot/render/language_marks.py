"""How a source's language is marked in a sources list: nothing for English, "中文" for Chinese."""

from __future__ import annotations

from bot.core.language import DEFAULT_LANGUAGE

# Each language named in itself, so a reader of that language finds the mark at a glance.
_NAMES = {"zh": "中文", "ja": "日本語", "ko": "한국어"}


def language_mark(code: str | None) -> str:
    """The mark shown after a source's date: '' for the default language, '中文' for 'zh', else the code."""
    if not code or code == DEFAULT_LANGUAGE:
        return ""
    return _NAMES.get(code, code)


def language_suffix(code: str | None) -> str:
    """The mark as it follows a source's date (", 中文"), or '' when there is none."""
    mark = language_mark(code)
    return f", {mark}" if mark else ""
