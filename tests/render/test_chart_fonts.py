"""Chinese on the PNG chart: a CJK font found by family or named by path draws every label."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import pytest

from bot.core.timeline import Timeline
from bot.render.chart_fonts import (
    LATIN_FAMILY,
    ChartFontError,
    add_chart_font,
    chart_families,
    uncovered_characters,
)
from bot.render.timeline_chart import missing_glyphs, render_timeline_chart
from bot.render.timeline_view import view_timeline
from tests.render.cjk_font import write_font
from tests.render.timeline_fixtures import NOW_AT, make_article, make_event

STATEMENTS = ("华为发布新款芯片", "美国商务部宣布出口管制新规", "国家集成电路产业投资基金三期成立")
TITLE = "中国芯片自主创新"
FAMILY = "Briefbot Chart CJK"
PUBLISHER = "新华社"


def chinese_timeline() -> Timeline:
    """Three dated events in Chinese from one Chinese source."""
    events = tuple(
        make_event(value, statement, 3)
        for value, statement in zip(
            ("2022-09-06", "2022-10-07", "2024-05-24"), STATEMENTS, strict=True
        )
    )
    article = make_article(3, TITLE)
    return Timeline(events, (dataclasses.replace(article, publisher=PUBLISHER),))


def chart_characters() -> str:
    """Every character the Chinese chart draws in its title, labels and sources."""
    return "".join(dict.fromkeys("".join((*STATEMENTS, TITLE, PUBLISHER, "芯片"))))


def glyph_warnings(callable_: object) -> list[str]:
    """The 'Glyph … missing from font(s)' warnings matplotlib gives while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert callable(callable_)
        callable_()
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_latin_text_needs_no_fallback() -> None:
    assert chart_families()[0] == LATIN_FAMILY
    assert uncovered_characters(["Timeline: chips — Reuters, 7 Sep 2022 [1]"]) == ""


def test_a_font_file_named_by_path_draws_every_chinese_label(tmp_path: Path) -> None:
    font = write_font(tmp_path / "test-cjk.ttf", chart_characters(), family=FAMILY)
    assert add_chart_font(font) == FAMILY
    assert FAMILY in chart_families()[1:]
    view = view_timeline(chinese_timeline(), "芯片")
    assert missing_glyphs(view) == ""
    image: list[bytes] = []
    assert glyph_warnings(lambda: image.append(render_timeline_chart(view, now_at=NOW_AT))) == []
    assert image[0].startswith(b"\x89PNG")


def test_characters_no_font_has_are_reported_in_order(tmp_path: Path) -> None:
    add_chart_font(write_font(tmp_path / "test-cjk.ttf", chart_characters(), family=FAMILY))
    # U+E000 and U+E001 are private use: no font anywhere maps them.
    assert uncovered_characters(["芯片\ue001 chips", "\ue000\ue001"]) == "\ue001\ue000"


def test_a_font_collection_is_read_too(tmp_path: Path) -> None:
    path = write_font(tmp_path / "collection.ttc", "龘", family="Briefbot Test Collection")
    assert add_chart_font(path) == "Briefbot Test Collection"
    assert uncovered_characters(["龘"]) == ""


def test_a_missing_font_file_is_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ChartFontError, match=r"BRIEFBOT_CHART_FONT .*nofont\.otf is not a file"):
        add_chart_font(tmp_path / "nofont.otf")


def test_a_file_that_is_no_font_is_refused_clearly(tmp_path: Path) -> None:
    fake = tmp_path / "notes.ttf"
    fake.write_text("not a font", encoding="utf-8")
    with pytest.raises(ChartFontError, match="is not a font matplotlib can read"):
        add_chart_font(fake)
