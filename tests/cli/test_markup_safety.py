"""Paths and article text with rich-markup brackets are printed literally, never parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

TITLE = "[bold]Lithography[/bold] budget [/y] doubles"


def _squeezed(text: str) -> str:
    """Text without any whitespace, so wrapping and folding do not matter."""
    return "".join(text.split())


@pytest.fixture
def bracketed_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder whose name holds a closing markup tag (and a console wide enough for tables)."""
    data_dir = tmp_path / "x[/y]"
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(data_dir))
    return data_dir


def _ingest_bracketed_title(capsys: pytest.CaptureFixture[str], folder: Path) -> int:
    article = folder / "bracketed.md"
    article.write_text(
        f"---\ntitle: '{TITLE}'\npublisher: 'Example [red]Wire'\npublished: 2024-05-02\n---\n"
        "ASML shipped new EUV lithography tools this quarter. Buyers said supply stays tight.\n"
    )
    result = run_cli(capsys, "ingest", str(article))
    assert result.status == 0, result.err
    listed = run_cli(capsys, "articles", "--format", "json")
    return next(int(a["id"]) for a in listed.json() if a["title"] == TITLE)


def test_first_run_in_a_bracketed_data_dir_names_it(
    capsys: pytest.CaptureFixture[str], bracketed_data_dir: Path
) -> None:
    result = run_cli(capsys, "articles")
    assert result.status == 0
    assert f"into {bracketed_data_dir / 'briefbot.db'}." in result.err
    checked = run_cli(capsys, "check", "--no-discord")
    assert checked.status == 0, checked.err
    assert _squeezed(f"Store {bracketed_data_dir / 'briefbot.db'} is usable") in _squeezed(
        checked.out
    )


def test_backup_into_a_bracketed_path_names_it(
    capsys: pytest.CaptureFixture[str], bracketed_data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "[bold]copy.db"
    run_cli(capsys, "articles")  # creates the store in the bracketed folder
    result = run_cli(capsys, "backup", str(target))
    assert result.status == 0, result.err
    assert _squeezed(f"to {target}.") in _squeezed(result.out)
    again = run_cli(capsys, "backup", str(target))
    assert again.status == 1
    assert "[bold]copy.db" in again.err


def test_bracketed_title_is_printed_literally(
    capsys: pytest.CaptureFixture[str], bracketed_data_dir: Path, tmp_path: Path
) -> None:
    article_id = _ingest_bracketed_title(capsys, tmp_path)
    listed = run_cli(capsys, "articles")
    assert _squeezed(TITLE) in _squeezed(listed.out)
    assert _squeezed("Example [red]Wire") in _squeezed(listed.out)
    found = run_cli(capsys, "search", "lithography", "budget")
    assert TITLE in found.flat
    brief = run_cli(capsys, "brief", "--article", str(article_id))
    assert brief.status == 0, brief.err
    assert TITLE in brief.flat
    assert "Example [red]Wire" in brief.flat
