"""Tests for ingesting the seed folder: metadata applied, furniture gone, card sections kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.models import ArticleDraft, CardSectionKind, DatePrecision
from bot.ingest import discover, load_paths, load_seed_metadata
from tests.conftest import SEEDS_DIR, shared_path


@pytest.fixture(scope="module")
def seeds() -> dict[str, ArticleDraft]:
    result = load_paths([SEEDS_DIR])
    assert result.rejections == ()
    assert result.skipped == ()
    return {draft.origin.split("/")[-1][:3]: draft for draft in result.drafts if draft.origin}


def test_discover_skips_the_metadata_file() -> None:
    assert [path.name for path in discover([SEEDS_DIR])] == [
        "000_b1699823110cef74.txt",
        "002_321bc0ebb2875d8f.txt",
        "004_1076880c215135c1.txt",
    ]


def test_metadata_covers_every_seed() -> None:
    metadata = load_seed_metadata(SEEDS_DIR)
    assert sorted(metadata) == [path.name for path in discover([SEEDS_DIR])]
    assert all(entry.note for entry in metadata.values())


def test_card_seed(seeds: dict[str, ArticleDraft]) -> None:
    draft = seeds["000"]
    assert draft.title == "Breaking Medium Tech Trap with Dual Research"
    assert draft.publisher == "AI news aggregator"
    assert draft.original_publisher == "Huxiu (虎嗅)"
    assert (draft.published_at, draft.published_precision) == (
        datetime(2026, 1, 1, tzinfo=UTC),
        DatePrecision.YEAR,
    )
    assert draft.body == "Policy blueprint for China semis R&D impacts AI chip innovation"
    kinds = {section.kind for section in draft.card}
    assert {CardSectionKind.TIMELINE, CardSectionKind.KEY_TAKEAWAYS} <= kinds
    assert "Freshcollected" not in draft.body


def test_global_times_seed(seeds: dict[str, ArticleDraft]) -> None:
    draft = seeds["002"]
    assert draft.publisher == "Global Times"
    assert (draft.published_at, draft.published_precision) == (
        datetime(2022, 9, 7, tzinfo=UTC),
        DatePrecision.DAY,
    )
    assert "Leave a Reply" not in draft.body
    assert "Fu Liang, an independent tech analyst" in draft.body


def test_linkedin_seed_keeps_week_of_date_honest(seeds: dict[str, ArticleDraft]) -> None:
    draft = seeds["004"]
    assert (draft.publisher, draft.author) == ("LinkedIn", "Lehman, Lee & Xu")
    assert draft.published_at == datetime(2022, 10, 16, tzinfo=UTC)
    assert draft.published_precision is DatePrecision.WEEK
    assert "社区洞察" not in draft.body
    assert draft.language == "en"


def test_seed_files_match_the_shared_originals_byte_for_byte() -> None:
    shared_seeds = shared_path("seeds")
    for path in SEEDS_DIR.glob("*.txt"):
        assert path.read_bytes() == (shared_seeds / path.name).read_bytes()
