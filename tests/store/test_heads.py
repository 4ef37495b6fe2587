"""Reading only an article's head: what a brief considers of a huge article is bounded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.brief import Brief
from bot.core.brief.budget import MAX_BODY_CHARS, MAX_SENTENCES
from bot.core.models import ArticleDraft
from bot.service import Briefings, BriefRequest
from bot.store import ArticleStore
from bot.store.rows import sentences_from_json, sentences_json
from tests.store.conftest import INGESTED_AT

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _huge(sentences: int) -> ArticleDraft:
    body = "\n\n".join(
        f"The chip fab moved wafer lot {n} to lithography stage {n % 31} on schedule."
        for n in range(sentences)
    )
    return ArticleDraft(title="Chip fab log", body=body, publisher="Fab", origin="huge.log")


def test_a_cut_sentence_list_gives_its_whole_leading_sentences() -> None:
    stored = sentences_json(
        [[n, n, None, f"Sentence «{n}», with ] and [ inside."] for n in range(50)]
    )
    cut = stored[: len(stored) // 2]
    read = sentences_from_json(7, cut, limit=100)
    assert 0 < len(read) < 50
    assert [s.position for s in read] == list(range(len(read)))
    assert read[-1].text == f"Sentence «{len(read) - 1}», with ] and [ inside."
    assert len(sentences_from_json(7, stored, limit=10)) == 10
    assert len(sentences_from_json(7, stored, limit=100)) == 50


async def test_heads_bound_the_sentences_and_body_read(store: ArticleStore) -> None:
    [added] = await store.add_articles([_huge(20_000)], ingested_at=INGESTED_AT)
    [full] = await store.get_articles([added.article_id])
    [head] = await store.get_articles([added.article_id], heads=True)
    [listed] = await store.list_articles(heads=True)
    assert len(full.sentences) == 20_000
    assert len(head.sentences) == MAX_SENTENCES
    assert head.sentences == full.sentences[:MAX_SENTENCES]
    assert head.body == full.body[:MAX_BODY_CHARS]
    assert listed.body == head.body


async def test_a_brief_considers_only_the_head_of_a_huge_article(
    store_location: Path | str,
) -> None:
    store = await ArticleStore.open(store_location, workers=1)
    try:
        now_at = datetime(2026, 1, 15, tzinfo=UTC)
        service = Briefings(store, seeds_dir=SEEDS, clock=lambda: now_at)
        await service.ensure_seeded()
        [added] = await store.add_articles([_huge(20_000)], ingested_at=INGESTED_AT)
        answer = await service.brief(BriefRequest("chips"))
        assert isinstance(answer, Brief)
        cited = [
            ref.position
            for sentence in answer.cited_sentences()
            for ref in sentence.refs
            if ref.article_id == added.article_id
        ]
        assert cited  # the huge article is on topic and is used …
        assert all(position < MAX_SENTENCES for position in cited)  # … through its head only
    finally:
        await store.close()
