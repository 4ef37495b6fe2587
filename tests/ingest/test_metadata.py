"""Tests for per-folder metadata files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import DatePrecision
from bot.ingest import IngestError, load_file, load_paths, load_seed_metadata


def _write_metadata(folder: Path, entries: object) -> None:
    (folder / "metadata.json").write_text(json.dumps(entries), "utf-8")


def test_metadata_overrides_what_the_text_says(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Chip plan\n\nThe plan was adopted.\n\n(Xinhua)", "utf-8")
    _write_metadata(
        tmp_path,
        {
            "note.txt": {
                "publisher": "Example Wire",
                "url": "HTTPS://Example.com/plan/?utm_source=x",
                "published": "2022-10-16",
                "precision": "month",
                "note": "Only the week is known.",
            }
        },
    )
    (draft,) = load_file(article)
    assert draft.publisher == "Example Wire"
    assert draft.canonical_url == "https://example.com/plan"
    assert draft.published_at == datetime(2022, 10, 16, tzinfo=UTC)
    assert draft.published_precision is DatePrecision.MONTH
    assert draft.title == "Chip plan"


def test_folder_without_metadata_gives_none(tmp_path: Path) -> None:
    assert load_seed_metadata(tmp_path) == {}


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        ([], "The metadata file must hold an object keyed by file name."),
        (
            {"a.txt": {"publisehr": "Typo"}},
            "The entry for 'a.txt' is invalid: the field 'publisehr' is not one this tool knows.",
        ),
        (
            {"a.txt": {"published": "someday"}},
            "The entry for 'a.txt' is invalid: the field 'published' is invalid: 'someday' is "
            "not a date this tool reads; use a form like 2022-10-16.",
        ),
    ],
)
def test_bad_metadata_is_rejected_with_a_reason(
    tmp_path: Path, entries: object, reason: str
) -> None:
    _write_metadata(tmp_path, entries)
    with pytest.raises(IngestError) as caught:
        load_seed_metadata(tmp_path)
    assert caught.value.reason == reason


def test_bad_metadata_rejects_the_articles_it_describes_not_the_run(tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("{not json", "utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nBody text.", "utf-8")
    (tmp_path / "b.jsonl").write_text('{"title": "T", "body": "Body text."}\n', "utf-8")
    result = load_paths([tmp_path])
    assert [d.title for d in result.drafts] == ["T"]
    assert [r.path.name for r in result.rejections] == ["a.txt"]
    assert result.rejections[0].reason.startswith(
        "The metadata.json beside it cannot be used: The metadata file is not valid JSON"
    )
