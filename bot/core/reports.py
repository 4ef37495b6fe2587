"""Outcome models of batch operations, such as what an ingest run added, skipped and rejected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AddedArticle:
    """An article an ingest run stored."""

    origin: str
    article_id: int
    title: str


@dataclass(frozen=True, slots=True)
class DuplicateArticle:
    """An article an ingest run skipped because the store already had it."""

    origin: str
    title: str
    existing_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class WithheldArticle:
    """An article not stored because an operator removed it before (only a hand ingest restores)."""

    origin: str
    title: str
    removed_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class RejectedInput:
    """A file or record an ingest run could not use, with one plain sentence saying why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The summary of one ingest run: added, duplicates and rejections, each with its origin."""

    added: tuple[AddedArticle, ...] = ()
    duplicates: tuple[DuplicateArticle, ...] = ()
    rejected: tuple[RejectedInput, ...] = ()
    files_seen: int = 0
    skipped: tuple[str, ...] = ()
    withheld: tuple[WithheldArticle, ...] = ()
    # Sentences about removed articles this run stored again (an ingest by hand).
    restored: tuple[str, ...] = ()
    links_seen: int = 0

    def merged(self, other: IngestReport) -> IngestReport:
        """This report followed by another, as one."""
        return IngestReport(
            self.added + other.added,
            self.duplicates + other.duplicates,
            self.rejected + other.rejected,
            self.files_seen + other.files_seen,
            self.skipped + other.skipped,
            self.withheld + other.withheld,
            self.restored + other.restored,
            self.links_seen + other.links_seen,
        )
