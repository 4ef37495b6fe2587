"""Full-text search: stemming, phrases, ranking, filters, CJK words, hostile input and snippets."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store import ArticleStore
from bot.store.query import parse_terms
from tests.store.conftest import INGESTED_AT, background, draft

HOSTILE = [
    '"',
    '"unbalanced',
    "*",
    "chip*",
    "-",
    "-chips",
    ":",
    "title:chips",
    "{title}: chips",
    "AND",
    "OR",
    "NOT",
    "NEAR(chips export, 2)",
    "(",
    ")",
    "chips)",
    "^chips",
    "+",
    "'",
    "\\",
    "",
    "   ",
    "\x00",
    "chips\x00 OR",
    "\ud800chips",
    "😀",
]


async def _corpus(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft(
                "New export controls hit chips",
                "The government widened export controls on advanced chips.\n\nTSMC responded.",
                url="https://wire.example/1",
                publisher="Reuters",
                published_at=datetime(2024, 3, 1, tzinfo=UTC),
            ),
            draft(
                "Farm report",
                "Controls on grain export were eased. A chip shop opened nearby.",
                url="https://wire.example/2",
                publisher="AP",
                published_at=datetime(2023, 6, 1, tzinfo=UTC),
            ),
            draft(
                "Solar tariffs rise",
                "A tariff on solar panels took effect.",
                url="https://wire.example/3",
                publisher="reuters",
                published_at=datetime(2022, 1, 10, tzinfo=UTC),
            ),
            draft(
                "虎嗅：芯片产业寻求突破",
                "中国芯片产业正在寻求突破。美国出口管制加剧，半导体企业加快研发。",
                url="https://huxiu.example/4",
                publisher="虎嗅",
                published_at=datetime(2024, 5, 2, tzinfo=UTC),
            ),
            *background(30),
        ],
        ingested_at=INGESTED_AT,
    )


async def test_stemming_finds_plural_and_singular(store: ArticleStore) -> None:
    await _corpus(store)
    assert {h.article.id for h in await store.search(["chip"])} == {1, 2}
    assert {h.article.id for h in await store.search(["tariffs"])} == {3}


async def test_a_title_match_outranks_a_body_mention(store: ArticleStore) -> None:
    await _corpus(store)
    hits = await store.search(["chips"])
    assert [h.article.id for h in hits] == [1, 2]
    assert hits[0].score > hits[1].score > 0


async def test_phrases_need_their_words_together(store: ArticleStore) -> None:
    await _corpus(store)
    assert [h.article.id for h in await store.search(["export controls"])] == [1]


async def test_terms_are_ored(store: ArticleStore) -> None:
    await _corpus(store)
    assert {h.article.id for h in await store.search(["solar", "tsmc"])} == {1, 3}


async def test_publisher_filter_ignores_case(store: ArticleStore) -> None:
    await _corpus(store)
    hits = await store.search(["chips", "solar"], publisher="REUTERS")
    assert {h.article.id for h in hits} == {1, 3}


async def test_date_range_uses_publication_date(store: ArticleStore) -> None:
    await _corpus(store)
    hits = await store.search(
        ["chips", "solar"],
        since_at=datetime(2023, 1, 1, tzinfo=UTC),
        until_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert [h.article.id for h in hits] == [2]


async def test_limit_caps_the_hits(store: ArticleStore) -> None:
    await _corpus(store)
    assert len(await store.search(["paragraph"], limit=5)) == 5
    assert await store.search(["paragraph"], limit=0) == []


async def test_snippets_mark_the_match(store: ArticleStore) -> None:
    await _corpus(store)
    [hit] = await store.search(["solar"])
    assert "«solar»" in hit.snippet.lower()
    assert "\n" not in hit.snippet


@pytest.mark.parametrize("word", ["芯片", "虎嗅", "半导体", "出口管制"])
async def test_cjk_words_of_two_or_more_characters_are_found(
    store: ArticleStore, word: str
) -> None:
    await _corpus(store)
    [hit] = await store.search([word])
    assert hit.article.id == 4
    assert f"«{word}»" in hit.snippet
    assert hit.score > 0


async def test_cjk_words_at_run_ends_match_but_not_across_runs(store: ArticleStore) -> None:
    await store.add_articles(
        [
            draft("读虎嗅", "我们读虎嗅。半导。导体在这里。", url="u:1"),
            draft("单", "芯", url="u:2"),
        ],
        ingested_at=INGESTED_AT,
    )
    assert [h.article.id for h in await store.search(["虎嗅"])] == [1]
    # "半导" ends one run and "导体" starts another: no "半导体" here.
    assert await store.search(["半导体"]) == []
    assert {h.article.id for h in await store.search(["芯"])} == {2}


async def test_cjk_search_honours_filters_and_mixes_with_english(store: ArticleStore) -> None:
    await _corpus(store)
    assert await store.search(["芯片"], publisher="Reuters") == []
    assert await store.search(["芯片"], until_at=datetime(2024, 1, 1, tzinfo=UTC)) == []
    assert {h.article.id for h in await store.search(["芯片", "solar"])} == {3, 4}


async def test_hostile_query_strings_never_raise(store: ArticleStore) -> None:
    await _corpus(store)
    for text in HOSTILE:
        hits = await store.search([text])
        assert all(h.article.id > 0 for h in hits)
    hits = await store.search(HOSTILE)
    assert {h.article.id for h in hits} >= {1, 2}  # "chips" survives as a word


@given(st.lists(st.text(max_size=30), max_size=5))
def test_any_terms_make_a_valid_fts5_expression(terms: list[str]) -> None:
    expression = parse_terms(terms).fts_expression
    with sqlite3.connect(":memory:") as connection:
        connection.execute(
            "CREATE VIRTUAL TABLE t USING fts5 (a, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        connection.execute("INSERT INTO t VALUES ('some text about chips')")
        if expression:
            connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


async def test_term_document_counts(store: ArticleStore) -> None:
    await _corpus(store)
    counts = await store.term_document_counts(["chip", "export controls", "芯片", "zebra", "-"])
    assert counts == {"chip": 2, "export controls": 1, "芯片": 1, "zebra": 0, "-": 0}


async def test_vocabulary_lists_frequent_terms_by_prefix(store: ArticleStore) -> None:
    await _corpus(store)
    assert ("chip", 2) in await store.vocabulary(prefix="ch")
    terms = await store.vocabulary(limit=3)
    assert len(terms) == 3
    assert terms[0][1] >= terms[-1][1]
