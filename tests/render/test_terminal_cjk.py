"""Chinese text in terminal columns: wide characters count two cells, so columns stay aligned."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from rich.console import Console

from bot.core.models import Article, DatePrecision
from bot.core.timeline import Timeline
from bot.render.terminal import print_articles
from bot.render.timeline_terminal import print_timeline
from bot.render.timeline_view import view_timeline
from tests.render.timeline_fixtures import make_article, make_event

WIDTH = 80


def cells(text: str) -> int:
    """Display width as a terminal draws it: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def rendered(draw: object) -> list[str]:
    console = Console(width=WIDTH, record=True, color_system=None, force_terminal=True)
    draw(console)  # type: ignore[operator]
    return [line.rstrip() for line in console.export_text().splitlines()]


def article(article_id: int, title: str, publisher: str) -> Article:
    return Article(
        id=article_id, title=title, body="", content_hash=str(article_id),
        ingested_at=datetime(2026, 11, 20, tzinfo=UTC), publisher=publisher,
        published_at=datetime(2026, 11, 20, tzinfo=UTC), published_precision=DatePrecision.DAY,
    )  # fmt: skip


def separator_cells(line: str) -> list[int]:
    """The display columns of a table line's vertical rules."""
    return [cells(line[:index]) for index, char in enumerate(line) if char in "│┃┆┊║"]


def test_article_table_columns_align_with_chinese_titles_and_publishers() -> None:
    articles = [
        article(4, "商务部回应半导体出口管制新规", "新华社"),
        article(5, "国产光刻机研发取得阶段性进展，首批样机下周交付客户", "36氪"),
        article(2, "China eyes mobilizing nationwide resources", "Global Times"),
    ]
    lines = rendered(lambda console: print_articles(articles, console))
    rows = [line for line in lines if "│" in line or "┃" in line]
    assert len(rows) >= 4  # the header and three articles, some folded over two lines
    assert any("光刻机" in row for row in rows)
    columns = {tuple(separator_cells(row)) for row in rows}
    assert len(columns) == 1, columns
    assert all(cells(line) <= WIDTH for line in lines)


def test_wrapped_chinese_statements_stay_under_their_column() -> None:
    statement = (
        "记者11月20日从上海微电子获悉，公司新一代光刻机已完成关键部件测试，计划下周四向首批客户交付样机，"
        "并将在明年上半年实现小批量生产。"
    )
    timeline = Timeline(
        (
            make_event("2026-11-26", statement, 5),
            make_event("2027-02", "公司预计明年2月公布全年业绩", 5),
        ),
        (make_article(5, "国产光刻机研发取得阶段性进展"),),
    )
    lines = rendered(lambda console: print_timeline(view_timeline(timeline, "芯片"), console))
    first = next(index for index, line in enumerate(lines) if "记者" in line)
    column = cells(lines[first][: lines[first].index("记者")])
    block = []
    for line in lines[first:]:
        if not line.strip():
            break
        block.append(line)
    assert len(block) >= 2, "the statement wraps"
    for line in block[1:]:
        assert cells(line) - cells(line.lstrip()) == column, line
    # Every character of the statement is shown: folded, never cut with an ellipsis.
    shown = "".join([block[0][block[0].index("记者") :], *(line.strip() for line in block[1:])])
    assert shown.startswith(statement)
    assert all(cells(line) <= WIDTH for line in lines)
    later = next(line for line in lines if "公司预计" in line)
    assert cells(later[: later.index("公司预计")]) == column
