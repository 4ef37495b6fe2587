"""Answers that name the filters a person gave, and refusals of arguments that cannot work."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run_cli


def test_brief_from_an_unknown_source_says_the_topic_exists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "brief", "chips", "--source", "Nope")
    assert result.status == 1
    assert result.flat == "Nothing on 'chips' from Nope (3 articles on it without this filter)."
    assert "Closest topics" not in result.flat


def test_brief_since_a_future_date_names_both_filters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "brief", "chips", "--since", "2030-01-01", "--source", "Nope")
    assert result.status == 1
    assert result.flat == (
        "Nothing on 'chips' from Nope since 2030-01-01 (3 articles on it without these filters)."
    )
    capped = run_cli(capsys, "brief", "chips", "--since", "2030-01-01", "--max-articles", "2")
    # The count is of every article on the topic, not of the few a brief would cite.
    assert "(3 articles on it without this filter)" in capped.flat


def test_filtered_brief_on_an_unknown_topic_still_suggests_topics(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "brief", "zebras", "--source", "Nope")
    assert result.status == 1
    assert result.flat.startswith("Nothing stored on 'zebras'.")


def test_brief_without_topic_or_article_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief")
    assert result.status == 2
    assert result.err == "Give a topic (briefbot brief chips) or --article ID."
    both = run_cli(capsys, "brief", "chips", "--article", "1")
    assert both.status == 2
    assert both.err.endswith("or --article ID, not both.")


def test_blank_brief_topic_is_refused_in_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "brief", "  ")
    assert result.status == 2
    assert result.err == "The topic is blank: give a word or phrase, e.g. briefbot brief chips."
    assert result.out == ""


def test_articles_from_an_unknown_source_are_not_called_an_empty_store(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "articles", "--source", "Nope")
    assert result.status == 0
    assert result.flat == "No stored articles from Nope."


def test_search_with_a_reversed_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "search", "chips", "--since", "2023-01-01", "--until", "2022-01-01")
    assert result.status == 2
    assert result.err == (
        "--since 2023-01-01 is not before --until 2022-01-01: give the earlier date to --since."
    )
    assert result.out == ""
