"""Loading article files of every supported type into drafts, collecting what was rejected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.models import ArticleDraft
from bot.ingest.discovery import SUPPORTED_SUFFIXES, discover_files
from bot.ingest.documents import load_html, load_markdown, load_txt
from bot.ingest.errors import IngestError, LoadResult
from bot.ingest.metadata import metadata_for
from bot.ingest.records import load_json, load_jsonl

_SINGLE: dict[str, Callable[[Path, ArticleGate], ArticleDraft]] = {
    ".txt": load_txt,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
}
_MANY: dict[str, Callable[[Path, ArticleGate], LoadResult]] = {
    ".json": load_json,
    ".jsonl": load_jsonl,
}


def load_file_result(path: Path, gate: ArticleGate = DEFAULT_GATE) -> LoadResult:
    """Load one file: its drafts plus the records rejected inside it (JSON lists, JSON Lines).

    Raises ``IngestError`` when the whole file is unusable, or is refused by the gate (too large,
    not an article). A single-article file gets the entry for its name from a ``metadata.json``
    beside it, which overrides what the text says.
    """
    if not path.exists():
        raise IngestError(path, "The file does not exist.")
    suffix = path.suffix.lower()
    if suffix in _MANY:
        return _MANY[suffix](path, gate)
    loader = _SINGLE.get(suffix)
    if loader is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        shown = suffix or "no suffix"
        raise IngestError(path, f"The file type ({shown}) is not supported; use {supported}.")
    draft = loader(path, gate)
    try:
        metadata = metadata_for(path)
    except IngestError as error:
        reason = f"The {error.path.name} beside it cannot be used: {error.reason}"
        raise IngestError(path, reason) from None
    return LoadResult((metadata.apply(draft) if metadata else draft,))


def load_file(path: Path, gate: ArticleGate = DEFAULT_GATE) -> list[ArticleDraft]:
    """The drafts of one file; ``IngestError`` when nothing in it can be used.

    Records rejected inside a JSON list or JSON Lines file are dropped here; use
    ``load_file_result`` or ``load_paths`` to report them.
    """
    result = load_file_result(path, gate)
    if not result.drafts and result.rejections:
        first = result.rejections[0]
        raise IngestError(path, first.reason, first.line, first.record)
    return list(result.drafts)


def load_paths(paths: Sequence[Path], gate: ArticleGate = DEFAULT_GATE) -> LoadResult:
    """Load every article file among the given files and folders; a bad file never stops others."""
    discovery = discover_files(paths)
    result = LoadResult(skipped=discovery.skipped)
    for path in discovery.files:
        try:
            result += load_file_result(path, gate)
        except IngestError as error:
            result += LoadResult(rejections=(error.rejection,))
    return result
