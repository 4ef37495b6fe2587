"""The ingest quality gate: too-large texts and texts that are not articles are refused, with why.

A refusal is one plain sentence. The checks read a bounded sample of the text, so judging a huge
file costs no more than judging a long article (the size check alone sees the whole length).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_MAX_TEXT_KB = 300
# What the content checks read: the opening of the text, where any article shows itself.
SAMPLE_CHARS = 50_000
# Fewer tokens than this is a short note or a card: too little to call it junk.
_MIN_TOKENS = 30
# Below this share of word tokens the text is numbers, codes and symbols (a dump), not prose.
_MIN_WORD_SHARE = 0.5
# A log has a clock stamp every line; an article has hardly any with seconds.
_MIN_STAMPS = 5
_MAX_WORDS_PER_STAMP = 40
# Table rows: this many separators of one kind, the same count on most lines.
_MIN_SEPARATORS = 3
_MIN_TABLE_LINES = 5
_TABLE_LINE_SHARE = 0.6
# A sentence has this many words (or CJK characters) and ends like one.
_SENTENCE_WORDS = 4
_CJK_SENTENCE_CHARS = 8

_TOKEN = re.compile(r"\S+")
# A word: letters (any script), optionally joined by apostrophes or hyphens, with punctuation
# around it ("(chips," is a word; "0x7f3a", "12.5%" and "=>" are not).
_WORD = re.compile(r"^[^\w]*[^\W\d_]+(?:['’\-][^\W\d_]+)*[^\w]*$")
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CLOCK_STAMP = re.compile(r"(?<![\d:])\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?![\d:])")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?。！？])[\"'”’»)\]]*\s+|(?<=[。！？])")
_SEPARATORS = ("\t", "|", ";", ",")
_NAMES = {"\t": "tab", "|": "pipe", ";": "semicolon", ",": "comma"}


def describe_size(size: int) -> str:
    """A byte count as a person reads it: "812 bytes", "300 KB", "20.0 MB"."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True, slots=True)
class ArticleGate:
    """What an article may be: at most ``max_text_bytes`` of text (UTF-8), and article-like."""

    max_text_bytes: int = DEFAULT_MAX_TEXT_KB * 1024

    def size_refusal(self, text: str) -> str | None:
        """Why the text is too large to be stored as one article, or ``None``."""
        # Four bytes a character at most: short texts skip the encoding.
        if len(text) * 4 <= self.max_text_bytes:
            return None
        size = len(text.encode("utf-8", errors="replace"))
        if size <= self.max_text_bytes:
            return None
        return (
            f"The article text is {describe_size(size)}, over the "
            f"{describe_size(self.max_text_bytes)} limit for one article "
            "(BRIEFBOT_MAX_ARTICLE_KB)."
        )

    def refusal(self, paragraphs: Iterable[str]) -> str | None:
        """Why the text (its paragraphs and card items) is not stored as an article, or ``None``."""
        text = "\n".join(paragraphs)
        too_large = self.size_refusal(text)
        if too_large is not None:
            return too_large
        return content_refusal(text)


def content_refusal(text: str) -> str | None:
    """Why the text is not an article (a log, a table, not words, no sentences), or ``None``."""
    sample = text[:SAMPLE_CHARS]
    tokens = _TOKEN.findall(sample)
    if not tokens:
        return "The text holds no words."
    words = sum(1 for token in tokens if _WORD.match(token) or _CJK.search(token))
    stamps = len(_CLOCK_STAMP.findall(sample))
    if stamps >= _MIN_STAMPS and stamps * _MAX_WORDS_PER_STAMP >= len(tokens):
        return (
            f"The text looks like a log, not an article ({stamps} time stamps "
            f"in its first {len(tokens)} words)."
        )
    table = _table_separator(sample)
    if table is not None:
        separator, share = table
        return (
            f"The text looks like a table dump, not an article ({share:.0%} of its lines are "
            f"{_NAMES[separator]}-separated rows)."
        )
    if len(tokens) >= _MIN_TOKENS and words < len(tokens) * _MIN_WORD_SHARE:
        return (
            f"The text is mostly not words, so not an article (only {words / len(tokens):.0%} "
            "of its tokens are words)."
        )
    # A headline-sized text without a full stop is a brief note; a long one is a menu or a list.
    if len(tokens) >= _MIN_TOKENS and not any(
        _is_sentence(part) for line in sample.splitlines() for part in _sentences(line)
    ):
        return "The text has no sentences, so it is not an article."
    return None


def _table_separator(sample: str) -> tuple[str, float] | None:
    """The separator of a table dump and the share of lines that are its rows, else ``None``."""
    lines = [line for line in sample.splitlines() if line.strip()]
    if len(lines) < _MIN_TABLE_LINES:
        return None
    for separator in _SEPARATORS:
        counts = Counter(
            line.count(separator)
            for line in lines
            if line.count(separator) >= _MIN_SEPARATORS and not _SENTENCE_END.search(line)
        )
        if not counts:
            continue
        _, rows = counts.most_common(1)[0]
        share = rows / len(lines)
        if rows >= _MIN_TABLE_LINES and share >= _TABLE_LINE_SHARE:
            return separator, share
    return None


def _sentences(line: str) -> list[str]:
    return [part for part in _SENTENCE_SPLIT.split(line.strip()) if part]


def _is_sentence(text: str) -> bool:
    if not _SENTENCE_END.search(text):
        return False
    if len(_CJK.findall(text)) >= _CJK_SENTENCE_CHARS:
        return True
    return sum(1 for token in _TOKEN.findall(text) if _WORD.match(token)) >= _SENTENCE_WORDS


DEFAULT_GATE = ArticleGate()
