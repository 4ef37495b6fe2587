"""Terminal and Markdown timelines: year groups, dates at precision, citations, markers, sources."""

from __future__ import annotations

import json

from rich.console import Console

from bot.core.timeline import Timeline
from bot.render.json import render_json
from bot.render.timeline_markdown import render_timeline_markdown
from bot.render.timeline_terminal import STATEMENT_CHARS, print_timeline
from bot.render.timeline_view import view_timeline
from tests.render.timeline_fixtures import make_article, make_event, sample_timeline


def terminal_text(timeline: Timeline) -> str:
    console = Console(width=200, record=True, color_system=None)
    print_timeline(view_timeline(timeline, "chips"), console)
    return console.export_text()


def test_terminal_lists_events_by_year_with_markers_and_sources() -> None:
    text = terminal_text(sample_timeline())
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "Timeline: chips"
    assert lines[1] == "9 events from 2 sources · 3 upcoming"
    headings = [line for line in lines if line in {"2020s", "2021", "2022", "2024", "21st century"}]
    assert headings == ["2021", "2022", "2024", "2020s", "21st century"]
    assert any(line.startswith("early Aug 2022") and line.endswith("[2]") for line in lines)
    assert "≈ Oct 2022" in text
    assert "‹approximate date›" not in text
    assert "Guidance will be released next February [2] ‹upcoming at publication›" in text
    assert "Spending will pass 10% by 2028 [1] ‹upcoming› ‹expected›" in text
    assert "[2] China eyes core tech — Example Wire, 2022-09-07 (article 9)" in text
    assert "An article no event cites" not in text


def test_terminal_says_when_no_event_is_in_range() -> None:
    text = terminal_text(Timeline((), ()))
    assert "No dated events on 'chips' in that range." in text
    assert "Sources" not in text


def test_markdown_escapes_and_links() -> None:
    markdown = render_timeline_markdown(view_timeline(sample_timeline(), "chips"))
    assert markdown.startswith("## Timeline: chips\n")
    assert "### 2022\n" in markdown
    assert "- **early Aug 2022** — Congress passed the CHIPS Act [2]" in markdown
    assert r"Commerce released its \<strategy\> & funding rules [2][1]" in markdown
    assert "- **≈ Oct 2022** — Xi spoke this week [1] *(approximate date)*" in markdown
    assert "*(upcoming)* *(expected)*" in markdown
    assert "2. [China eyes core tech](<https://example.com/a?b=1&c=2>) — Example Wire" in markdown
    assert markdown.endswith("2022-09-07\n")


def test_a_long_statement_is_cut_at_a_word_with_an_ellipsis() -> None:
    words = " ".join(f"word{n}" for n in range(80))  # ~560 characters, no natural break
    statement = f"The ministry said on Tuesday that {words}"
    timeline = Timeline((make_event("2022-09-06", statement, 7),), (make_article(7, "Long"),))
    flat = " ".join(terminal_text(timeline).split())  # the grid wraps long lines
    shown = flat.split("6 Sep 2022 ", 1)[1].split(" [1]", 1)[0]
    assert shown.endswith("…")
    assert len(shown) <= STATEMENT_CHARS
    kept = shown.removesuffix("…")
    assert statement.startswith(kept)
    assert statement[len(kept)] == " ", "cut between words, not inside one"
    # The JSON keeps the whole statement.
    (event,) = json.loads(render_json(view_timeline(timeline, "chips")))["events"]
    assert event["statement"] == statement


def test_a_past_plan_keeps_its_expected_mark_in_text_and_markdown() -> None:
    text = terminal_text(sample_timeline())
    line = next(line for line in text.splitlines() if "Guidance will be released" in line)
    assert line.rstrip().endswith("[2] ‹upcoming at publication› ‹expected›")
    markdown = render_timeline_markdown(view_timeline(sample_timeline(), "chips"))
    (item,) = [line for line in markdown.splitlines() if "Guidance will be released" in line]
    assert item.endswith("*(upcoming at publication)* *(expected)*")
