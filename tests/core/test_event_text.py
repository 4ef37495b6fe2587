"""Event text rules: statements that stand alone, commentary left out of the timeline."""

from __future__ import annotations

import pytest

from bot.core.event_text import is_analysis, standalone_statement
from bot.core.standalone import opens_on_previous, stands_alone


def test_a_statement_pointing_back_is_joined_with_its_sentence_before() -> None:
    previous = "Recent US moves indicate the administration wants to speed up its crackdown."
    statement = "These include passing the CHIPS Act in early August"
    assert standalone_statement(statement, statement, previous) == f"{previous} {statement}"


def test_without_a_usable_sentence_before_the_dash_clause_stands() -> None:
    statement = (
        "It lists “self-reliance” as being among the priorities for the coming five years – "
        "a crucial period as the nation strives to become a tech powerhouse by mid-century"
    )
    previous = "According to Xi, “technology is the foremost productive force…"  # unbalanced
    assert standalone_statement(statement, statement, previous) == (
        "… a crucial period as the nation strives to become a tech powerhouse by mid-century"
    )


def test_a_statement_with_nothing_to_stand_on_is_dropped() -> None:
    assert standalone_statement("They include rules from March", "", None) is None


def test_a_self_contained_statement_is_kept_as_it_is() -> None:
    statement = "It is expected that the fab opens in 2025"
    assert standalone_statement(statement, statement, "Anything.") == statement


@pytest.mark.parametrize(
    "text", ["It lists the priorities for 2025.", "They include a ban from 2023.", "These are new."]
)
def test_openings_that_point_back(text: str) -> None:
    assert opens_on_previous(text)


def test_the_brief_rule_stays_narrower() -> None:
    # The brief's own test is unchanged: "It lists…" is still a brief sentence.
    assert stands_alone("It lists the priorities for 2025.")


@pytest.mark.parametrize(
    ("sentence", "date", "analysis"),
    [
        ("China's 2026 'Dual Research' strategy aligns with the Plan's emphasis.", "2026", True),
        ("The 2024 budget reflects a shift to research.", "2024", True),
        ("In 2026 the ministry launched its 'Dual Research' strategy.", "2026", False),
        ("China's 2026 strategy was published in March.", "2026", False),
        ("The plan aligns spending with targets by 2028.", "2028", False),
    ],
)
def test_commentary_on_a_dated_thing_is_not_an_event(
    sentence: str, date: str, analysis: bool
) -> None:
    start = sentence.index(date)
    assert is_analysis(sentence, start, start + len(date)) is analysis


@pytest.mark.parametrize(
    "text",
    ["公司预计明年2月公布全年业绩。", "该公司计划下周四交付样机。", "这需要整个产业链共同努力。",
     "他表示，新规将于明年生效。", "新规定于2026年12月1日起生效。"],
)  # fmt: skip
def test_chinese_openings_that_point_back(text: str) -> None:
    assert opens_on_previous(text)


@pytest.mark.parametrize(
    "text",
    [
        "中芯国际预计明年2月公布全年业绩。",
        "此外，商务部将于明年发布细则。",
        "根据规划，十四五期间…",
    ],
)
def test_chinese_sentences_naming_their_subject_stand(text: str) -> None:
    assert not opens_on_previous(text)


def test_a_chinese_statement_runs_on_after_the_full_stop_before_it() -> None:
    previous = "中芯国际在《第三季度业绩公告》中称，公司本季度营收同比增长12%。"
    statement = "公司预计明年2月公布全年业绩。"
    assert standalone_statement(statement, statement, previous) == previous + statement
