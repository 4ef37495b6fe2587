"""Chinese articles beside the English seeds: briefs, voices, topics and timelines in both languages."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "chinese"
EXPORT_TITLE = "商务部回应半导体出口管制新规"
LITHO_TITLE = "国产光刻机研发取得阶段性进展"
SECTIONS = ("tldr", "what_changed", "why_it_matters", "whats_next", "key_takeaways")


@pytest.fixture
def mixed_store(capsys: pytest.CaptureFixture[str], isolated_environment: Path) -> Path:
    """The seeds plus the two Chinese fixture articles, in a real store."""
    result = run_cli(capsys, "ingest", str(FIXTURES))
    assert result.status == 0, result.err
    return isolated_environment / "data" / "briefbot" / "briefbot.db"


def _brief(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    result = run_cli(capsys, "brief", *args, "--format", "json")
    assert result.status == 0, result.err
    brief: dict[str, Any] = result.json()
    return brief


def _cited_texts(brief: dict[str, Any]) -> list[str]:
    return [s["text"] for name in SECTIONS for s in brief[name]]


def test_chinese_topic_cites_chinese_and_english_articles(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    brief = _brief(capsys, "芯片")
    titles = {s["title"] for s in brief["sources"]}
    assert {EXPORT_TITLE, LITHO_TITLE} <= titles
    assert len(titles) > 2, "English seeds are cited too"
    texts = _cited_texts(brief)
    assert any("中芯国际" in t for t in texts)
    assert any(t.isascii() for t in texts)


def test_english_topic_finds_chinese_articles(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    titles = {s["title"] for s in _brief(capsys, "chips")["sources"]}
    assert EXPORT_TITLE in titles
    assert LITHO_TITLE in titles


def test_chinese_article_brief_has_sections_and_verbatim_sentences(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    with sqlite3.connect(mixed_store) as connection:
        (article_id,) = connection.execute(
            "SELECT id FROM articles WHERE title = ?", (EXPORT_TITLE,)
        ).fetchone()
        stored = dict(
            connection.execute(
                "SELECT json_extract(value, '$[0]'), json_extract(value, '$[3]') "
                "FROM sentences, json_each(items) WHERE article_id = ?",
                (article_id,),
            )
        )
    brief = _brief(capsys, "--article", str(article_id))
    changed = [s["text"] for s in brief["what_changed"]]
    assert (
        "中芯国际在《第三季度业绩公告》中称，公司本季度营收同比增长12%，晶圆出货量创历史新高。"
        in changed
    )
    assert "公司预计明年2月公布全年业绩。" in [s["text"] for s in brief["whats_next"]]
    assert [s["text"] for s in brief["why_it_matters"]] == [
        "行业分析师王磊认为，出口管制短期内会影响部分企业的设备采购；"
    ]
    for name in SECTIONS:
        for item in brief[name]:
            for ref in item["refs"]:
                assert item["text"] in stored[ref["position"]], item["text"]


def test_chinese_voice_is_the_speaker_and_the_quoted_words(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    voices = _brief(capsys, "芯片")["voices"]
    spokesman = [v for v in voices if v["speaker"] == "商务部新闻发言人"]
    assert spokesman, voices
    assert spokesman[0]["quote"]["text"].startswith("中方坚决反对有关国家将经贸问题政治化。")


def test_chinese_topic_timeline_lists_dated_chinese_events(
    capsys: pytest.CaptureFixture[str], mixed_store: Path
) -> None:
    result = run_cli(capsys, "timeline", "芯片", "--format", "json")
    assert result.status == 0, result.err
    events = result.json()["events"]
    by_text = {e["statement"]: e["value"] for e in events}
    assert any("2026年12月1日" in t and v == "2026-12-01" for t, v in by_text.items()), by_text
    assert any("到2028年" in t and v == "2028" for t, v in by_text.items()), by_text
