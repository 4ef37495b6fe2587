"""``briefbot migrate`` and ``backup`` on PostgreSQL, end to end through the entry point."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.store.pg_backup import pg_dump_command
from tests.cli.helpers import run_cli
from tests.pg import PG_BIN


def test_migrate_store_copies_the_seeded_store_and_says_the_counts_match(
    capsys: pytest.CaptureFixture[str],
    pg_url: str,
) -> None:
    assert run_cli(capsys, "articles").status == 0  # first use: the SQLite store gets the seeds
    result = run_cli(capsys, "migrate", "--to", pg_url)
    assert result.status == 0, result.err
    assert "Copied 3 articles" in result.flat
    assert "counts match" in result.flat
    again = run_cli(capsys, "migrate", "--to", pg_url)
    assert again.status == 1
    assert "already holds articles" in again.err


def test_migrate_store_wants_a_postgresql_url(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "migrate", "--to", "/tmp/other.db")
    assert result.status == 2
    assert "--to must be a postgresql:// URL" in result.err


def test_backup_of_a_postgresql_store_is_a_pg_dump_that_pg_restore_reads(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pg_url: str,
) -> None:
    if pg_dump_command() is None:
        pytest.skip("pg_dump is not installed")
    assert run_cli(capsys, "articles").status == 0
    assert run_cli(capsys, "migrate", "--to", pg_url).status == 0
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", pg_url)
    result = run_cli(capsys, "backup", f"{tmp_path}/")
    assert result.status == 0, result.err
    [dump] = list(tmp_path.glob("briefbot-*.pgdump"))
    assert f"Dumped the PostgreSQL store to {dump}" in result.flat
    listing = subprocess.run(
        [str(PG_BIN / "pg_restore"), "--list", str(dump)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TABLE DATA public articles" in listing
    refused = run_cli(capsys, "backup", str(dump))
    assert refused.status == 1
    assert "already exists" in refused.err


def test_the_cli_opens_the_postgresql_store_its_setting_names(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pg_url: str,
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", pg_url)
    first = run_cli(capsys, "articles")
    assert first.status == 0, first.err
    assert "Loaded 3 seed articles from" in first.err
    assert pg_url.rsplit("@", maxsplit=1)[-1] in first.err
    brief = run_cli(capsys, "brief", "chips")
    assert brief.status == 0
    assert "Sources" in brief.flat
