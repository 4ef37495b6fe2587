"""``briefbot timeline`` end to end on the seeds: formats, filters, errors and the PNG chart."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import app, timeline
from tests.cli.helpers import Run, run_cli

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def timeline_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the real entry point knows the command, whether or not app.py lists it yet."""
    if timeline.register not in app.REGISTRARS:
        monkeypatch.setattr(app, "REGISTRARS", (*app.REGISTRARS, timeline.register))


def events_by_value(run: Run) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for event in run.json()["events"]:
        out.setdefault(event["value"], []).append(event)
    return out


def test_chips_timeline_golden(
    capsys: pytest.CaptureFixture[str],
    store_backend: str,
) -> None:
    # On both backends: the source numbers follow the ranking, which is bm25 on both.
    result = run_cli(capsys, "timeline", "chips")
    assert result.status == 0
    flat = result.flat
    assert flat.startswith("Timeline: chips")
    # "These include …" is joined with the sentence it points back to.
    assert "early Aug 2022 Recent US moves indicate the Biden administration wants" in flat
    assert "chip industry. These include passing the CHIPS Act in early August" in flat
    assert "6 Sep 2022 On Tuesday, the US Department of Commerce released its strategy" in flat
    assert "Guidance for companies to apply for supportive funds will be released next " in flat
    assert "February [2] ‹upcoming at publication› ‹expected›" in flat
    assert "≈ 16 Oct 2022 In his speech before the 20th Party Congress on Sunday" in flat
    assert flat.index("early Aug 2022") < flat.index("6 Sep 2022") < flat.index("Feb 2023")
    assert "2022 early Aug 2022" in flat  # the year heading comes before its events
    assert "Sources" in flat
    assert "— Global Times, 2022-09-07" in flat


def test_chips_timeline_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chips", "--format", "json")
    assert result.status == 0
    events = events_by_value(result)
    assert events["2022-08"][0]["date_label"] == "early Aug 2022"
    assert events["2022-08"][0]["mod"] == "START"
    assert "CHIPS Act" in str(events["2022-08"][0]["statement"])
    assert "Department of Commerce" in str(events["2022-09-06"][0]["statement"])
    guidance = events["2023-02"][0]
    assert guidance["expected"] is True
    assert guidance["markers"] == ["upcoming at publication", "expected"]
    sources = result.json()["sources"]
    assert [s["number"] for s in sources] == list(range(1, len(sources) + 1))
    cited = {n for e in result.json()["events"] for n in e["sources"]}
    assert cited == {s["number"] for s in sources}


