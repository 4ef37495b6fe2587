"""Terminal and Markdown timelines: year groups, dates at precision, citations, markers, sources."""

from __future__ import annotations

from rich.console import Console

from bot.core.timeline import Timeline
from bot.render.timeline_markdown import render_timeline_markdown
from bot.render.timeline_terminal import print_timeline
from bot.render.timeline_view import view_timeline
from tests.render.timeline_fixtures import sample_timeline


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
