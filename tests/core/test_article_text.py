"""Tests for the plain-text parser: seeds, furniture, card sections, subheads, properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.article_text import parse_article_text, parse_plain_text
from bot.core.cleaning import clean_text, normalise_text
from bot.core.models import CardSectionKind, ParsedText
from tests.conftest import SEEDS_DIR


def _seed(prefix: str) -> str:
    (path,) = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def _all_text(parsed: ParsedText) -> str:
    items = [item for section in parsed.card for item in section.items]
    return "\n".join([parsed.title, *parsed.paragraphs, *items])


def _section(parsed: ParsedText, kind: CardSectionKind) -> tuple[str, ...]:
    (section,) = [s for s in parsed.card if s.kind is kind]
    return section.items


@pytest.fixture(scope="module")
def card_seed() -> ParsedText:
    return parse_plain_text(_seed("000"))


@pytest.fixture(scope="module")
def global_times_seed() -> ParsedText:
    return parse_plain_text(_seed("002"))


@pytest.fixture(scope="module")
def linkedin_seed() -> ParsedText:
    return parse_plain_text(_seed("004"))


@pytest.mark.parametrize(
    "junk",
    [
        "Freshcollected",
        "PostLinkedIn",
        "Read original on",
        "30-Second",
        "Deep Insight",
        "AI-generated analysis",
        "AI analysis grounded",
        "Weekly AI Recap",
        "curated digest",
        "Related Updates",
        "AI-curated news aggregator",
        "Original source",
        "🐯",
        "💡",
        "⚡",
        "🧠",
        "🔑",
        "🔮",
        "📰",
        "👉",
    ],
)
def test_card_seed_furniture_is_gone(card_seed: ParsedText, junk: str) -> None:
    assert junk not in _all_text(card_seed)


def test_card_seed_title_lead_and_body(card_seed: ParsedText) -> None:
    assert card_seed.title == "Breaking Medium Tech Trap with Dual Research"
    summary = "Policy blueprint for China semis R&D impacts AI chip innovation"
    assert card_seed.lead == summary
    assert card_seed.paragraphs == (summary,)


def test_card_seed_sections_are_recognised_in_order(card_seed: ParsedText) -> None:
    assert [section.kind for section in card_seed.card] == [
        CardSectionKind.WHAT_CHANGED,
        CardSectionKind.WHY_IT_MATTERS,
        CardSectionKind.WHAT_TO_DO_NEXT,
        CardSectionKind.WHO_SHOULD_CARE,
        CardSectionKind.KEY_TAKEAWAYS,
        CardSectionKind.FUTURE_IMPLICATIONS,
        CardSectionKind.TIMELINE,
    ]


def test_card_seed_section_items(card_seed: ParsedText) -> None:
    assert _section(card_seed, CardSectionKind.WHO_SHOULD_CARE) == ("Researchers & Academics",)
    assert _section(card_seed, CardSectionKind.WHAT_TO_DO_NEXT) == (
        "Evaluate enterprise-led grants for applied semi research in your AI chip projects.",
    )
    takeaways = _section(card_seed, CardSectionKind.KEY_TAKEAWAYS)
    assert len(takeaways) == 3
    assert takeaways[0].startswith("China's 2026 'Dual Research' strategy aligns")
    assert not any(item.startswith("•") for item in takeaways)
    implications = _section(card_seed, CardSectionKind.FUTURE_IMPLICATIONS)
    assert implications[0] == (
        "China will increase the ratio of basic research funding to total R&D expenditure "
        "to over 10% by 2028."
    )
    assert len(implications) == 4


def test_card_seed_timeline_keeps_date_and_event_together(card_seed: ParsedText) -> None:
    timeline = _section(card_seed, CardSectionKind.TIMELINE)
    assert timeline == (
        "2021-03: China's 14th Five-Year Plan explicitly sets a target to increase basic research "
        "spending to 8% of total R&D.",
        "2023-09: Introduction of the 'New Quality Productive Forces' concept to guide industrial "
        "upgrading.",
        "2024-03: Government Work Report emphasizes 'self-reliance' in science and technology as "
        "a national security priority.",
    )


def test_card_seed_names_the_original_outlet() -> None:
    _, hints = parse_article_text(_seed("000"))
    assert hints.original_publisher == "虎嗅"


@pytest.mark.parametrize(
    "junk",
    [
        "(Global Times)",
        "Comments",
        "No comments yet",
        "Leave a Reply",
        "Your email address will not be published",
        "Required fields",
        "Chip technology breakthroughs",
        "Inclusive system",
    ],
)
def test_global_times_seed_furniture_and_subheads_are_gone(
    global_times_seed: ParsedText, junk: str
) -> None:
    assert junk not in global_times_seed.body


def test_global_times_seed_keeps_the_article(global_times_seed: ParsedText) -> None:
    assert global_times_seed.title.startswith("China eyes mobilizing nationwide resources")
    assert global_times_seed.title not in global_times_seed.body
    assert global_times_seed.lead.startswith("As China takes action to improve a new system")
    assert len(global_times_seed.paragraphs) == 25
    assert global_times_seed.paragraphs[-1].startswith("According to experts, in the first step")
    assert "lithography machine" in global_times_seed.body
    assert global_times_seed.card == ()


def test_global_times_seed_credit_line_names_the_publisher() -> None:
    _, hints = parse_article_text(_seed("002"))
    assert hints.publisher == "Global Times"


@pytest.mark.parametrize(
    "junk",
    [
        "要查看或添加评论",
        "的更多文章",
        "社区洞察",
        "其他会员也浏览了",
        "China.?",
        "20th?Party",
        "??",
    ],
)
def test_linkedin_seed_tail_and_broken_marks_are_gone(linkedin_seed: ParsedText, junk: str) -> None:
    assert junk not in linkedin_seed.body


def test_linkedin_seed_keeps_the_article(linkedin_seed: ParsedText) -> None:
    assert linkedin_seed.title == (
        "China to Step Up Domestic Tech Innovation in the Face of US Restrictions"
    )
    assert len(linkedin_seed.paragraphs) == 8
    assert "In his speech before the 20th Party Congress on Sunday" in linkedin_seed.body
    assert "advanced computer chip technologies to China." in linkedin_seed.body
    assert linkedin_seed.paragraphs[-1].endswith("quantum computing, and aerospace.")


def test_linkedin_seed_tail_names_the_author() -> None:
    _, hints = parse_article_text(_seed("004"))
    assert hints.author == "LEHMAN, LEE & XU China Lawyers"


def test_given_title_is_not_repeated_in_body() -> None:
    parsed = parse_plain_text("Chip plan\n\nChip plan\n\nThe plan was adopted.", title="Chip plan")
    assert parsed.title == "Chip plan"
    assert parsed.paragraphs == ("The plan was adopted.",)


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    text = (
        "Title\n\nThe commission reviewed and adopted the guideline on improving a new\n"
        "system to mobilise resources from all over the country.\n\nSecond paragraph here."
    )
    parsed = parse_plain_text(text)
    assert parsed.paragraphs == (
        "The commission reviewed and adopted the guideline on improving a new system to "
        "mobilise resources from all over the country.",
        "Second paragraph here.",
    )


def test_subhead_between_single_newlines_is_dropped() -> None:
    text = "Title\nFirst paragraph ends here.\nA subhead\nThe section starts with prose."
    parsed = parse_plain_text(text)
    assert parsed.paragraphs == ("First paragraph ends here.", "The section starts with prose.")


def test_bullets_in_body_are_kept_as_paragraphs() -> None:
    text = "Title\n\nThe plan lists:\n- Lower costs\n- Faster chips\n\nThat is all."
    parsed = parse_plain_text(text)
    assert parsed.paragraphs == ("The plan lists:", "Lower costs", "Faster chips", "That is all.")


def test_long_first_line_is_body_and_gives_a_short_title() -> None:
    sentence = "China said on Wednesday that it will pool national resources for chips."
    text = sentence + " " + "More detail follows in this very long opening line. " * 5
    parsed = parse_plain_text(text)
    assert parsed.title == sentence
    assert parsed.paragraphs[0].startswith(sentence)


def test_inline_timeline_and_audience_list() -> None:
    text = (
        "Card\n\nTimeline\n2022-10 — Export controls announced.\nOctober 16, 2022\n"
        "Party Congress opens.\n\nWho should care: Chipmakers, Investors; Researchers"
    )
    parsed = parse_plain_text(text)
    assert _section(parsed, CardSectionKind.TIMELINE) == (
        "2022-10: Export controls announced.",
        "October 16, 2022: Party Congress opens.",
    )
    assert _section(parsed, CardSectionKind.WHO_SHOULD_CARE) == (
        "Chipmakers",
        "Investors",
        "Researchers",
    )


def test_heading_word_inside_prose_is_not_a_card_heading() -> None:
    parsed = parse_plain_text("Title\n\nTimelines for the plan are tight, officials said.")
    assert parsed.card == ()
    assert parsed.paragraphs == ("Timelines for the plan are tight, officials said.",)


def test_question_marks_that_are_real_survive() -> None:
    text = "Title\n\nWhy does it matter? Nobody knows. See https://example.com/a?b=c for more."
    assert parse_plain_text(text).paragraphs == (
        "Why does it matter? Nobody knows. See https://example.com/a?b=c for more.",
    )


def test_empty_and_furniture_only_text_gives_nothing() -> None:
    assert parse_plain_text("") == ParsedText(title="", paragraphs=())
    parsed = parse_plain_text("PostLinkedIn\n\nLeave a Reply\n\nComments")
    assert parsed.title == ""
    assert parsed.paragraphs == ()


def test_clean_text_repairs_encoding_marks_and_emoji() -> None:
    assert clean_text("to China.?\n20th?Party\n🐯Read") == "to China.\n20th Party\n Read"


_LINES = st.sampled_from(
    [
        "",
        "Comments",
        "PostLinkedIn",
        "Timeline",
        "2021-03",
        "Who should care:Researchers",
        "• A bullet point",
        "A short subhead",
        "The plan was adopted on Wednesday.",
        "要查看或添加评论，请登录",
        "20th?Party Congress.?",
        "(Global Times)",
        "💡Policy blueprint",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=25))
def test_paragraphs_are_substrings_of_normalised_input(lines: list[str]) -> None:
    text = "\n".join(lines)
    parsed = parse_plain_text(text)
    normalised = normalise_text(text)
    for paragraph in parsed.paragraphs:
        assert paragraph in normalised
    assert parsed.lead == (parsed.paragraphs[0] if parsed.paragraphs else "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_parser_never_crashes_on_any_text(text: str) -> None:
    parsed = parse_plain_text(text)
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in parsed.paragraphs)
    assert all(item for section in parsed.card for item in section.items)