def test_upcoming_keeps_only_events_after_now(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chips", "--upcoming", "--format", "json")
    assert result.status == 0
    events = result.json()["events"]
    now_at = datetime.now(UTC)
    assert events, "the seeds speak of mid-century"
    assert all(e["upcoming"] and datetime.fromisoformat(e["starts_at"]) > now_at for e in events)
    assert "mid-21st century" in {e["date_label"] for e in events}


def test_from_and_to_filter_events_inclusively(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys,
        "timeline",
        "chips",
        "--from",
        "2022-09-01",
        "--to",
        "2022-09-06",
        "--format",
        "json",
    )
    assert result.status == 0
    values = set(events_by_value(result))
    assert "2022-09-06" in values
    assert not values & {"2022-08", "2022-09-08", "2023-02"}
    for event in result.json()["events"]:
        assert event["starts_at"] < "2022-09-07"
        assert event["ends_at"] > "2022-09-01"
    later = run_cli(capsys, "timeline", "chips", "--from", "2023-01-01", "--format", "json")
    assert "2023-02" in events_by_value(later)
    assert all(e["ends_at"] > "2023-01-01" for e in later.json()["events"])


def test_from_after_to_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chips", "--from", "2024-01-01", "--to", "2023-01-01")
    assert result.status == 2
    assert (
        result.err == "--from 2024-01-01 is after --to 2023-01-01: give the earlier date to --from."
    )
    assert result.out == ""


def test_unknown_topic_suggests_close_ones(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chipz")
    assert result.status == 1
    assert "Nothing stored on 'chipz'." in result.flat
    assert "Closest topics that do exist:" in result.flat
    markdown = run_cli(capsys, "timeline", "chipz", "--format", "md")
    assert markdown.status == 1
    assert markdown.out.startswith("Nothing stored on 'chipz'.")


def test_markdown_and_timelinejs_formats(capsys: pytest.CaptureFixture[str]) -> None:
    markdown = run_cli(capsys, "timeline", "chips", "--format", "md")
    assert markdown.status == 0
    assert markdown.out.startswith("## Timeline: chips\n")
    assert "- **early Aug 2022** — Recent US moves indicate" in markdown.out
    assert "### Sources" in markdown.out
    exported = run_cli(capsys, "timeline", "chips", "--format", "timelinejs")
    assert exported.status == 0
    document = exported.json()
    assert document["title"]["text"]["headline"] == "Timeline: chips"
    starts = {s["display_date"]: s["start_date"] for s in document["events"]}
    assert starts["early Aug 2022"] == {"year": 2022, "month": 8, "day": 1}  # 1–10 Aug
    assert starts["mid-21st century"] == {"year": 2040}
    assert starts["6 Sep 2022"] == {"year": 2022, "month": 9, "day": 6}


def test_chart_writes_a_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chart = tmp_path / "chips.png"
    result = run_cli(capsys, "timeline", "chips", "--chart", str(chart))
    assert result.status == 0
    assert f"Chart written to {chart}." in result.err
    assert chart.read_bytes()[:8] == PNG_SIGNATURE
    assert chart.stat().st_size > 20_000


def test_chart_needs_a_png_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "timeline", "chips", "--chart", "chips.jpg")
    assert exit_info.value.code == 2
    assert "'chips.jpg' is not a .png file name" in capsys.readouterr().err


def test_unwritable_chart_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    chart = tmp_path / "missing-folder" / "chips.png"
    result = run_cli(capsys, "timeline", "chips", "--chart", str(chart))
    assert result.status == 1
    assert f"Could not write the chart to {chart}" in result.err


def test_statements_line_up_across_all_year_groups(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chips")
    assert result.status == 0
    # An event row: two spaces, the date label, a gap of two or more spaces, then the statement.
    rows = [re.match(r"^  (\S.*?)\s{2,}(\S)", line) for line in result.out.splitlines()]
    starts = {row.start(2) for row in rows if row is not None}
    labels = [row.group(1) for row in rows if row is not None]
    assert "Mar 2021" in labels
    assert "week of 16 Oct 2022" in labels  # the article's own week, as its source line says
    assert len(starts) == 1, starts


def test_an_approximate_date_is_marked_once(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "timeline", "chips")
    assert "≈ 16 Oct 2022" in result.flat
    assert "approximate date" not in result.flat


def test_empty_range_prints_one_sentence_and_no_chart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    chart = tmp_path / "empty.png"
    result = run_cli(capsys, "timeline", "chips", "--from", "2200-01-01", "--chart", str(chart))
    assert result.status == 1
    assert result.out.strip() == "No dated events on 'chips' from 2200-01-01."
    assert not chart.exists()
    assert "Chart written" not in result.err
    as_json = run_cli(capsys, "timeline", "chips", "--from", "2200-01-01", "--format", "json")
    assert as_json.status == 1
    assert as_json.json()["events"] == []


def test_a_year_and_a_month_bound_the_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys, "timeline", "chips", "--from", "2022", "--to", "2022-09", "--format", "json"
    )
    assert result.status == 0
    values = set(events_by_value(result))
    assert {"2022-08", "2022-09-06"} <= values
    assert "2023-02" not in values
    for event in result.json()["events"]:
        assert event["starts_at"] < "2022-10-01"
        assert event["ends_at"] > "2022-01-01"
    whole_year = run_cli(capsys, "timeline", "chips", "--to", "2022", "--format", "json")
    last_day = run_cli(capsys, "timeline", "chips", "--to", "2022-12-31", "--format", "json")
    assert whole_year.json() == last_day.json()


def test_an_iso_time_with_an_offset_is_an_exact_bound(capsys: pytest.CaptureFixture[str]) -> None:
    # The 6 Sep 2022 event starts at 00:00 UTC: 01:00+02:00 is before it, 03:00+02:00 after.
    before = run_cli(
        capsys, "timeline", "chips", "--to", "2022-09-06T01:00+02:00", "--format", "json"
    )
    after = run_cli(
        capsys, "timeline", "chips", "--to", "2022-09-06T03:00+02:00", "--format", "json"
    )
    assert "2022-09-06" not in events_by_value(before)
    assert "2022-09-06" in events_by_value(after)


def test_whole_periods_read_back_in_the_range_sentences(capsys: pytest.CaptureFixture[str]) -> None:
    refused = run_cli(capsys, "timeline", "chips", "--from", "2024", "--to", "2023")
    assert refused.status == 2
    assert refused.err == (
        "--from 2024-01-01 is after --to 2023-12-31: give the earlier date to --from."
    )
    empty = run_cli(capsys, "timeline", "chips", "--from", "1900", "--to", "1901-06")
    assert empty.status == 1
    assert empty.out.strip() == "No dated events on 'chips' from 1900-01-01 up to 1901-06-30."


@pytest.mark.parametrize(
    ("option", "typed", "sentence"),
    [
        (
            "--to",
            "June",
            "argument --to: 'June' is not a date: use 2024, 2024-05, 2024-05-17 "
            "or an ISO time such as 2024-05-17T10:00+02:00",
        ),
        ("--from", "2023-02-29", "argument --from: The date 2023-02-29 is not a real date"),
        ("--to", "9999", "argument --to: The date 9999 reaches outside the years 1 to 9999"),
    ],
)
def test_a_bad_bound_is_one_clear_sentence(
    capsys: pytest.CaptureFixture[str], option: str, typed: str, sentence: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "timeline", "chips", option, typed)
    assert exit_info.value.code == 2
    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert last_line == f"briefbot timeline: error: {sentence}"


def test_the_day_a_plan_was_told_gives_way_to_the_plan(
    capsys: pytest.CaptureFixture[str], store_backend: str, tmp_path: Path
) -> None:
    # "said on Thursday that … in 2027": Thursday is when it was said, 2027 the event.
    for name, day in (("friday", "2026-12-04"), ("thursday", "2026-12-03")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: Fab expands\npublished: {day}\n---\n# Fab expands\n\n"
            f"From our {name} edition.\n"
            "The fab said on Thursday that it will open a second wafer plant in 2027.\n"
            "The wafer company said on Monday that it would build a new plant in Texas next year.\n",
            encoding="utf-8",
        )
    ingested = run_cli(capsys, "ingest", str(tmp_path))
    assert ingested.status == 0, ingested.err
    assert "Added 2" in ingested.out
    result = run_cli(capsys, "timeline", "wafer", "plant", "--format", "json")
    assert result.status == 0, result.err
    events = result.json()["events"]
    assert {e["value"] for e in events} == {"2027"}
    statements = {e["statement"] for e in events}
    assert "The fab said on Thursday that it will open a second wafer plant in 2027" in statements
    assert any(s.startswith("The wafer company said on Monday") for s in statements)
    assert all(len(e["sources"]) == 2 for e in events)  # both articles, the same two events
