"""``briefbot ingest`` summaries: plurals, skipped file types, and a quiet stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.app import main
from tests.cli.helpers import run_cli


def _article(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\npublisher: Example Wire\npublished: 2024-05-02\n---\n"
        f"{title} shipped this quarter. Buyers said supply of {title} stays tight.\n"
    )
    return path


def test_one_file_is_counted_in_the_singular(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    result = run_cli(capsys, "ingest", str(_article(tmp_path, "one.md", "Lithography tools")))
    assert result.status == 0
    assert "Added 1, duplicates 0, rejected 0 (from 1 file)." in result.flat


def test_small_batch_writes_nothing_to_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run_cli(capsys, "articles")  # seeds on first use, which is reported on stderr
    # Raw stderr, not Run.err: a lone blank line is exactly what must not appear.
    status = main(["ingest", str(_article(tmp_path, "one.md", "Lithography tools"))])
    assert status == 0
    assert capsys.readouterr().err == ""


def test_large_batch_still_ingests_behind_the_progress_bar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for number in range(25):
        _article(tmp_path, f"a{number:02}.md", f"Widget model {number} unique{number}")
    result = run_cli(capsys, "ingest", str(tmp_path))
    assert result.status == 0
    assert "Added 25, duplicates 0, rejected 0 (from 25 files)." in result.flat


def test_folder_of_unsupported_files_reports_them_as_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("a.xyz", "b.doc", "c.bin", "d.ppt", "e.odt", "f.rtf"):
        (tmp_path / name).write_text("not an article")
    result = run_cli(capsys, "ingest", str(tmp_path))
    assert result.status == 1
    assert "(from 0 files)." in result.flat
    assert (
        "Skipped 6 files of unsupported types: a.xyz, b.doc, c.bin, d.ppt, e.odt, …" in result.flat
    )


def test_skipped_files_beside_good_ones_do_not_fail_the_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _article(tmp_path, "good.md", "Lithography tools")
    (tmp_path / "notes.xyz").write_text("not an article")
    result = run_cli(capsys, "ingest", str(tmp_path))
    assert result.status == 0
    assert "Skipped 1 file of unsupported types: notes.xyz." in result.flat


def test_reingesting_known_files_is_one_count_line_and_new_ones_are_listed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for number in range(60):
        _article(tmp_path, f"a{number:02}.md", f"Widget model {number} unique{number}")
    assert run_cli(capsys, "ingest", str(tmp_path)).status == 0
    new = _article(tmp_path, "new.md", "Gadget series unique999")
    (tmp_path / "broken.json").write_text("{not json")
    again = run_cli(capsys, "ingest", str(tmp_path))
    assert again.status == 0
    lines = again.out.splitlines()
    assert lines[0] == "Added 1, duplicates 60, rejected 1 (from 62 files)."
    assert len(lines) == 4, lines  # not one line per known file
    [added] = [line for line in lines if line.startswith("  ✓ ")]
    assert added.startswith(f"  ✓ {new}: article ")
    assert added.endswith(": Gadget series unique999")
    assert "  = 60 already stored (60 same content)." in lines
    assert any(line.startswith("  ✗ ") and "broken.json" in line for line in lines)
