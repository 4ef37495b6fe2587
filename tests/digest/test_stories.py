"""Near-duplicate clustering: wire copies become one story; distinct stories stay apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.models import Article, DatePrecision
from bot.core.stories import cluster_stories, jaccard, shingles
from tests.digest.conftest import OTHER, THIRD, WIRE

BASE_AT = datetime(2026, 5, 27, tzinfo=UTC)


def article(article_id: int, title: str, body: str, publisher: str) -> Article:
    """A stored-looking article."""
    return Article(
        id=article_id,
        title=title,
        body=body,
        content_hash=str(article_id),
        ingested_at=BASE_AT,
        publisher=publisher,
        published_at=BASE_AT + timedelta(hours=article_id),
        published_precision=DatePrecision.DAY,
    )


CORPUS = (
    article(1, "Taiwan chipmakers to build Arizona plants", WIRE, "Reuters"),
    article(2, "Chipmakers plan three US fabs", WIRE + " Shares rose 2%.", "Nikkei"),
    article(3, "Central bank holds rates steady", OTHER, "Finance Daily"),
    article(4, "Heatwave grips southern Spain", THIRD, "Iberia News"),
    article(5, "Taiwan chip firms pick Arizona", "Reporting by AP. " + WIRE, "AP"),
)


def test_wire_copies_from_several_outlets_are_one_story_with_every_source() -> None:
    stories = cluster_stories(CORPUS)
    assert len(stories) == 3
    chips = next(s for s in stories if 1 in s.article_ids)
    assert chips.article_ids == {1, 2, 5}
    assert set(chips.publishers) == {"Reuters", "Nikkei", "AP"}
    assert chips.key == "s1"
    assert [a.id for a in chips.articles] == [5, 2, 1]  # newest first


def test_shingle_jaccard_is_one_for_a_copy_and_lower_for_an_edit() -> None:
    left, right = shingles(WIRE), shingles(WIRE + " Shares rose 2% on the news in Taipei.")
    assert jaccard(left, left) == 1.0
    assert 0.5 < jaccard(left, right) < 1.0


@settings(max_examples=30, deadline=None)
@given(st.permutations(CORPUS))
def test_clustering_ignores_input_order_and_places_every_article_once(
    order: list[Article],
) -> None:
    stories = cluster_stories(order)
    ids = [a.id for s in stories for a in s.articles]
    assert sorted(ids) == [1, 2, 3, 4, 5]
    assert [s.article_ids for s in stories] == [s.article_ids for s in cluster_stories(CORPUS)]
