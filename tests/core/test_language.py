"""Tests for the news-language set, script-based CJK recognition and language codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.language import (
    NEWS_LANGUAGES,
    choose_language,
    has_enough_letters,
    normalise_language,
    script_language,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("China eyes mobilizing nationwide resources for breakthroughs in core tech", None),
        ("中国将调动全国资源，突破芯片等核心技术。", "zh"),
        ("要查看或添加评论，请登录 LinkedIn", "zh"),
        ("Read original on 虎嗅 for the full story about research funding", None),
        ("半導体の輸出規制が強化された。", "ja"),
        ("반도체 수출 규제가 강화되었다.", "ko"),
        ("Le gouvernement a annoncé des mesures.", None),
        ("", None),
        ("2022-10-16 — 50%", None),
    ],
)
def test_script_language(text: str, language: str | None) -> None:
    assert script_language(text) == language


@given(st.text())
def test_script_language_is_total_and_deterministic(text: str) -> None:
    assert script_language(text) in {None, "zh", "ja", "ko"}
    assert script_language(text) == script_language(text)


def test_choose_language_skips_languages_outside_the_news_set() -> None:
    # Walloon and Wu are what a detector offers first for some short French and Chinese texts.
    assert choose_language([("wa", -10.0), ("fr", -12.0), ("en", -20.0)]) == "fr"
    assert choose_language([("wuu", -1.0), ("zh", -2.0)]) == "zh"
    assert choose_language([("wa", -1.0)]) == "en"
    assert choose_language([]) == "en"


def test_news_languages_are_two_letter_codes() -> None:
    assert {"en", "fr", "de", "zh", "ja", "ko"} <= NEWS_LANGUAGES
    assert all(len(code) == 2 and code.islower() for code in NEWS_LANGUAGES)


@pytest.mark.parametrize(
    ("value", "code"),
    [("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("zh_Hans", "zh"), (" en ", "en"),
     ("english", None), ("", None), ("12", None)],
)  # fmt: skip
def test_normalise_language(value: str, code: str | None) -> None:
    assert normalise_language(value) == code


def test_has_enough_letters() -> None:
    assert not has_enough_letters("2022-10-16 — 50%")
    assert has_enough_letters("Le gouvernement a annoncé")
