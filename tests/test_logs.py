"""Logging: the bot token never reaches a log line, in text or JSON, in messages or tracebacks."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import configure_logging
from bot.settings import load_settings

TOKEN = "MTA5ODc2NTQzMjE5ODc2NTQzMjE.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789ABCD"


@pytest.fixture
def restore_root_logger() -> object:
    """Put the root logger back as it was after each test."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield None
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.mark.usefixtures("restore_root_logger")
@pytest.mark.parametrize("log_format", ["text", "json"])
def test_the_token_is_redacted_everywhere(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], log_format: str
) -> None:
    monkeypatch.setenv("BRIEFBOT_DISCORD_TOKEN", f"  {TOKEN} \n")
    monkeypatch.setenv("BRIEFBOT_LOG_FORMAT", log_format)
    configure_logging(load_settings())
    log = logging.getLogger("briefbot.test")
    log.warning("connecting with %s", TOKEN)
    try:
        raise RuntimeError(f"login failed for {TOKEN}")
    except RuntimeError:
        log.exception("gateway error")
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert err.count("[redacted]") >= 2
    if log_format == "json":
        lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
        assert [line["level"] for line in lines] == ["WARNING", "ERROR"]
        assert "exception" in lines[1]


@pytest.mark.usefixtures("restore_root_logger")
def test_level_comes_from_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "warning")
    configure_logging(load_settings())
    logging.getLogger("briefbot.test").info("quiet")
    logging.getLogger("briefbot.test").warning("loud")
    err = capsys.readouterr().err
    assert "quiet" not in err
    assert "loud" in err
