"""Search filtered by the stored language code, for word and CJK queries."""

from __future__ import annotations

from dataclasses import replace

from bot.store import ArticleStore
from tests.store.conftest import INGESTED_AT, background, draft


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
