"""The light commands import only what they use: no discord.py, matplotlib or parsers for --help."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

HEAVY = ("apscheduler", "discord", "justext", "matplotlib", "trafilatura")

# Runs one command in a fresh interpreter, then names the heavy top-level packages it loaded.
PROBE = f"""
import json, sys
from bot.cli.app import main
try:
    status = main(sys.argv[1:])
except SystemExit as stop:
    status = stop.code
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & set({HEAVY!r}))
print("\\n" + json.dumps({{"status": status, "heavy": loaded}}))
"""


def probe(*argv: str) -> tuple[int, list[str]]:
    """Exit status of ``briefbot ARGV`` in a fresh interpreter and the heavy packages it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.splitlines()[-1])
    return result["status"], result["heavy"]


@pytest.fixture
def seeded(capsys: pytest.CaptureFixture[str]) -> None:
    """A store already loaded from the seeds: first use parses them, later commands only read."""
    assert run_cli(capsys, "articles").status == 0


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ("brief", "--help")])
def test_help_imports_no_heavy_package(argv: tuple[str, ...]) -> None:
    status, heavy = probe(*argv)
    assert (status, heavy) == (0, [])


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    "argv", [("articles",), ("articles", "--format", "json"), ("search", "chips")]
)
def test_reading_commands_import_no_heavy_package(argv: tuple[str, ...]) -> None:
    status, heavy = probe(*argv)
    assert (status, heavy) == (0, [])


def test_probe_sees_what_a_discord_command_imports() -> None:
    # Without a token ``run`` stops at once, but only after loading discord.py to talk to it:
    # proof that the probe would notice a heavy import.
    status, heavy = probe("run")
    assert status == 2
    assert "discord" in heavy


@pytest.mark.usefixtures("seeded")
def test_chart_alone_loads_matplotlib(tmp_path: Path) -> None:
    _, without_chart = probe("timeline", "chips")
    status, with_chart = probe("timeline", "chips", "--chart", str(tmp_path / "chips.png"))
    assert status == 0
    assert (tmp_path / "chips.png").stat().st_size > 0
    assert "matplotlib" not in without_chart
    assert "matplotlib" in with_chart


def test_brief_package_resolves_every_export_lazily() -> None:
    from bot.core import brief

    assert sorted(brief._HOMES) == sorted(brief.__all__)
    for name in brief.__all__:
        assert getattr(brief, name) is getattr(importlib.import_module(brief._HOMES[name]), name)
    misspelt = "build_breif"
    with pytest.raises(AttributeError, match="no attribute 'build_breif'"):
        getattr(brief, misspelt)
