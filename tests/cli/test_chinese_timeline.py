"""``briefbot timeline 芯片`` on the seeds plus the Chinese fixtures: Chinese dates, resolved."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run_cli

HAN = re.compile(r"[\u4e00-\u9fff]")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "chinese"


@pytest.fixture
def mixed_store(capsys: pytest.CaptureFixture[str], isolated_environment: Path) -> None:
    """The seeds plus the two Chinese fixture articles, in a real store."""
    result = run_cli(capsys, "ingest", str(FIXTURES))
    assert result.status == 0, result.err


def _events(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    result = run_cli(capsys, "timeline", "芯片", "--format", "json")
    assert result.status == 0, result.err
    events = result.json()["events"]
    return {e["value"]: e for e in events if HAN.search(str(e["statement"]))}


def test_chinese_events_carry_their_resolved_dates(
    capsys: pytest.CaptureFixture[str], mixed_store: None
) -> None:
    events = _events(capsys)
    labels = {value: e["date_label"] for value, e in events.items()}
    assert labels == {
        "2021/2025": "2021 – 2025",  # 十四五期间
        "2026-Q3": "Q3 2026",  # 《第三季度业绩公告》: the quarter the results cover
        "2026-10": "Oct 2026",  # 上个月, in an article of 10 Nov 2026
        "2026-12-01": "1 Dec 2026",  # 2026年12月1日
        "2026-11-26": "26 Nov 2026",  # 下周四, in an article of Friday 20 Nov 2026
        "2026": "late 2026",  # 今年年底前
        "2027-02": "Feb 2027",  # 明年2月
        "2028": "2028",  # 到2028年
    }
    assert "上个月" in events["2026-10"]["statement"]
    assert "下周四" in events["2026-11-26"]["statement"]
    assert "明年2月" in events["2027-02"]["statement"]
    for value in ("2026-11-26", "2026", "2027-02", "2028"):
        assert events[value]["expected"], value  # 计划, 预计, 到…年 / 目标


def test_the_days_of_telling_are_not_events(
    capsys: pytest.CaptureFixture[str], mixed_store: None
) -> None:
    # "发言人11月10日表示", "记者11月20日…获悉": the publication day, as "…, he said on Tuesday".
    events = _events(capsys)
    assert "2026-11-10" not in events
    assert "2026-11-20" not in events


def test_the_terminal_lists_them_under_their_years(
    capsys: pytest.CaptureFixture[str], mixed_store: None
) -> None:
    result = run_cli(capsys, "timeline", "芯片")
    assert result.status == 0, result.err
    flat = result.flat
    assert "2021 – 2025 根据规划，十四五期间我国将重点突破集成电路关键设备和材料 [" in flat
    # "公司预计…" opens on the company named before: the line joins that sentence.
    assert "Feb 2027 中芯国际在《第三季度业绩公告》中称，" in flat
    assert "晶圆出货量创历史新高。公司预计明年2月公布全年业绩 [" in flat
    assert flat.index("2021 – 2025") < flat.index("Oct 2026") < flat.index("Feb 2027")


def test_timelinejs_places_the_plan_period_from_2021_to_2025(
    capsys: pytest.CaptureFixture[str], mixed_store: None
) -> None:
    result = run_cli(capsys, "timeline", "芯片", "--format", "timelinejs")
    assert result.status == 0, result.err
    (slide,) = [s for s in result.json()["events"] if "十四五" in s["text"]["text"]]
    assert slide["display_date"] == "2021 – 2025"
    assert (slide["start_date"], slide["end_date"]) == ({"year": 2021}, {"year": 2025})


def _installed_cjk() -> list[str]:
    from bot.render.chart_fonts import KNOWN_CJK_FAMILIES, chart_families

    return [family for family in chart_families() if family in KNOWN_CJK_FAMILIES]


def test_the_chart_of_a_chinese_timeline_draws_chinese_with_the_configured_font(
    capsys: pytest.CaptureFixture[str],
    mixed_store: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.render.cjk_font import write_font

    text = "".join(path.read_text(encoding="utf-8") for path in FIXTURES.iterdir()) + "芯片"
    wide = "".join(sorted({ch for ch in text if ord(ch) >= 0x3000}))  # CJK and its punctuation
    monkeypatch.setenv(
        "BRIEFBOT_CHART_FONT",
        str(write_font(tmp_path / "zh.ttf", wide, family="Briefbot Fixture CJK")),
    )
    chart = tmp_path / "chips.png"
    result = run_cli(capsys, "timeline", "芯片", "--chart", str(chart))
    assert result.status == 0, result.err
    assert f"Chart written to {chart}." in result.err
    assert "empty boxes" not in result.err
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_a_chart_with_no_font_for_its_chinese_says_how_to_get_one(
    mixed_store: None, tmp_path: Path
) -> None:
    # A fresh process: fonts added by other tests in this one would cover the characters.
    if installed := _installed_cjk():
        pytest.skip(f"this machine has a CJK font installed ({installed[0]}): nothing is missing")
    command = [sys.executable, "-m", "bot", "timeline", "芯片", "--chart", str(tmp_path / "c.png")]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    err = " ".join(result.stderr.split())
    assert result.returncode == 0, err
    assert re.search(r"The chart draws \d+ characters as empty boxes \(\S+…\)", err)
    # That one line, not a matplotlib warning for every character on every measuring pass.
    assert "missing from font" not in err
    assert "apt install fonts-noto-cjk" in err
    assert "BRIEFBOT_CHART_FONT" in err


def test_a_chart_font_that_is_no_font_is_a_configuration_problem(
    capsys: pytest.CaptureFixture[str],
    mixed_store: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_text("not a font", encoding="utf-8")
    monkeypatch.setenv("BRIEFBOT_CHART_FONT", str(fake))
    result = run_cli(capsys, "timeline", "芯片", "--chart", str(tmp_path / "chips.png"))
    assert result.status == 2
    assert f"Configuration problem: BRIEFBOT_CHART_FONT {fake} is not a font" in result.err
