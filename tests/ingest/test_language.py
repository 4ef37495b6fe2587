"""Tests for article language detection with py3langid's shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import load_file
from bot.ingest.language import article_language, detect_language

FRENCH = (
    "Le gouvernement français a annoncé mardi un plan de soutien à l'industrie des "
    "semi-conducteurs. Les nouvelles usines devraient ouvrir d'ici trois ans, selon le ministre."
)
CHINESE = "中国将调动全国资源，突破芯片等核心技术。专家表示，这一计划将持续数年。"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FRENCH, "fr"),
        (CHINESE, "zh"),
        ("The chip maker said on Tuesday that its exports would fall this year.", "en"),
        ("Die Bundesregierung will die heimische Chipindustrie mit Milliarden fördern.", "de"),
        ("El gobierno anunció el martes nuevas medidas para la industria de los chips.", "es"),
        ("半導体の輸出規制が強化された。", "ja"),
        ("반도체 수출 규제가 강화되었다.", "ko"),
        # Headline-sized: the restricted set keeps these off Walloon, Latin and the like.
        ("Les puces électroniques manquent", "fr"),
        ("Chips act funding", "en"),
        ("2022-10-16 — 50%", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_declared_language_wins_and_is_normalised() -> None:
    assert article_language("fr-FR", "Chips", "The chip maker said exports would fall.") == "fr"
    assert article_language("not a code", "Titre", FRENCH) == "fr"
    assert article_language(None, "Titre", FRENCH) == "fr"


def test_french_and_chinese_files_are_stored_with_their_codes(tmp_path: Path) -> None:
    french = tmp_path / "puces.txt"
    french.write_text(f"Le plan pour les puces\n\n{FRENCH}\n", encoding="utf-8")
    chinese = tmp_path / "xinpian.md"
    chinese.write_text(f"# 芯片计划\n\n{CHINESE}\n", encoding="utf-8")
    assert [d.language for d in load_file(french)] == ["fr"]
    assert [d.language for d in load_file(chinese)] == ["zh"]
