"""Golden seed briefs, section by section, through the real CLI, parser and SQLite store.

It runs on both store backends (SQLite and PostgreSQL): the same files hold for both.
A deliberate change to the brief rules updates the files: ``UPDATE_GOLDEN=1 pytest
tests/cli/test_brief_golden.py``, then review the diff like any other change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run_cli
from tests.cli.test_brief_command import SEED_TITLES

GOLDEN = Path(__file__).with_name("golden")
SECTIONS = (
    "headline",
    "tldr",
    "what_changed",
    "why_it_matters",
    "whats_next",
    "voices",
    "key_takeaways",
    "what_to_do_next",
)
SEED_OF_TITLE = {title: seed for seed, title in SEED_TITLES.items()}


def _sections(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each section's sentences with the seed files they cite (numbers depend on order)."""
    seed_of_number = {s["number"]: SEED_OF_TITLE[s["title"]] for s in document["sources"]}
    out: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        value = document[section]
        items = value if isinstance(value, list) else [value] if value else []
        rows = []
        for item in items:
            sentence = item.get("quote", item)
            row = {
                "text": sentence["text"],
                "cites": sorted(seed_of_number[n] for n in sentence["citations"]),
            }
            if "speaker" in item:
                row["speaker"] = item["speaker"]
                row["verbatim"] = item["verbatim"]
            rows.append(row)
        out[section] = rows
    return out


@pytest.mark.parametrize("topic", ["chips", "lithography", "export controls"])
def test_seed_brief_matches_its_golden_sections(
    capsys: pytest.CaptureFixture[str],
    topic: str,
    store_backend: str,
) -> None:
    result = run_cli(capsys, "brief", *topic.split(), "--format", "json")
    assert result.status == 0, result.err
    actual = _sections(result.json())
    path = GOLDEN / f"brief_{topic.replace(' ', '_')}.json"
    if os.environ.get("UPDATE_GOLDEN") and store_backend == "sqlite":
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    for section in SECTIONS:
        assert actual[section] == expected[section], f"{topic}: section {section} changed"
