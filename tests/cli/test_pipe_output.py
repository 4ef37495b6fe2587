"""Output for scripts: real ``briefbot`` processes into a pipe, and onto a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SEEDS_DIR

GLOBAL_TIMES = (
    "China eyes mobilizing nationwide resources for breakthroughs in core tech, "
    "a way of combating US pressure on domestic chip industry"
)
BOX_DRAWING = re.compile("[\u2500-\u257f]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|38;[0-9;]+)m")


def _briefbot() -> list[str]:
    """The installed ``briefbot`` script beside this interpreter, else ``python -m bot``."""
    script = Path(sys.executable).with_name("briefbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(BRIEFBOT_SEEDS_DIR=str(SEEDS_DIR), PYTHONPATH=str(REPO_ROOT), **extra)
    return env


def _piped(home: Path, *argv: str, **env: str) -> str:
    """Stdout of ``briefbot ARGV`` into a pipe (exit status 0 checked)."""
    done = subprocess.run(
        [*_briefbot(), *argv],
        capture_output=True,
        text=True,
        cwd=home,
        env=_env(**env),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _on_a_terminal(home: Path, *argv: str, **env: str) -> list[str]:
    """The lines ``briefbot ARGV`` shows on a 60-column pseudo-terminal, escapes removed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*_briefbot(), *argv],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=home,
        env=_env(COLUMNS="60", TERM="xterm", **env),
    )
    os.close(follower)
    chunks: list[bytes] = []
    try:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        assert process.wait(timeout=120) == 0
    shown = b"".join(chunks).decode()
    return shown.replace("\r\n", "\n").splitlines()


def test_a_grep_for_a_whole_title_finds_the_seed(isolated_environment: Path) -> None:
    pipeline = f"{shlex.join(_briefbot())} articles | grep -F {shlex.quote(GLOBAL_TIMES)}"
    done = subprocess.run(
        pipeline,
        shell=True,
        capture_output=True,
        text=True,
        cwd=isolated_environment,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # One tab-separated record: id, date, publisher, the full title.
    [line] = done.stdout.splitlines()
    assert line.split("\t")[1:] == ["2022-09-07", "Global Times", GLOBAL_TIMES]


def test_a_piped_brief_has_no_boxes_padding_colour_or_cut_titles(
    isolated_environment: Path,
) -> None:
    out = _piped(isolated_environment, "brief", "chips")
    lines = out.splitlines()
    assert [n for n, line in enumerate(lines) if line != line.rstrip()] == []
    assert BOX_DRAWING.findall(out) == []
    assert ANSI.findall(out) == []
    assert f"[1] {GLOBAL_TIMES} — Global Times, 2022-09-07 (article 2)" in lines
    assert "TL;DR" in lines
    assert "Sources" in lines
    # Every other piped view is as plain.
    for argv in (("timeline", "chips"), ("search", "chip"), ("digest", "--since", "2000-01-01")):
        shown = _piped(isolated_environment, *argv)
        assert BOX_DRAWING.findall(shown) == [], argv
        assert [line for line in shown.splitlines() if line != line.rstrip()] == [], argv


def test_force_color_colours_a_pipe_but_keeps_it_plain(isolated_environment: Path) -> None:
    out = _piped(isolated_environment, "brief", "chips", FORCE_COLOR="1")
    assert COLOUR.search(out)
    assert BOX_DRAWING.findall(out) == []
    assert GLOBAL_TIMES in ANSI.sub("", out)


def test_on_a_terminal_items_wrap_under_their_bullet(isolated_environment: Path) -> None:
    lines = [ANSI.sub("", line) for line in _on_a_terminal(isolated_environment, "brief", "chips")]
    assert BOX_DRAWING.search("\n".join(lines))  # the TL;DR panel and the Sources rule
    assert max(len(line.rstrip()) for line in lines) <= 60
    start = lines.index("What changed") + 1
    section = lines[start : lines.index("", start)]
    assert section[0].startswith("• ")
    assert len(section) > 3  # the seed's sentences do not fit in 60 columns
    # A wrapped line starts under the text, not under the bullet.
    assert all(line.startswith(("• ", "  ")) and line[2] != " " for line in section)
    sources = lines[lines.index(next(x for x in lines if x.startswith("[1] "))) :]
    assert sources[1].startswith("    ")  # "[1] " is four columns wide


def test_no_color_on_a_terminal_drops_colour(isolated_environment: Path) -> None:
    shown = "\n".join(_on_a_terminal(isolated_environment, "brief", "chips", NO_COLOR="1"))
    assert COLOUR.search(shown) is None
    coloured = "\n".join(_on_a_terminal(isolated_environment, "brief", "chips"))
    assert COLOUR.search(coloured)


def test_briefbot_plain_forces_plain_output_on_a_terminal(isolated_environment: Path) -> None:
    lines = [
        ANSI.sub("", line)
        for line in _on_a_terminal(isolated_environment, "articles", BRIEFBOT_PLAIN="1")
    ]
    assert BOX_DRAWING.findall("\n".join(lines)) == []
    assert any(line.endswith(f"\t{GLOBAL_TIMES}") for line in lines)


def test_the_plain_flag_forces_plain_output_on_a_terminal(isolated_environment: Path) -> None:
    lines = [
        ANSI.sub("", line) for line in _on_a_terminal(isolated_environment, "--plain", "articles")
    ]
    assert BOX_DRAWING.findall("\n".join(lines)) == []
    assert any(line.endswith(f"\t{GLOBAL_TIMES}") for line in lines)
    brief = [
        ANSI.sub("", line)
        for line in _on_a_terminal(isolated_environment, "--plain", "brief", "chips")
    ]
    assert BOX_DRAWING.findall("\n".join(brief)) == []
    assert max(len(line) for line in brief) > 60  # not wrapped at the terminal's 60 columns


@pytest.mark.parametrize("value", ["0", ""])
def test_briefbot_plain_off_keeps_the_terminal_layout(
    isolated_environment: Path, value: str
) -> None:
    lines = _on_a_terminal(isolated_environment, "articles", BRIEFBOT_PLAIN=value)
    assert BOX_DRAWING.search("\n".join(lines))


def test_the_plain_flag_also_works_after_the_command(isolated_environment: Path) -> None:
    lines = [
        ANSI.sub("", line) for line in _on_a_terminal(isolated_environment, "articles", "--plain")
    ]
    assert BOX_DRAWING.findall("\n".join(lines)) == []
    assert any(line.endswith(f"\t{GLOBAL_TIMES}") for line in lines)
