"""Wrapping by display cells: Chinese counts two cells a character and breaks between characters."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bot.render.text_cells import shorten_cells, wrap_cells

CHINESE = "美国商务部宣布出口管制新规，限制先进芯片和制造设备对华出口。华为表示将加大研发投入。"


def test_chinese_wraps_at_the_width_in_cells() -> None:
    lines = wrap_cells(CHINESE, 34)
    assert lines == [
        "美国商务部宣布出口管制新规，限制先",
        "进芯片和制造设备对华出口。华为表示",
        "将加大研发投入。",
    ]
    assert all(cell_len(line) <= 34 for line in lines)


def test_closing_punctuation_never_starts_a_line_nor_an_opening_one_ends_it() -> None:
    assert wrap_cells("华为在《科技日报》的采访中说。", 10) == [
        "华为在《科",
        "技日报》的",
        "采访中说。",
    ]
    assert wrap_cells("一二三四五，六", 10) == ["一二三四", "五，六"]


def test_mixed_text_breaks_at_spaces_and_between_characters() -> None:
    assert wrap_cells("SMIC 中芯国际 said 7nm chips", 10) == ["SMIC 中芯", "国际 said", "7nm chips"]


def test_shortening_cuts_at_a_break_and_marks_it() -> None:
    assert (
        shorten_cells("中国芯片自主创新的路线图与国家集成电路产业投资基金", 20)
        == "中国芯片自主创新的…"
    )
    assert shorten_cells("Breaking the tech trap", 70) == "Breaking the tech trap"
    assert shorten_cells("Breaking the tech trap of chips", 20) == "Breaking the tech…"


words = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=12), min_size=1, max_size=30)


@given(words, st.integers(min_value=12, max_value=60))
def test_english_wraps_as_textwrap_does(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    assert wrap_cells(text, width) == textwrap.wrap(text, width)


@given(
    st.text(alphabet="芯片半导体。，《》abc ", max_size=80), st.integers(min_value=4, max_value=40)
)
def test_wrapping_keeps_every_character_and_the_width(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    # A line may pass the width only by the punctuation that must stay with it.
    assert all(cell_len(line) <= width + 4 for line in lines)
