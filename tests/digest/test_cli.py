"""``briefbot digest`` on the seed articles: text, Markdown and JSON."""

from __future__ import annotations

import argparse
import json
from io import StringIO
from pathlib import Path

from rich.console import Console

from bot.cli import digest
from bot.cli.context import CliContext
from bot.settings import Settings
from tests.conftest import SEEDS_DIR


async def _run(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="briefbot")
    digest.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["digest", *argv])
    out, err = StringIO(), StringIO()
    context = CliContext(
        settings=Settings(database_path=tmp_path / "db.sqlite", seeds_dir=SEEDS_DIR),
        out=Console(file=out, width=120, color_system=None),
        err=Console(file=err, width=120, color_system=None),
    )
    status: int = await args.handler(context, args)
    return status, out.getvalue(), err.getvalue()


async def test_since_a_date_lists_the_seed_stories(tmp_path: Path) -> None:
    status, out, _ = await _run(tmp_path, "--since", "2022-01-01")
    assert status == 0
    assert "Weekly digest · 2022-01-01" in out
    # Two seeds share words but report events five weeks apart: three stories.
    assert "3 articles · 3 stories · 3 outlets" in out
    assert "China to Step Up Domestic Tech Innovation" in out
    assert "Coming up" in out


async def test_json_and_markdown_carry_the_same_stories(tmp_path: Path) -> None:
    _, raw, _ = await _run(tmp_path, "--since", "2022-01-01", "--format", "json")
    data = json.loads(raw)
    assert data["article_count"] == 3
    assert "snapshot" not in data
    titles = [story["title"] for story in data["stories"]]
    _, markdown, _ = await _run(tmp_path, "--since", "2022-01-01", "--format", "md")
    for title in titles:
        assert f"**{title}**" in markdown


async def test_a_quiet_week_says_so_and_a_future_since_is_refused(tmp_path: Path) -> None:
    status, out, _ = await _run(tmp_path)
    assert status == 0
    assert "Nothing new was published in this period." in out
    status, _, err = await _run(tmp_path, "--since", "2999-01-01")
    assert status == 2
    assert "in the future" in err
