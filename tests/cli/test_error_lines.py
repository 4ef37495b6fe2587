"""Configuration problems as a person or a log reads them: one line each, naming the variable once."""

from __future__ import annotations

import pytest

from bot.cli.app import main


def _stderr(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(list(argv))
    return status, capsys.readouterr().err.splitlines()


def test_a_long_problem_is_one_line_off_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pipe or a log file gets the whole sentence on one line, not wrapped at 80 columns.
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Mars/Base")
    status, lines = _stderr(capsys, "check", "--no-discord")
    assert status == 1
    assert lines == [
        "✗ BRIEFBOT_TIMEZONE: 'Mars/Base' is not a known IANA time zone (try Europe/Paris)."
    ]
    status, lines = _stderr(capsys, "articles")
    assert status == 2
    assert len(lines) == 1


def test_a_bad_database_url_names_its_variable_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATABASE_URL", "mysql://reader:s3cret@db/news")
    status, lines = _stderr(capsys, "articles")
    assert status == 2
    assert lines == [
        "Configuration problem: BRIEFBOT_DATABASE_URL: 'mysql://reader:***@db/news' is not a "
        "PostgreSQL address: it must start with postgresql:// (leave it unset for SQLite)."
    ]
