"""``briefbot COMMAND --help`` says what each option takes, in the README's words."""

from __future__ import annotations

import re

import pytest

from bot.cli.app import main


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", ["articles", "search", "removed", "stories"])
def test_limit_says_what_it_counts_and_its_default(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    shown = _help(capsys, command)
    assert re.search(r"--limit N at most N \w+ \(.*default \d+\)", shown), shown
    assert "LIMIT" not in shown


@pytest.mark.parametrize("command", ["search", "brief", "timeline", "stories", "digest"])
def test_dates_are_shown_as_date(capsys: pytest.CaptureFixture[str], command: str) -> None:
    shown = _help(capsys, command)
    # dest names such as SINCE_AT or FROM_AT mean nothing to a reader; DATE is the README's word.
    assert re.findall(r"--(?:since|until|from|to) (\S+)", shown)
    assert set(re.findall(r"--(?:since|until|from|to) ([A-Z_]+)", shown)) == {"DATE"}


def test_plain_after_the_command_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["articles", "--plain"]) == 0
    assert main(["feed", "list", "--plain"]) == 0
