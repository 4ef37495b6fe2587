"""A disagreement between outlets in every renderer: terminal, Markdown, JSON, Discord embeds."""

from __future__ import annotations

import json
import re

from rich.console import Console

from bot.core.brief.model import Brief
from bot.render.brief_markdown import render_brief_markdown
from bot.render.brief_terminal import print_brief
from bot.render.embed_brief import render_brief
from bot.render.embeds import page_problems
from bot.render.json import render_json
from tests.core.brief.test_discrepancy import DISAGREEING, _brief
from tests.discord_double.limits import message_problems

OURS, THEIRS = DISAGREEING[0][0], DISAGREEING[0][1]


def _disputed() -> tuple[Brief, int, int]:
    brief = _brief(("Quake strikes Qeshm island", OURS), ("Strong quake hits Qeshm", THEIRS))
    (sentence,) = brief.disputed_sentences()
    (other,) = sentence.disagreements
    return brief, sentence.citations[0], other.citation


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_terminal_shows_both_wordings_each_with_its_number() -> None:
    brief, ours, theirs = _disputed()
    console = Console(width=300, record=True, color_system=None)
    print_brief(brief, console)
    text = _one_line(re.sub("[\u2500-\u257f]", " ", console.export_text()))
    shown = text.index(OURS) if OURS in text else -1
    assert shown >= 0, text
    after = text[shown + len(OURS) :]
    assert after.startswith(f" [{ours}] ⚠ Sources differ (6. 1 / 5. 9): “{THEIRS}” [{theirs}]")


def test_markdown_nests_the_other_wording_under_the_sentence() -> None:
    brief, ours, theirs = _disputed()
    lines = render_brief_markdown(brief).splitlines()
    shown = next(i for i, line in enumerate(lines) if "magnitude quake" in line)
    assert lines[shown].endswith(f"[{ours}]")
    nested = lines[shown + 1]
    # The TL;DR is a block quote: the nested item stays inside it.
    quote = "> " if lines[shown].startswith("> ") else ""
    assert nested.startswith(f"{quote}  - ⚠ *Sources differ* (6. 1 / 5. 9): “")
    assert nested.endswith(f"[{theirs}]")


def test_json_carries_the_other_outlets_own_sentence_and_what_differs() -> None:
    brief, _, theirs = _disputed()
    document = json.loads(render_json(brief))
    items = [
        item
        for key in ("tldr", "what_changed", "why_it_matters", "whats_next", "key_takeaways")
        for item in document[key]
    ]
    (disputed,) = [item for item in items if item["disagreements"]]
    (other,) = disputed["disagreements"]
    assert other["citation"] == theirs
    assert other["text"] in (OURS, THEIRS)
    assert other["text"] != disputed["text"]
    assert other["differences"][0]["kind"] == "number"
    assert {other["differences"][0]["ours"], other["differences"][0]["theirs"]} == {"6. 1", "5. 9"}
    assert any(s["number"] == theirs for s in document["sources"])


def test_discord_embeds_show_the_disagreement_within_limits() -> None:
    brief, ours, theirs = _disputed()
    pages = render_brief(brief)
    for page in pages:
        assert page_problems(page) == []
        assert message_problems({"embeds": [c.to_dict() for c in page]}, creating=True) == []
    text = "\n".join(c.description for page in pages for c in page)
    lines = text.splitlines()
    shown = next(
        i for i, line in enumerate(lines) if "magnitude quake" in line and "differ" not in line
    )
    assert lines[shown].endswith(f"[{ours}]")
    assert "⚠ *Sources differ*" in lines[shown + 1]
    assert lines[shown + 1].endswith(f"\u00a0[{theirs}]")
