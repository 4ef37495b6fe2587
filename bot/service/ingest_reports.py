"""What became of each draft an ingest stored: the store's results as an ingest report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.models import ArticleDraft
from bot.core.reports import (
    AddedArticle,
    DuplicateArticle,
    IngestReport,
    RejectedInput,
    WithheldArticle,
)
from bot.store import AddResult, AddStatus

if TYPE_CHECKING:
    from bot.ingest import Rejection


@dataclass(frozen=True, slots=True)
class Pending:
    """A draft on its way to the store, with where it came from."""

    origin: str
    draft: ArticleDraft


def rejected_input(rejection: Rejection) -> RejectedInput:
    return RejectedInput(rejection.where, rejection.reason)


def store_report(pending: Sequence[Pending], results: Sequence[AddResult]) -> IngestReport:
    """What became of each pending draft of one stored batch."""
    added: list[AddedArticle] = []
    duplicates: list[DuplicateArticle] = []
    withheld: list[WithheldArticle] = []
    restored: list[str] = []
    for result in results:
        item = pending[result.draft_index]
        if result.status is AddStatus.ADDED:
            added.append(AddedArticle(item.origin, result.article_id, item.draft.title))
            if result.restored:
                restored.append(
                    f"{item.origin}: stored again as {result.article_id} ({result.restored})"
                )
        elif result.status is AddStatus.WITHHELD:
            withheld.append(
                WithheldArticle(item.origin, item.draft.title, result.article_id, result.reason)
            )
        else:
            duplicates.append(
                DuplicateArticle(item.origin, item.draft.title, result.article_id, result.reason)
            )
    return IngestReport(
        added=tuple(added),
        duplicates=tuple(duplicates),
        withheld=tuple(withheld),
        restored=tuple(restored),
    )
