"""Briefs on the three seed articles, built as the store would hand them over."""

from __future__ import annotations

import pytest

from bot.core.brief import (
    Brief,
    TopicNotFound,
    build_article_brief,
    build_brief,
    expand_topic,
    load_topic_lexicon,
    rank_articles,
    resolve_topic,
    suggest_topics,
)
from bot.core.brief.related import related_articles
from bot.core.models import Article, SearchHit
from tests.core.brief.seed_articles import NOW_AT, seed_articles
from tests.core.brief.test_brief_rules import make_article

SEED_000, SEED_002, SEED_004 = 1, 2, 3


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return seed_articles()


def brief_on(topic: str, articles: list[Article]) -> Brief | TopicNotFound:
    """The service's glue, minus the store: every seed is a hit, the topic filters them."""
    lexicon = load_topic_lexicon()
    query = expand_topic(resolve_topic(topic, lexicon), articles)
    hits = [SearchHit(article, 1.0, "") for article in articles]
    ranked = rank_articles(query, hits, now_at=NOW_AT)
    if not ranked:
        return suggest_topics(topic, lexicon, ["china", "chip", "technology"])
    return build_brief(query, ranked)


def cited_ids(brief: Brief) -> set[int]:
    return {source.article_id for source in brief.sources}


def source_number(brief: Brief, article_id: int) -> int:
    return next(s.number for s in brief.sources if s.article_id == article_id)


def test_chips_cites_all_three_seeds(articles: list[Article]) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    assert cited_ids(brief) == {SEED_000, SEED_002, SEED_004}
    assert brief.headline is not None
    assert 1 <= len(brief.tldr) <= 2
    assert 3 <= len(brief.key_takeaways) <= 5


def test_lithography_cites_the_seeds_that_discuss_it(articles: list[Article]) -> None:
    brief = brief_on("lithography", articles)
    assert isinstance(brief, Brief)
    assert cited_ids(brief) == {SEED_000, SEED_002}


def test_bananas_is_not_found_and_offers_no_unrelated_topics(articles: list[Article]) -> None:
    answer = brief_on("bananas", articles)
    assert isinstance(answer, TopicNotFound)
    assert answer.message == "Nothing stored on 'bananas'."
    assert answer.suggestions == ()


def test_a_misspelt_topic_is_offered_only_names_spelled_like_it(articles: list[Article]) -> None:
    answer = brief_on("chipz", articles)
    assert isinstance(answer, TopicNotFound)
    assert answer.suggestions == ("chip", "Chips & semiconductors")


def test_what_to_do_next_draws_on_002_and_000s_card(articles: list[Article]) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    texts = {item.text: item for item in brief.what_to_do_next}
    card_item = "Evaluate enterprise-led grants for applied semi research in your AI chip projects."
    assert card_item in texts
    assert texts[card_item].citations == (source_number(brief, SEED_000),)
    # 002's "China should …" prescriptions are for a government, not for the team reading this.
    assert not [i for i in brief.what_to_do_next if i.text.startswith(("China", "According"))]
    # The speaker is named once: in the sentence, or appended when the sentence does not say.
    assert all(
        item.attribution is None or item.attribution.casefold() not in item.text.casefold()
        for item in brief.what_to_do_next
    )


def test_who_should_care_names_industry_and_researchers_with_cited_cues(
    articles: list[Article],
) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    by_key = {audience.key: audience for audience in brief.who_should_care}
    assert {"semiconductor_industry", "researchers"} <= set(by_key)
    numbers = {source.number for source in brief.sources}
    for key in ("semiconductor_industry", "researchers"):
        assert by_key[key].cues
        assert by_key[key].citations
        assert set(by_key[key].citations) <= numbers
    assert any("chip" in cue.lower() for cue in by_key["semiconductor_industry"].cues)


def test_voices_name_speakers_with_roles(articles: list[Article]) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    speakers = {voice.speaker: voice.role for voice in brief.voices}
    assert "Hu Qimu" in speakers
    assert (
        speakers["Hu Qimu"] == "chief research fellow at the Sinosteel Economic Research Institute"
    )


def test_only_quoted_words_are_verbatim_voices(articles: list[Article]) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    by_speaker = {voice.speaker: voice for voice in brief.voices}
    hu, fu = by_speaker["Hu Qimu"], by_speaker["Fu Liang"]
    # Hu's words stand inside quotation marks in the article: the voice is that span alone.
    assert hu.verbatim
    assert hu.quote.text.startswith("China could count on")
    assert "Hu said" not in hu.quote.text
    # Fu's is reported speech ("…, said Fu Liang"): the whole sentence, not a quotation.
    assert not fu.verbatim
    assert fu.quote.text.startswith("It is very difficult")
    assert "said Fu Liang" in fu.quote.text


def test_related_updates_never_repeat_a_cited_source(articles: list[Article]) -> None:
    lexicon = load_topic_lexicon()
    query = resolve_topic("lithography", lexicon)
    ranked = rank_articles(query, [SearchHit(a, 1.0, "") for a in articles], now_at=NOW_AT)
    brief = build_brief(query, ranked, related=articles)
    assert brief.related
    assert not {r.article_id for r in brief.related} & cited_ids(brief)
    assert [r.article_id for r in brief.related] == [SEED_004]


def test_related_updates_are_on_the_cited_articles_subject(articles: list[Article]) -> None:
    on_subject = make_article(
        10,
        "China mobilises national resources for core technology",
        "China said it will mobilise national resources to achieve breakthroughs in core "
        "technologies as US pressure grows.",
    )
    off_subject = make_article(
        11,
        "Harbour cranes return",
        "The port of Rotterdam said its new harbour cranes were back in service after a week of "
        "repairs to their control systems.",
    )
    related = related_articles(articles, [off_subject, on_subject])
    assert [r.article_id for r in related] == [10]


def test_no_boilerplate_reaches_the_brief(articles: list[Article]) -> None:
    brief = brief_on("chips", articles)
    assert isinstance(brief, Brief)
    text = " ".join(item.text for item in brief.cited_sentences())
    for noise in ("Leave a Reply", "No comments yet", "要查看或添加评论", "(Global Times)"):
        assert noise not in text


def test_briefs_are_deterministic(articles: list[Article]) -> None:
    assert brief_on("chips", articles) == brief_on("chips", list(articles))


def test_article_brief_cites_only_that_article(articles: list[Article]) -> None:
    brief = build_article_brief(articles[1])
    assert cited_ids(brief) == {SEED_002}
    assert brief.topic == articles[1].title
    assert brief.tldr
