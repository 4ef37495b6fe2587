"""Finding article files: given files and folders (recursively), in a deterministic order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"})
METADATA_NAME = "metadata.json"


@dataclass(frozen=True, slots=True)
class Discovery:
    """Files to load, and files found in folders but skipped for their type."""

    files: tuple[Path, ...]
    skipped: tuple[Path, ...]


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def discover_files(paths: Sequence[Path]) -> Discovery:
    """Expand files and folders into article files.

    A file named explicitly is always kept (loading reports a bad type or a missing file); inside
    folders, hidden entries and the seeds' ``metadata.json`` are ignored, other unsupported types
    are listed as skipped. Folders are walked in sorted path order; duplicates are kept once.
    """
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()

    def keep(path: Path, into: list[Path]) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            into.append(path)

    for given in paths:
        if not given.is_dir():
            keep(given, files)
            continue
        for path in sorted(given.rglob("*"), key=lambda p: p.relative_to(given).parts):
            if not path.is_file() or _is_hidden(path, given) or path.name == METADATA_NAME:
                continue
            keep(path, files if path.suffix.lower() in SUPPORTED_SUFFIXES else skipped)
    return Discovery(tuple(files), tuple(skipped))


def discover(paths: Sequence[Path]) -> list[Path]:
    """The article files among the given files and folders (recursive), in deterministic order."""
    return list(discover_files(paths).files)
