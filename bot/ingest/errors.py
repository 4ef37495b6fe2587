"""Ingest outcomes: a rejected file or record with its reason, and what a load produced."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.core.models import ArticleDraft


@dataclass(frozen=True, slots=True)
class Rejection:
    """A file, or one record of it, that was not ingested, and why.

    ``line`` numbers a JSON Lines record and ``record`` an item of a JSON list; either is named as
    an ingested record's origin is (``a.jsonl#L2``, ``a.json#2``), so one record has one name.
    """

    path: Path
    reason: str
    line: int | None = None
    record: int | None = None

    @property
    def where(self) -> str:
        """The file, or the record in it, as an ingested record's origin names it."""
        if self.line is not None:
            return f"{self.path}#L{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return str(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class IngestError(Exception):
    """A file that cannot be ingested at all; ``reason`` is one plain sentence."""

    def __init__(
        self, path: Path, reason: str, line: int | None = None, record: int | None = None
    ) -> None:
        self.rejection = Rejection(path, reason, line, record)
        super().__init__(str(self.rejection))

    @property
    def path(self) -> Path:
        """The file that was rejected."""
        return self.rejection.path

    @property
    def reason(self) -> str:
        """Why, in one plain sentence."""
        return self.rejection.reason


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The drafts loaded, the files or records rejected, and files skipped for their type."""

    drafts: tuple[ArticleDraft, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    skipped: tuple[Path, ...] = ()

    def __add__(self, other: LoadResult) -> LoadResult:
        return LoadResult(
            self.drafts + other.drafts,
            self.rejections + other.rejections,
            self.skipped + other.skipped,
        )


def json_problem(error: json.JSONDecodeError, *, line: bool = True) -> str:
    """'unterminated string starting at line 1, column 14' from the decoder's terse message.

    Its ``msg`` ("Unterminated string starting at") expects the position after it, which
    ``str(error)`` adds as "line 1 column 14 (char 13)"; this says it in words (``line``: False
    for one line of JSON Lines, where only the column means anything).
    """
    what = error.msg.removesuffix(" at")
    what = what[:1].lower() + what[1:]
    where = f"line {error.lineno}, column {error.colno}" if line else f"column {error.colno}"
    return f"{what} at {where}"
