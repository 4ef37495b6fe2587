"""Unit tests of each brief rule on hand-written sentences."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.brief import (
    build_brief,
    expand_topic,
    load_audience_lexicon,
    load_topic_lexicon,
    parse_topics,
    rank_articles,
    resolve_topic,
    suggest_topics,
    summarise,
)
from bot.core.brief.audiences import who_should_care
from bot.core.brief.lexicon import LexiconError
from bot.core.brief.sections import (
    Role,
    is_boilerplate,
    is_change,
    is_forward,
    is_recommendation,
    is_stakes,
    role_of,
    trim_connective,
)
from bot.core.brief.stemming import content_stems, stem
from bot.core.brief.voices import attribute, attribute_all, quoted_span
from bot.core.models import Article, ArticleDraft, SearchHit
from tests.core.brief.seed_articles import NOW_AT, article_from_draft


def make_article(article_id: int, title: str, *paragraphs: str, days_old: int = 1) -> Article:
    draft = ArticleDraft(
        title=title,
        body="\n\n".join(paragraphs),
        publisher="Test Wire",
        published_at=NOW_AT - timedelta(days=days_old),
    )
    return article_from_draft(article_id, draft)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("chips", "chip"), ("semiconductors", "semiconductor"), ("generalizations", "gener")],
)
def test_porter_stems_like_fts5(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_stems_drop_stop_words_and_keep_r_and_d() -> None:
    assert content_stems("The R&D of the chips") == ["r&d", "chip"]


@pytest.mark.parametrize(
    "text",
    [
        "Teams should audit their exposure to export-controlled suppliers.",
        "Experts call for more funding for basic research.",
        "It is time to rethink the export regime entirely.",
        "Officials urged companies to diversify suppliers.",
        "Firms need to secure wafer supplies this year.",
    ],
)
def test_recommendations_are_recognised(text: str) -> None:
    assert is_recommendation(text)
    assert role_of(text) is Role.RECOMMENDATION


@pytest.mark.parametrize(
    "text",
    [
        "China should optimize the allocation of innovation resources.",
        "According to experts, in the first step, China should focus resources on key chips.",
        "The government must fund basic research for a decade.",
    ],
)
def test_prescriptions_for_a_government_are_not_the_readers_to_do(text: str) -> None:
    assert is_recommendation(text)
    assert role_of(text) is Role.STAKES


def test_plain_reports_are_not_recommendations() -> None:
    assert not is_recommendation("The company shipped two million wafers last year.")


@pytest.mark.parametrize(
    "text",
    [
        "Guidance for companies will be released next February.",
        "China aims to lift the ratio to 10% by 2028.",
        "The plant is expected to open in the coming months.",
    ],
)
def test_forward_looking_sentences(text: str) -> None:
    assert is_forward(text)
    assert role_of(text) is Role.FORWARD


def test_changes_and_stakes() -> None:
    assert is_change("The commission reviewed and adopted the guideline on Tuesday.")
    assert role_of("The commission reviewed and adopted the guideline.") is Role.CHANGE
    assert is_stakes("The rules matter because they isolate suppliers from the market.")
    assert role_of("The rules matter because they isolate suppliers.") is Role.STAKES
    assert role_of("The weather in the region was mild and sunny.") is Role.OTHER


@pytest.mark.parametrize(
    "text",
    [
        "Leave a Reply",
        "Your email address will not be published.",
        "Chip technology breakthroughs",
        "(Global Times)",
        "要查看或添加评论，请登录",
        "AI-curated news aggregator. All content rights belong to original publishers.",
    ],
)
def test_boilerplate_is_recognised(text: str) -> None:
    assert is_boilerplate(text)


def test_card_phrases_are_not_headings() -> None:
    phrase = "Distinguishes pure basic research from applied basic research for enterprises"
    assert is_boilerplate(phrase)
    assert not is_boilerplate(phrase, card=True)


def test_trim_connective_keeps_the_rest_verbatim() -> None:
    assert trim_connective("But the market moved on quickly today.") == (
        "The market moved on quickly today."
    )
    assert trim_connective("Besides, the government could launch new funds.") == (
        "The government could launch new funds."
    )
    assert trim_connective("Butter prices rose sharply this week.") == (
        "Butter prices rose sharply this week."
    )


def test_attribution_after_a_quote_with_role() -> None:
    found = attribute(
        "This is too long,” Hu Qimu, chief research fellow at the Institute, told the Global Times."
    )
    assert found is not None
    assert (found.speaker, found.role, found.quoted) == (
        "Hu Qimu",
        "chief research fellow at the Institute",
        True,
    )


def test_attribution_resolves_pronouns_and_surnames() -> None:
    found = attribute_all(
        [
            "It is hard, said Fu Liang, an independent tech analyst, citing lithography.",
            "“A national system allows China to move faster,” he told reporters.",
            "Chinese President Xi Jinping said the country should mobilise resources.",
            "China should optimise the allocation of innovation resources, Xi said.",
        ]
    )
    assert [(f.speaker, f.role) if f else None for f in found] == [
        ("Fu Liang", "an independent tech analyst"),
        ("Fu Liang", "an independent tech analyst"),
        ("Xi Jinping", "Chinese President"),
        ("Xi Jinping", "Chinese President"),
    ]


def test_quoted_span_is_a_verbatim_part() -> None:
    text = "“Sometimes it takes three to five years to strike a deal,” Hu said."
    span = quoted_span(text)
    assert span == "Sometimes it takes three to five years to strike a deal"
    assert span in text


def test_a_short_quotation_that_opens_the_sentence_is_the_span() -> None:
    for text in (
        '"We are doubling capacity," said Jane Roe, the chief executive.',
        "“We are doubling capacity,” said Jane Roe, the chief executive.",
    ):
        assert quoted_span(text) == "We are doubling capacity"
    # The same few words quoted inside a sentence are a phrase, not the speaker's statement.
    scare = "Jane Roe called the plan “doubling capacity” in a note, analysts said."
    assert quoted_span(scare) == scare


def test_chips_resolves_to_the_chip_vocabulary() -> None:
    query = resolve_topic("chips", load_topic_lexicon())
    assert query.topics == ("chips",)
    searched = {stems for term in query.terms for stems in content_stems(term)}
    for word in ("chip", "microchip", "semiconductor", "lithography", "EUV", "foundry", "wafer"):
        assert stem(word.lower()) in searched
    assert query.relevance(content_stems("A new wafer plant opened.")) > 0
    assert query.relevance(content_stems("The weather was fine.")) == 0


def test_unknown_topic_keeps_the_typed_words() -> None:
    query = resolve_topic("bananas", load_topic_lexicon())
    assert query.topics == ()
    assert query.terms == ("bananas",)


def test_user_lexicon_extends_the_built_in_one() -> None:
    lexicon = load_topic_lexicon({"topics": {"chips": {"terms": ["NAND"]}, "fruit": {}}})
    assert "NAND" in lexicon["chips"].terms
    assert "wafer" in lexicon["chips"].terms
    assert "fruit" in lexicon
    with pytest.raises(LexiconError):
        parse_topics({"topics": {"bad": {"terms": "not a list"}}})


def test_expansion_learns_co_occurring_terms() -> None:
    articles = [
        make_article(1, "Huawei ships Kirin phones", "Huawei launched Kirin phones this week."),
        make_article(2, "Kirin returns", "The Kirin processor is back in Huawei phones."),
    ]
    query = expand_topic(resolve_topic("Huawei", {}), articles)
    learned = [t.text for t in query.weighted if t.origin == "expansion"]
    assert "kirin" in learned


def test_suggestions_rank_close_spellings_first() -> None:
    answer = suggest_topics("quantom", load_topic_lexicon(), ["quota"])
    assert answer.suggestions[0] == "Quantum technology"


def test_ranking_prefers_central_recent_articles() -> None:
    central = make_article(1, "Chip export curbs tighten", "Chip export curbs tightened today.")
    passing = make_article(
        2,
        "Farm report",
        "Harvest was good this year across the plains.",
        "Prices held steady in the markets.",
        "One farmer mentioned a chip shortage in tractors.",
        days_old=200,
    )
    unrelated = make_article(3, "Weather", "Rain is expected on Sunday in the hills.")
    query = resolve_topic("chips", load_topic_lexicon())
    hits = [SearchHit(a, 2.0, "") for a in (passing, central, unrelated)]
    ranked = rank_articles(query, hits, now_at=NOW_AT)
    assert [r.article.id for r in ranked] == [1, 2]
    assert ranked[0].recency > ranked[1].recency


def test_no_recommendations_means_no_what_to_do_next() -> None:
    article = make_article(
        1,
        "Chip output rises",
        "Chip output rose 5% in May, the statistics bureau reported on Monday.",
        "The foundry sector added two plants this year.",
    )
    query = resolve_topic("chips", load_topic_lexicon())
    brief = build_brief(query, rank_articles(query, [SearchHit(article, 1.0, "")], now_at=NOW_AT))
    assert brief.what_to_do_next == ()
    assert brief.tldr


def test_near_duplicates_are_merged_with_both_sources_cited() -> None:
    shared = "The Commerce Department added five chip firms to the entity list on Friday."
    first = make_article(1, "Five chip firms blacklisted", shared, "Shares of chip firms fell.")
    second = make_article(
        2, "US blacklists chip firms", shared, "Analysts expect retaliation on chips soon."
    )
    query = resolve_topic("chips", load_topic_lexicon())
    hits = [SearchHit(first, 2.0, ""), SearchHit(second, 1.9, "")]
    brief = build_brief(query, rank_articles(query, hits, now_at=NOW_AT))
    merged = [c for c in brief.cited_sentences() if c.text == shared]
    assert len(merged) == 1
    assert merged[0].citations == (1, 2)


def test_audiences_need_evidence_and_cite_it() -> None:
    article = make_article(
        1,
        "Fab news",
        "The lithography machines and chip factories need investors.",
        "Researchers at universities study wafer yields.",
    )
    audiences = who_should_care([(1, article)], load_audience_lexicon())
    names = [a.name for a in audiences]
    assert "Semiconductor industry" in names
    industry = next(a for a in audiences if a.key == "semiconductor_industry")
    assert industry.citations == (1,)
    assert "lithography machines" in industry.cues


def test_summarise_returns_k_sentences_in_document_order() -> None:
    sentences = [
        "The central bank raised interest rates by half a point on Tuesday.",
        "Markets had expected a smaller move from the bank this month.",
        "Analysts said the rate decision signals concern about inflation.",
        "Separately, a local football club won its match.",
        "The bank will meet again in six weeks to review rates.",
    ]
    picked = summarise(sentences, 3)
    assert len(picked) == 3
    assert picked == sorted(picked, key=sentences.index)
    assert sentences[0] in picked
    assert summarise(sentences, 0) == []
    assert summarise([], 3) == []


def test_now_at_is_only_used_for_recency() -> None:
    article = make_article(1, "Chip plant opens", "A chip plant opened in Dresden on Monday.")
    query = resolve_topic("chips", load_topic_lexicon())
    hit = [SearchHit(article, 1.0, "")]
    later = rank_articles(query, hit, now_at=datetime(2030, 1, 1, tzinfo=UTC))
    sooner = rank_articles(query, hit, now_at=NOW_AT)
    assert later[0].recency < sooner[0].recency
    assert build_brief(query, later).tldr == build_brief(query, sooner).tldr
