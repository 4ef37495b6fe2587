"""``--server ID`` in the terminal: a server's own articles beside the shared library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

SERVER = "987654321098765432"
NOTE = """# Server-only fab note

A new lithography fab plan was shared with the team on Thursday. The plan covers chips.
"""


def _titles(capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    result = run_cli(capsys, "articles", "--format", "json", *extra)
    assert result.status == 0, result.err
    return sorted(a["title"] for a in result.json())


def test_articles_ingested_for_a_server_stay_out_of_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    note = tmp_path / "fab-note.md"
    note.write_text(NOTE, encoding="utf-8")
    library = _titles(capsys)
    assert len(library) == 3  # the seeds: the shared library
    added = run_cli(capsys, "ingest", str(note), "--server", SERVER)
    assert added.status == 0, added.err
    assert _titles(capsys) == library
    assert _titles(capsys, "--server", SERVER) == sorted([*library, "Server-only fab note"])
    found = run_cli(capsys, "search", "lithography", "fab", "plan", "--server", SERVER)
    assert "Server-only fab note" in found.flat
    assert "Server-only fab note" not in run_cli(capsys, "search", "lithography", "fab").flat
    brief = run_cli(capsys, "brief", "chips", "--server", SERVER, "--format", "json")
    assert "Server-only fab note" in {s["title"] for s in brief.json()["sources"]}


def test_a_server_id_must_be_a_positive_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_cli(capsys, "articles", "--server", "0")
    assert stopped.value.code == 2
    assert "--server" in capsys.readouterr().err
