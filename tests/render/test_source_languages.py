"""Sources lists mark a Chinese source "中文" in every brief and timeline renderer; English stay bare."""

from __future__ import annotations

import dataclasses
import json

from rich.console import Console

from bot.core.calendar import format_dated
from bot.core.timeline import Timeline
from bot.render.brief_markdown import render_brief_markdown
from bot.render.brief_terminal import print_brief
from bot.render.embed_brief import render_brief
from bot.render.embed_timeline import render_timeline
from bot.render.json import render_json
from bot.render.language_marks import language_mark
from bot.render.timeline_markdown import render_timeline_markdown
from bot.render.timeline_terminal import print_timeline
from bot.render.timeline_view import TimelineView, view_timeline
from bot.render.timelinejs import render_timelinejs
from tests.render.test_brief_disagreement import _disputed
from tests.render.timeline_fixtures import make_article, make_event

ZH_TITLE = "商务部回应半导体出口管制新规"


def mixed_view() -> TimelineView:
    chinese = dataclasses.replace(make_article(4, ZH_TITLE), language="zh")
    english = make_article(2, "China eyes core tech")
    events = (
        make_event("2022-09-06", "Commerce released its strategy", 2),
        make_event("2026-12-01", "新规定于2026年12月1日起生效", 4),
    )
    return view_timeline(Timeline(events, (english, chinese)), "芯片")


def source_lines(text: str) -> dict[str, str]:
    """The line naming each source, by which of the two titles it holds."""
    out = {}
    for line in text.splitlines():
        for title in (ZH_TITLE, "China eyes core tech"):
            if title in line and "—" in line:
                out[title] = line
    return out


def strings(value: object) -> list[str]:
    """Every string inside a JSON-like value (an embed's title, description and fields)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings(item)]
    return []


def check(text: str) -> None:
    lines = source_lines(text)
    assert "2022-09-07, 中文" in lines[ZH_TITLE], lines
    assert "中文" not in lines["China eyes core tech"]


def test_language_marks() -> None:
    assert language_mark("zh") == "中文"
    assert language_mark("en") == ""
    assert language_mark("fr") == "fr"
    assert language_mark(None) == ""


def test_every_timeline_renderer_marks_the_chinese_source() -> None:
    view = mixed_view()
    console = Console(width=200, record=True, color_system=None)
    print_timeline(view, console)
    check(console.export_text())
    check(render_timeline_markdown(view))
    pages = render_timeline(view)
    check("\n".join(strings([card.to_dict() for page in pages for card in page])))
    slides = json.loads(render_timelinejs(view))["events"]
    check("\n".join(slide["text"]["text"].replace("<br>", "\n") for slide in slides))
    sources = json.loads(render_json(view))["sources"]
    assert {s["title"]: s["language"] for s in sources} == {
        "China eyes core tech": "en",
        ZH_TITLE: "zh",
    }


def test_every_brief_renderer_marks_the_chinese_source() -> None:
    brief, _, _ = _disputed()
    first, *others = brief.sources
    chinese = dataclasses.replace(first, title=ZH_TITLE, language="zh")
    english = [dataclasses.replace(s, title="China eyes core tech") for s in others[:1]]
    brief = dataclasses.replace(brief, sources=(chinese, *english))
    date = format_dated(first.published_at, first.published_precision)

    def check_brief(text: str) -> None:
        lines = source_lines(text)
        assert f"{date}, 中文" in lines[ZH_TITLE], lines
        assert "中文" not in lines["China eyes core tech"]

    console = Console(width=200, record=True, color_system=None)
    print_brief(brief, console)
    check_brief(console.export_text())
    check_brief(render_brief_markdown(brief))
    check_brief(
        "\n".join(strings([card.to_dict() for page in render_brief(brief) for card in page]))
    )
    sources = json.loads(render_json(brief))["sources"]
    assert [s["language"] for s in sources] == ["zh", "en"]
