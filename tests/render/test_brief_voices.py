"""Voices in every renderer: quoted words in quotation marks, reported speech without them."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console

from bot.core.brief import Brief
from bot.render.brief_markdown import render_brief_markdown
from bot.render.brief_terminal import print_brief
from bot.render.embed_brief import brief_sections
from tests.core.brief.seed_articles import seed_articles
from tests.core.brief.test_brief_rules import make_article
from tests.core.brief.test_brief_seeds import brief_on

QUOTED = "China could count on the functions of the state system"
REPORTED = "It is very difficult to make breakthroughs in some technologies"


@pytest.fixture(scope="module")
def brief() -> Brief:
    built = brief_on("chips", seed_articles())
    assert isinstance(built, Brief)
    return built


def _terminal(brief: Brief) -> str:
    out = io.StringIO()
    print_brief(brief, Console(file=out, width=400, color_system=None))
    return out.getvalue()


def _embed_voices(brief: Brief) -> str:
    sections = {section.title: section.lines for section in brief_sections(brief)}
    return "\n".join(sections["Voices"])


@pytest.mark.parametrize(
    "render", [_terminal, render_brief_markdown, _embed_voices], ids=["terminal", "md", "embed"]
)
def test_only_the_speakers_own_words_are_in_quotation_marks(
    brief: Brief, render: Callable[[Brief], str]
) -> None:
    text = render(brief)
    assert f"“{QUOTED}" in text
    assert REPORTED in text
    assert f"“{REPORTED}" not in text


@pytest.fixture(scope="module")
def reported_brief() -> Brief:
    article = make_article(
        1,
        "Quake hits Qeshm island",
        "The 6.1-magnitude quake struck Qeshm island on Sunday, state media said.",
        "Officials said the damage to the island was limited to old buildings.",
    )
    built = brief_on("qeshm quake", [article])
    assert isinstance(built, Brief)
    assert [v.speaker for v in built.voices] == ["Officials"]
    assert built.voices[0].speaks_for_itself
    return built


@pytest.mark.parametrize(
    "render", [_terminal, render_brief_markdown, _embed_voices], ids=["terminal", "md", "embed"]
)
def test_a_sentence_that_opens_with_its_speaker_is_not_prefixed_with_them(
    reported_brief: Brief, render: Callable[[Brief], str]
) -> None:
    text = render(reported_brief)
    assert "Officials said the damage" in text
    assert "Officials**: Officials" not in text
    assert "Officials: Officials" not in text
