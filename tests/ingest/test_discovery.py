"""Tests for discovering article files in files and folders."""

from __future__ import annotations

from pathlib import Path

from bot.ingest import discover, discover_files


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", "utf-8")
    return path


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.md", "a.txt", "sub/c.html", "sub/deeper/d.jsonl", "Z.json", "e.HTM"]:
        _touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["Z.json", "a.txt", "b.md", "e.HTM", "sub/c.html", "sub/deeper/d.jsonl"]


def test_hidden_metadata_and_unknown_types_in_folders(tmp_path: Path) -> None:
    _touch(tmp_path / "keep.txt")
    _touch(tmp_path / ".hidden.txt")
    _touch(tmp_path / ".git" / "notes.txt")
    _touch(tmp_path / "metadata.json")
    _touch(tmp_path / "photo.jpg")
    discovery = discover_files([tmp_path])
    assert [p.name for p in discovery.files] == ["keep.txt"]
    assert [p.name for p in discovery.skipped] == ["photo.jpg"]


def test_explicit_files_keep_their_order_and_appear_once(tmp_path: Path) -> None:
    second = _touch(tmp_path / "second.txt")
    first = _touch(tmp_path / "first.pdf")
    assert discover([second, first, tmp_path, second]) == [second, first]


def test_missing_path_is_passed_on_for_loading_to_report(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert discover([missing]) == [missing]
