"""Discord counts limits in code points (its API is Python 3): Chinese text fills an embed like English."""

from __future__ import annotations

from bot.render.embed_text import shorten
from bot.render.embeds import CONTENT_MAX, DESCRIPTION_MAX, page_problems
from bot.render.paging import Section, sections_to_pages

SENTENCE = "中芯国际表示，公司将在明年2月公布全年业绩，并继续扩大成熟制程产能。"


def test_chinese_sections_fill_embeds_by_characters_not_bytes() -> None:
    pages = sections_to_pages([Section("芯片简报", tuple(SENTENCE for _ in range(600)))])
    descriptions = [card.description for page in pages for card in page]
    assert all(len(text) <= DESCRIPTION_MAX for text in descriptions)
    # Counted in bytes these would be three times as long; counted as Discord does they fit, and
    # the pages are filled well past a third of the limit.
    assert max(len(text.encode()) for text in descriptions) > DESCRIPTION_MAX
    assert max(len(text) for text in descriptions) > DESCRIPTION_MAX // 2
    for page in pages:
        assert page_problems(page) == []
    assert "".join(descriptions).count(SENTENCE) == 600


def test_chinese_notice_is_cut_at_the_content_limit_in_characters() -> None:
    cut = shorten(SENTENCE * 100, CONTENT_MAX)
    assert len(cut) <= CONTENT_MAX
    assert len(cut) > CONTENT_MAX - len(SENTENCE)
    assert cut.endswith("…")
