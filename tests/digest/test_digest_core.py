"""The pure digest: ranking, per-source cap, changes since the last digest, coming up, quiet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.core.digest import (
    ChangeKind,
    Digest,
    SnapshotStory,
    build_digest,
    decode_snapshot,
    encode_snapshot,
)
from bot.core.models import Article
from tests.digest.test_stories import BASE_AT, CORPUS, article

NOW_AT = datetime(2026, 6, 1, 9, tzinfo=UTC)
START_AT = NOW_AT - timedelta(days=7)


def digest_of(
    articles: Sequence[Article],
    *,
    previous: Sequence[SnapshotStory] | None = None,
    previous_at: datetime | None = None,
    per_source_cap: int = 3,
) -> Digest:
    """The digest of the week before NOW_AT."""
    return build_digest(
        articles,
        period_start_at=START_AT,
        period_end_at=NOW_AT,
        now_at=NOW_AT,
        previous=previous,
        previous_at=previous_at,
        per_source_cap=per_source_cap,
    )


def test_corroborated_story_ranks_first_with_all_sources_and_a_short_summary() -> None:
    digest = digest_of(CORPUS)
    assert (digest.article_count, digest.story_count, digest.publisher_count) == (5, 3, 5)
    top = digest.stories[0]
    assert {s.article_id for s in top.sources} == {1, 2, 5}
    assert 1 <= len(top.summary) <= 2
    bodies = {a.id: a.body for a in CORPUS}
    for sentence in top.summary:
        assert sentence.text in bodies[sentence.article_id]
    assert all(s.change is ChangeKind.NEW for s in digest.stories)
    assert digest.changes == ()  # no previous digest to compare with


def test_one_outlet_cannot_flood_the_digest() -> None:
    subjects = ("tennis", "opera", "rail strike", "harvest", "museum", "election")
    flood = [
        article(
            100 + n, f"Notes on the {subject}", " ".join(f"{subject}{i}" for i in range(40)), "Spam"
        )
        for n, subject in enumerate(subjects)
    ]
    digest = digest_of([*CORPUS, *flood], per_source_cap=2)
    spam = [s for s in digest.stories if s.sources[0].publisher == "Spam"]
    assert len(spam) == 2


def test_coming_up_prefers_the_next_30_days_then_later_events() -> None:
    digest = digest_of(CORPUS)
    values = [event.value for event in digest.coming_up]
    assert values
    assert all(v.startswith("2026-06") for v in values)
    after = build_digest(
        CORPUS,
        period_start_at=START_AT,
        period_end_at=NOW_AT,
        now_at=datetime(2026, 6, 20, tzinfo=UTC),
    )
    assert next(e.value for e in after.coming_up) in {"2026-07-30", "2028"}


def test_quiet_week_is_flagged_and_empty() -> None:
    digest = build_digest(
        CORPUS,
        period_start_at=NOW_AT + timedelta(days=30),
        period_end_at=NOW_AT + timedelta(days=37),
        now_at=NOW_AT + timedelta(days=37),
    )
    assert digest.is_quiet
    assert digest.stories == ()


def test_stories_grow_with_new_sources_and_new_ones_are_new() -> None:
    first = digest_of(CORPUS[:3])
    snapshot = decode_snapshot(encode_snapshot(first.snapshot))
    assert snapshot == first.snapshot
    later = digest_of(CORPUS, previous=snapshot, previous_at=BASE_AT)
    kinds = {s.key: s.change for s in later.changes}
    assert kinds["s1"] is ChangeKind.GREW
    grown = next(s for s in later.changes if s.key == "s1")
    assert grown.new_publishers == ("AP",)
    assert kinds["s4"] is ChangeKind.NEW
    assert "s3" not in kinds  # unchanged since the last digest


def test_unchanged_story_is_ongoing_and_garbage_snapshot_is_empty() -> None:
    first = digest_of(CORPUS)
    again = digest_of(CORPUS, previous=first.snapshot)
    assert {s.change for s in again.stories} == {ChangeKind.ONGOING}
    assert again.changes == ()
    assert decode_snapshot("not json") == ()
    assert decode_snapshot('[["s1", [1], ["A"], ["2026"]]]') == (
        SnapshotStory("s1", (1,), ("A",), ("2026",)),
    )


def test_articles_outside_the_period_only_link_stories() -> None:
    old = replace(CORPUS[0], published_at=START_AT - timedelta(days=3))
    digest = digest_of([old, *CORPUS[1:]])
    assert digest.article_count == 4
    chips = next(s for s in digest.stories if s.key == "s1")
    assert {s.article_id for s in chips.sources} == {1, 2, 5}
