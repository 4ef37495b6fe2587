"""Sentence splitting: abbreviations, initials, long words and CJK stops."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.core.text import _ABBREVIATIONS, _is_abbreviation, split_sentences

_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]*$")


def _reference_is_abbreviation(chunk: str) -> bool:
    """The first, regex-anchored definition the faster backward read must agree with."""
    match = _WORD_BEFORE.search(chunk)
    if match is None:
        return False
    word = match.group(1).rstrip(".").lower()
    if not word:
        return False
    return word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word) is not None


_PIECES = st.sampled_from(
    ["Mr", "Dr", "U.S", "e.g", "Inc", "J", "H.W", "chips", "a" * 60, ".", "!", "?", "…", " ", "("]
)


@given(st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=80))
def test_the_backward_read_agrees_with_the_anchored_regex(chunk: str) -> None:
    assert _is_abbreviation(chunk) == _reference_is_abbreviation(chunk)


def test_abbreviations_and_initials_end_no_sentence() -> None:
    text = "Mr. Xi met U.S. officials. J. K. Rowling wrote. Prices rose 5 p.m. Friday. Done."
    assert split_sentences(text) == [
        "Mr. Xi met U.S. officials.",
        "J. K. Rowling wrote.",
        "Prices rose 5 p.m. Friday.",
        "Done.",
    ]


def test_a_word_longer_than_the_tail_that_is_read_first() -> None:
    long_word = "Supercalifragilisticexpialidocious" * 2
    assert split_sentences(f"It said {long_word}. Then it stopped.") == [
        f"It said {long_word}.",
        "Then it stopped.",
    ]


def test_cjk_stops_split_and_ascii_questions_do_not_need_them() -> None:
    assert split_sentences("芯片很重要。美国加强管制！Why? Because.") == [
        "芯片很重要。",
        "美国加强管制！",
        "Why?",
        "Because.",
    ]
