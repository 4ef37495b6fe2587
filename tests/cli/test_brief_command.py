"""Golden briefs on the seeds through the real entry point, parser and SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run_cli

SEED_TITLES = {
    "000": "Breaking Medium Tech Trap with Dual Research",
    "002": "China eyes mobilizing nationwide resources for breakthroughs in core tech, a way of "
    "combating US pressure on domestic chip industry",
    "004": "China to Step Up Domestic Tech Innovation in the Face of US Restrictions",
}


SECTIONS = (
    "tldr",
    "what_changed",
    "why_it_matters",
    "whats_next",
    "key_takeaways",
    "what_to_do_next",
)


def _brief(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    result = run_cli(capsys, "brief", *args, "--format", "json")
    assert result.status == 0, result.err
    brief: dict[str, Any] = result.json()
    return brief


def test_chips_cites_all_three_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    brief = _brief(capsys, "chips")
    assert {s["title"] for s in brief["sources"]} == set(SEED_TITLES.values())
    numbers = {s["number"] for s in brief["sources"]}
    cited = {
        n
        for name in ("tldr", "what_changed", "why_it_matters", "whats_next")
        for s in brief[name]
        for n in s["citations"]
    }
    assert cited <= numbers
    assert brief["tldr"]
    assert len(brief["tldr"]) <= 2
    assert 3 <= len(brief["key_takeaways"]) <= 5


def test_every_sentence_is_verbatim_from_its_cited_article(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    brief = _brief(capsys, "chips")
    database = isolated_environment / "data" / "briefbot" / "briefbot.db"
    with sqlite3.connect(database) as connection:
        stored = {
            (article_id, position): text
            for article_id, position, text in connection.execute(
                "SELECT article_id, json_extract(value, '$[0]'), json_extract(value, '$[3]') "
                "FROM sentences, json_each(items)"
            )
        }
        titles = dict(connection.execute("SELECT id, title FROM articles").fetchall())
    items = [brief["headline"], *(s for name in SECTIONS for s in brief[name])]
    items += [v["quote"] for v in brief["voices"]]
    for item in items:
        for ref in item["refs"]:
            key = (ref["article_id"], ref["position"])
            origin = titles[ref["article_id"]] if ref["position"] == -1 else stored[key]
            # A trimmed leading connective ("But", "Besides,") may be dropped and re-capitalised.
            assert item["text"][1:] in origin, (item["text"], origin)
    texts = [item["text"] for item in items]
    assert len(texts) == len(set(texts)), "a sentence appears twice"
    boilerplate = ("Read original", "No comments yet", "Leave a Reply", "AI-curated", "要查看")
    assert not [t for t in texts if any(b in t for b in boilerplate)]


def test_lithography_cites_the_articles_that_discuss_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    brief = _brief(capsys, "lithography")
    titles = {s["title"] for s in brief["sources"]}
    assert titles == {SEED_TITLES["000"], SEED_TITLES["002"]}


def test_unknown_topic_gives_the_not_found_answer(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief", "bananas")
    assert result.status == 1
    assert "Nothing stored on 'bananas'." in result.flat
    # No unrelated topics: a pointer to what is stored instead.
    assert "Closest topics" not in result.flat
    assert "See what is stored with `briefbot articles`" in result.flat
    assert "`briefbot search WORD`" in result.flat
    as_json = run_cli(capsys, "brief", "bananas", "--format", "json").json()
    assert as_json["topic"] == "bananas"
    assert as_json["suggestions"] == []
    markdown = run_cli(capsys, "brief", "bananas", "--format", "md").out
    assert "`briefbot articles`" in markdown


def test_a_misspelt_topic_gets_the_topics_spelled_like_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "brief", "quantom")
    assert result.status == 1
    assert "Closest topics that do exist:" in result.flat
    as_json = run_cli(capsys, "brief", "lithografy", "--format", "json").json()
    assert as_json["suggestions"] == ["Lithography"]


def test_terminal_card_has_every_section_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief", "chips")
    assert result.status == 0
    for heading in (
        "TL;DR",
        "What changed",
        "Why it matters",
        "What's next",
        "Voices",
        "Key takeaways",
        "What to do next",
        "Who should care",
        "Sources",
    ):
        assert heading in result.out, heading
    assert "Global Times, 2022-09-07" in result.flat
    assert "week of 2022-10-16" in result.flat or "Oct 2022" in result.flat


def test_markdown_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief", "chips", "--format", "md")
    assert result.status == 0
    assert "### TL;DR" in result.out
    assert "### Sources" in result.out
    assert "1. " in result.out


def test_what_to_do_next_and_who_should_care(capsys: pytest.CaptureFixture[str]) -> None:
    brief = _brief(capsys, "chips")
    todo = " ".join(s["text"] for s in brief["what_to_do_next"])
    assert "Evaluate enterprise-led grants" in todo
    assert "China should" not in todo
    audiences = {a["key"]: a for a in brief["who_should_care"]}
    assert {"semiconductor_industry", "researchers"} <= set(audiences)
    assert all(a["cues"] and a["citations"] for a in audiences.values())
    cited_ids = {s["article_id"] for s in brief["sources"]}
    assert not [r for r in brief["related"] if r["article_id"] in cited_ids]


def test_single_article_brief_and_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    brief = _brief(capsys, "--article", "2")
    assert [s["article_id"] for s in brief["sources"]] == [2]
    missing = run_cli(capsys, "brief", "--article", "999")
    assert missing.status == 1
    assert "No stored article has id 999" in missing.err


def test_window_and_source_filters(capsys: pytest.CaptureFixture[str]) -> None:
    brief = _brief(capsys, "chips", "--source", "Global Times")
    assert [s["publisher"] for s in brief["sources"]] == ["Global Times"]
    recent = run_cli(capsys, "brief", "chips", "--since", "2026-01-01", "--format", "json")
    assert {s["title"] for s in recent.json()["sources"]} == {SEED_TITLES["000"]}


def test_topic_and_article_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief", "chips", "--article", "1")
    assert result.status == 2
    assert "not both" in result.err
