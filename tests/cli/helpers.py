"""Running the real ``briefbot`` entry point in-process and reading what a person would see."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from bot.cli.app import main


@dataclass(frozen=True)
class Run:
    """The outcome of one command: exit status, and stdout/stderr with wrapping undone."""

    status: int
    out: str
    err: str

    @property
    def flat(self) -> str:
        """Stdout with all whitespace runs collapsed, so terminal wrapping does not matter."""
        return " ".join(self.out.split())

    def json(self) -> Any:
        """Stdout parsed as JSON."""
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """Run ``briefbot ARGV`` and capture its output."""
    capsys.readouterr()
    status = main(list(argv))
    captured = capsys.readouterr()
    return Run(status, captured.out, " ".join(captured.err.split()))
