"""Tests for script-based language detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("China eyes mobilizing nationwide resources for breakthroughs in core tech", "en"),
        ("中国将调动全国资源，突破芯片等核心技术。", "zh"),
        ("要查看或添加评论，请登录 LinkedIn", "zh"),
        ("Read original on 虎嗅 for the full story about research funding", "en"),
        ("半導体の輸出規制が強化された。", "ja"),
        ("반도체 수출 규제가 강화되었다.", "ko"),
        ("", "en"),
        ("2022-10-16 — 50%", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@given(st.text())
def test_detect_language_is_total_and_deterministic(text: str) -> None:
    assert detect_language(text) in {"en", "zh", "ja", "ko"}
    assert detect_language(text) == detect_language(text)
