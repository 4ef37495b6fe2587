"""``briefbot remove`` end to end on a real SQLite file: preview, confirmation, unknown ids, restore."""

from __future__ import annotations

import json
import logging
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from tests.conftest import REPO_ROOT, SEEDS_DIR

GLOBAL_TIMES = "China eyes mobilizing nationwide resources"


def _ids(capsys: pytest.CaptureFixture[str]) -> list[int]:
    return [a["id"] for a in run_cli(capsys, "articles", "--format", "json").json()]


def test_remove_with_yes_takes_the_article_out_of_everything(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    assert sorted(_ids(capsys)) == [1, 2, 3]
    with caplog.at_level(logging.INFO, logger="bot.service.removal"):
        result = run_cli(capsys, "remove", "2", "--yes")
    assert result.status == 0
    assert "Would remove 1 article:" in result.flat
    assert f"Removed article 2: {GLOBAL_TIMES}" in result.flat
    assert "A feed that serves it again will not bring it back" in result.flat
    [record] = [r for r in caplog.records if r.name == "bot.service.removal"]
    assert "removed article 2" in record.getMessage()
    assert record.getMessage().endswith("by cli")
    assert sorted(_ids(capsys)) == [1, 3]
    searched = run_cli(capsys, "search", "mobilizing", "--format", "json")
    assert searched.status == 1
    assert searched.json() == []
    brief = run_cli(capsys, "brief", "chips", "--format", "json").json()
    assert 2 not in [s["article_id"] for s in brief["sources"]]
    timeline = run_cli(capsys, "timeline", "chips", "--format", "json").json()
    assert 2 not in [s["article_id"] for s in timeline["sources"]]
    digest = run_cli(capsys, "digest", "--since", "2020", "--format", "json")
    assert digest.json()["article_count"] == 2
    assert GLOBAL_TIMES not in digest.out


def test_unknown_and_malformed_ids_are_reported_and_the_rest_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "remove", "3", "99", "abc", "0", "--yes")
    assert result.status == 1
    assert "'abc' is not an article id" in result.err
    assert "'0' is not an article id" in result.err
    assert "No stored article has id 99" in result.err
    assert "Removed article 3:" in result.flat
    assert sorted(_ids(capsys)) == [1, 2]
    nothing = run_cli(capsys, "remove", "98", "--yes")
    assert nothing.status == 1
    assert "No stored article has id 98" in nothing.err
    assert "Removed" not in nothing.out


def test_without_yes_and_without_a_terminal_nothing_is_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "remove", "1")
    assert result.status == 2
    assert "Would remove 1 article:" in result.flat
    assert "no terminal to confirm on" in result.err
    assert "--yes" in result.err
    assert sorted(_ids(capsys)) == [1, 2, 3]


def _on_a_terminal(home: Path, answer: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``briefbot ARGV`` with a pseudo-terminal as stdin that holds ``answer``."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode())
        env = {**os.environ, "BRIEFBOT_SEEDS_DIR": str(SEEDS_DIR), "PYTHONPATH": str(REPO_ROOT)}
        return subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            stdin=follower,
            capture_output=True,
            text=True,
            cwd=home,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)


def test_on_a_terminal_it_asks_and_only_yes_removes(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    declined = _on_a_terminal(isolated_environment, "n\n", "remove", "1", "2")
    assert declined.returncode == 2, declined.stderr
    assert "Remove these 2 articles? [y/N]" in declined.stderr
    assert "Nothing was removed." in declined.stderr
    assert sorted(_ids(capsys)) == [1, 2, 3]
    accepted = _on_a_terminal(isolated_environment, "y\n", "remove", "1")
    assert accepted.returncode == 0, accepted.stderr
    assert "Remove this article? [y/N]" in accepted.stderr
    assert "Removed article 1:" in " ".join(accepted.stdout.split())
    assert sorted(_ids(capsys)) == [2, 3]


def test_ingesting_the_removed_file_by_hand_brings_it_back(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert "Nothing has been removed" in run_cli(capsys, "removed").out
    assert run_cli(capsys, "remove", "2", "--yes").status == 0
    listed_removed = run_cli(capsys, "removed")
    assert listed_removed.status == 0
    assert f"2 {GLOBAL_TIMES}" in listed_removed.flat
    assert "by cli" in listed_removed.flat
    # The seed had no link: the file to ingest to bring it back is named instead.
    assert "002_321bc0ebb2875d8f.txt" in listed_removed.flat
    result = run_cli(capsys, "ingest", str(SEEDS_DIR))
    assert result.status == 0
    assert "Added 1, duplicates 2" in result.flat
    assert "stored again as 4 (article 2 was removed on" in result.flat
    listed = run_cli(capsys, "articles", "--format", "json").json()
    assert {a["id"] for a in listed} == {1, 3, 4}
    assert any(a["title"].startswith(GLOBAL_TIMES) for a in listed)
    assert json.loads(run_cli(capsys, "search", "mobilizing", "--format", "json").out)
    assert "Nothing has been removed" in run_cli(capsys, "removed").out


def test_remove_needs_at_least_one_id(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_cli(capsys, "remove")
    assert stopped.value.code == 2
    assert "ID" in capsys.readouterr().err


def test_too_many_ids_at_once_are_refused_before_anything_is_removed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "remove", *(str(i) for i in range(1, 1003)), "--yes")
    assert result.status == 2
    assert "At most 1,000 article ids" in result.err
    assert sorted(_ids(capsys)) == [1, 2, 3]
