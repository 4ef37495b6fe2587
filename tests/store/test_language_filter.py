"""Filtering by the stored language code: search (word and CJK), listings and related updates."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.brief import Brief
from bot.service import Briefings, BriefRequest
from bot.store import ArticleStore
from tests.store.conftest import INGESTED_AT, background, draft

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


async def _corpus(store: ArticleStore) -> None:
    drafts = [
        replace(draft("Chips plan", "The chips plan was announced on Tuesday."), language="en"),
        replace(
            draft("Le plan chips", "Le plan pour les chips a été annoncé mardi."), language="fr"
        ),
        replace(draft("芯片计划", "中国宣布了新的芯片计划。"), language="zh"),
        *background(12),
    ]
    await store.add_articles(drafts, ingested_at=INGESTED_AT)


async def test_language_keeps_only_articles_in_that_language(store: ArticleStore) -> None:
    await _corpus(store)
    everything = await store.search(["chips"])
    french = await store.search(["chips"], language="fr")
    english = await store.search(["chips"], language="en", publisher="Reuters")
    assert {h.article.language for h in everything} == {"en", "fr"}
    assert [h.article.title for h in french] == ["Le plan chips"]
    assert [h.article.title for h in english] == ["Chips plan"]
    assert await store.search(["chips"], language="de") == []


async def test_language_filters_cjk_words_too(store: ArticleStore) -> None:
    await _corpus(store)
    assert [h.article.title for h in await store.search(["芯片"], language="zh")] == ["芯片计划"]
    assert await store.search(["芯片"], language="en") == []


async def test_listing_by_language_keeps_only_that_language(store: ArticleStore) -> None:
    await _corpus(store)
    assert [a.title for a in await store.list_articles(language="fr")] == ["Le plan chips"]
    assert {a.language for a in await store.list_articles()} >= {"en", "fr", "zh"}


async def test_a_brief_in_one_language_offers_related_updates_in_it_only(
    store_location: Path | str,
) -> None:
    now_at = datetime(2026, 1, 15, tzinfo=UTC)
    async with await ArticleStore.open(store_location, workers=1) as store:
        service = Briefings(store, seeds_dir=SEEDS, clock=lambda: now_at)
        await service.ensure_seeded()
        recent = [
            replace(
                draft(
                    "China mobilises national resources for core technology",
                    "China said it will mobilise national resources to achieve breakthroughs in "
                    "core technologies as US pressure grows.",
                    published_at=now_at - timedelta(days=1),
                ),
                language="en",
            ),
            replace(
                draft(
                    "Xi Jinping: innovation et technologies clés",
                    "Xi Jinping a appelé à l'innovation dans les technologies clés, face à la "
                    "pression des États-Unis.",
                    published_at=now_at - timedelta(days=1),
                ),
                language="fr",
            ),
        ]
        await store.add_articles(recent, ingested_at=now_at)
        english = await service.brief(BriefRequest("chips", language="en"))
        anything = await service.brief(BriefRequest("chips"))
    assert isinstance(english, Brief)
    assert isinstance(anything, Brief)
    english_title = "China mobilises national resources for core technology"
    french_title = "Xi Jinping: innovation et technologies clés"
    assert french_title in {r.title for r in anything.related}
    assert english_title in {r.title for r in english.related}
    assert french_title not in {r.title for r in english.related}
