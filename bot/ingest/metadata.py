"""Per-file metadata from a ``metadata.json`` beside the articles (how seeds get their facts)."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.core.models import ArticleDraft, DatePrecision
from bot.core.urls import canonicalise_url
from bot.ingest.discovery import METADATA_NAME
from bot.ingest.errors import IngestError, json_problem
from bot.ingest.published import parse_published
from bot.ingest.validation import describe_validation_error


class SeedMetadata(BaseModel):
    """What is known about a file that its text does not say; ``note`` explains judgement calls."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    title: str | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    published: str | None = None
    precision: DatePrecision | None = None
    note: str | None = None

    @field_validator("published")
    @classmethod
    def _published_is_a_date(cls, value: str | None) -> str | None:
        if value is not None:
            parse_published(value)
        return value

    def apply(self, draft: ArticleDraft) -> ArticleDraft:
        """The draft with every field this metadata knows replaced by the metadata's value."""
        changes: dict[str, object] = {}
        for name in ("title", "publisher", "original_publisher", "author", "language"):
            value = getattr(self, name)
            if value:
                changes[name] = value
        if self.url:
            changes["url"] = self.url
            changes["canonical_url"] = canonicalise_url(self.url)
        if self.published:
            published = parse_published(self.published)
            changes["published_at"] = published.at
            changes["published_precision"] = published.precision
        if self.precision is not None:
            changes["published_precision"] = self.precision
        return dataclasses.replace(draft, **changes)  # type: ignore[arg-type]


def load_seed_metadata(seeds_dir: Path) -> dict[str, SeedMetadata]:
    """The ``metadata.json`` of a folder keyed by file name; empty when the folder has none."""
    path = seeds_dir / METADATA_NAME
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_load_metadata(path, stamp))


@cache
def _load_metadata(path: Path, stamp: int) -> tuple[tuple[str, SeedMetadata], ...]:
    del stamp  # part of the cache key only: an edited file is read again
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(path, f"The metadata file cannot be read ({error}).") from None
    except json.JSONDecodeError as error:
        reason = f"The metadata file is not valid JSON ({json_problem(error)})."
        raise IngestError(path, reason) from None
    if not isinstance(raw, dict):
        raise IngestError(path, "The metadata file must hold an object keyed by file name.")
    entries: list[tuple[str, SeedMetadata]] = []
    for name, value in raw.items():
        try:
            entries.append((name, SeedMetadata.model_validate(value)))
        except ValidationError as error:
            reason = f"The entry for '{name}' is invalid: {describe_validation_error(error)}"
            raise IngestError(path, reason) from None
    return tuple(entries)


def metadata_for(path: Path) -> SeedMetadata | None:
    """The metadata entry for a file from the ``metadata.json`` beside it, if any."""
    return load_seed_metadata(path.parent).get(path.name)
