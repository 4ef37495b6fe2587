"""One week convention: "this week" in a week-dated article is the article's own week everywhere."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from rich.console import Console

from bot.core.models import Article, DatePrecision
from bot.core.timeline import build_timeline
from bot.render.embed_timeline import render_timeline
from bot.render.json import render_json
from bot.render.timeline_markdown import render_timeline_markdown
from bot.render.timeline_terminal import print_timeline
from bot.render.timeline_view import TimelineView, view_timeline
from bot.render.timelinejs import render_timelinejs

NOW_AT = datetime(2026, 3, 1, tzinfo=UTC)


def week_dated_view(body: str) -> TimelineView:
    """A timeline of one article dated "week of 2022-10-16" (a Sunday, as the seed site dates)."""
    article = Article(
        id=4, title="China to step up tech innovation", body=body, content_hash="4",
        ingested_at=NOW_AT, publisher="LinkedIn",
        published_at=datetime(2022, 10, 16, tzinfo=UTC), published_precision=DatePrecision.WEEK,
    )  # fmt: skip
    return view_timeline(build_timeline([article], now_at=NOW_AT), "china")


def terminal(view: TimelineView) -> str:
    console = Console(width=200, record=True, color_system=None)
    print_timeline(view, console)
    return console.export_text()


def embeds(view: TimelineView) -> str:
    return json.dumps([card.to_dict() for page in render_timeline(view) for card in page])


def test_this_week_is_the_publication_week_in_every_renderer() -> None:
    view = week_dated_view("This week, Xi Jinping reemphasized the push for self-reliance.")
    (event,) = view.events
    assert event.date_label == "week of 16 Oct 2022"
    assert (event.starts_at, event.ends_at) == (
        datetime(2022, 10, 16, tzinfo=UTC),
        datetime(2022, 10, 23, tzinfo=UTC),
    )
    assert view.sources[0].date_label == "week of 2022-10-16"
    outputs = {
        "text": terminal(view),
        "markdown": render_timeline_markdown(view),
        "json": render_json(view),
        "embeds": embeds(view),
    }
    for name, out in outputs.items():
        assert out.count("week of 16 Oct 2022") == 1, name
        assert out.count("week of 2022-10-16") == 1, name
        assert "17 Oct" not in out, name
        assert "2022-10-17" not in out, name
    (slide,) = json.loads(render_timelinejs(view))["events"]
    assert slide["display_date"] == "week of 16 Oct 2022"
    assert slide["start_date"] == {"year": 2022, "month": 10, "day": 16}
    assert slide["end_date"] == {"year": 2022, "month": 10, "day": 22}


def test_next_week_follows_the_article_grid() -> None:
    view = week_dated_view("The ministry will publish the rules next week.")
    (event,) = view.events
    assert event.date_label == "week of 23 Oct 2022"
    assert re.fullmatch(r"2022-W43", event.value)  # the TIMEX3 value stays an ISO week
