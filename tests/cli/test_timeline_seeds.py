"""The seeds' ``briefbot timeline china``: lines that read alone, mid-century near 2050, one week."""

from __future__ import annotations

import json
import re

import pytest

from bot.cli import app, timeline
from bot.core.standalone import opens_on_previous, stands_alone
from tests.cli.helpers import run_cli


@pytest.fixture(autouse=True)
def timeline_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the real entry point knows the command, whether or not app.py lists it yet."""
    if timeline.register not in app.REGISTRARS:
        monkeypatch.setattr(app, "REGISTRARS", (*app.REGISTRARS, timeline.register))


def _events(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    result = run_cli(capsys, "timeline", "china", "--format", "json")
    assert result.status == 0, result.err
    events: list[dict[str, object]] = result.json()["events"]
    assert len(events) >= 8
    return events


def test_every_event_line_reads_alone(capsys: pytest.CaptureFixture[str]) -> None:
    for event in _events(capsys):
        statement = str(event["statement"])
        if statement.startswith("… "):  # a clause cut from a sentence pointing back
            statement = statement[2:]
            assert not opens_on_previous(statement), statement
            continue
        assert stands_alone(statement), statement
        assert not opens_on_previous(statement), statement


def test_commentary_on_a_dated_strategy_is_no_event(capsys: pytest.CaptureFixture[str]) -> None:
    statements = [str(e["statement"]) for e in _events(capsys)]
    assert not [s for s in statements if "'Dual Research' strategy aligns" in s]
    assert not [s for s in statements if s.startswith(("These include", "It lists"))]
    assert any("These include passing the CHIPS Act" in s for s in statements)


def test_mid_century_exports_around_2050_with_its_text(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "china", "--format", "timelinejs")
    assert result.status == 0, result.err
    (slide,) = [s for s in result.json()["events"] if "mid-century" in s["text"]["text"]]
    assert slide["display_date"] == "mid-21st century"
    start, end = slide["start_date"]["year"], slide["end_date"]["year"]
    assert start < 2050 < end
    assert (start + end) / 2 == 2050
    assert "tech powerhouse by mid-century [2]" in slide["text"]["text"]
    assert slide["text"]["headline"].endswith("…")  # cut at a word for the slide's title


@pytest.mark.parametrize("form", ["text", "md", "json", "timelinejs"])
def test_the_week_of_2022_10_16_appears_once_in_every_format(
    capsys: pytest.CaptureFixture[str], form: str
) -> None:
    args = ("timeline", "china") if form == "text" else ("timeline", "china", "--format", form)
    result = run_cli(capsys, *args)
    assert result.status == 0, result.err
    out = result.flat
    assert out.count("week of 16 Oct 2022") == 1, form
    assert "week of 17 Oct" not in out
    if form == "json":
        (week,) = [e for e in result.json()["events"] if e["precision"] == "week"]
        assert (week["starts_at"], week["ends_at"]) == (
            "2022-10-16T00:00:00+00:00",
            "2022-10-23T00:00:00+00:00",
        )
    if form == "timelinejs":
        (slide,) = [
            s
            for s in json.loads(result.out)["events"]
            if s["display_date"] == "week of 16 Oct 2022"
        ]
        assert slide["start_date"] == {"year": 2022, "month": 10, "day": 16}
        assert slide["end_date"] == {"year": 2022, "month": 10, "day": 22}
    else:
        # The event's week and the source's week are the same Sunday-based week.
        assert len(re.findall(r"week of 2022-10-16", out)) == 1, form
