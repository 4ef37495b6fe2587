"""The gate on real files: a 20 MB log, a CSV dump and a too-large record are rejected with a
reason; the seeds and every ECB+ body pass; one bad file never stops the rest of a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.article_gate import ArticleGate
from bot.ingest import IngestError, load_file, load_file_result, load_paths
from tests.cli.helpers import run_cli
from tests.conftest import shared_path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOOD = (
    "Chip export rules tighten\n\n"
    "The government tightened export rules for advanced chips on Tuesday, officials said. "
    "Manufacturers have three months to apply for licences, according to the notice.\n"
)


def _log_dump(path: Path, size: int) -> Path:
    line_number = 0
    with path.open("w", encoding="utf-8") as handle:
        written = 0
        while written < size:
            line = (
                f"2024-05-01 12:{line_number % 60:02d}:{line_number * 7 % 60:02d},"
                f"{line_number % 1000:03d} INFO [pool-{line_number % 8}] chip scheduler moved "
                f"lot {line_number} to stage {line_number % 31}\n"
            )
            handle.write(line)
            written += len(line)
            line_number += 1
    return path


def _csv_dump(path: Path) -> Path:
    rows = ["date,ticker,open,close,volume"]
    rows += [f"2024-05-{d % 28 + 1:02d},TSM,{100 + d * 0.5:.2f},{101 + d * 0.4:.2f},{d * 1000}"
             for d in range(400)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_20_mb_log_dump_is_rejected_with_its_size(tmp_path: Path) -> None:
    log = _log_dump(tmp_path / "server.txt", 20 * 1024 * 1024)
    with pytest.raises(IngestError) as refused:
        load_file(log)
    assert "20.0 MB" in refused.value.reason
    assert "300 KB limit" in refused.value.reason


def test_a_small_log_dump_is_rejected_as_a_log(tmp_path: Path) -> None:
    log = _log_dump(tmp_path / "server.txt", 50_000)
    with pytest.raises(IngestError) as refused:
        load_file(log)
    assert refused.value.reason.startswith("The text looks like a log")


def test_a_csv_dump_is_rejected_as_a_table(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as refused:
        load_file(_csv_dump(tmp_path / "prices.txt"))
    assert refused.value.reason.startswith("The text looks like a table dump")


def test_the_limit_is_configurable_and_applies_to_records(tmp_path: Path) -> None:
    record = {"title": "Long read", "body": "The chip plan was announced today. " * 400}
    (tmp_path / "long.json").write_text(json.dumps(record), encoding="utf-8")
    small = ArticleGate(max_text_bytes=8 * 1024)
    result = load_file_result(tmp_path / "long.json", small)
    assert not result.drafts
    assert "14 KB, over the 8 KB limit" in result.rejections[0].reason
    assert load_file_result(tmp_path / "long.json").drafts


def test_a_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    _csv_dump(tmp_path / "b_prices.md")
    _log_dump(tmp_path / "c_server.txt", 400_000)
    (tmp_path / "d_good.txt").write_text(GOOD.replace("Tuesday", "Friday"), encoding="utf-8")
    result = load_paths([tmp_path])
    assert [Path(d.origin or "").name for d in result.drafts] == ["a_good.txt", "d_good.txt"]
    assert sorted(r.path.name for r in result.rejections) == ["b_prices.md", "c_server.txt"]


def test_the_seeds_pass_the_gate() -> None:
    result = load_paths([SEEDS])
    assert len(result.drafts) == 3
    assert result.rejections == ()


def test_every_ecbplus_body_passes_the_gate() -> None:
    stories = shared_path("eval", "stories", "ecbplus_topics_1-35.jsonl")
    result = load_file_result(stories)
    lines = sum(1 for line in stories.read_text(encoding="utf-8").splitlines() if line.strip())
    assert [str(r) for r in result.rejections] == []
    assert len(result.drafts) == lines


def test_ingest_reports_the_refused_file_and_stores_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    _csv_dump(tmp_path / "prices.txt")
    result = run_cli(capsys, "ingest", str(tmp_path))
    assert result.status == 0
    assert "Added 1," in result.flat
    assert "prices.txt: The text looks like a table dump" in result.flat
