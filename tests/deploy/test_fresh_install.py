"""A fresh install works: the wheel, installed by a new venv's own pip, answers a cited brief.

Slow (a minute or more: a real build, a real venv, dependencies from PyPI), and run by `make test`
on purpose: it is the check that an operator's `python3 -m venv v && v/bin/pip install .` gives a
bot that runs from an empty folder, with the seed articles inside the package.
"""

from __future__ import annotations

import ensurepip
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INDEX_URL = "https://pypi.org/simple/pip/"
_NOT_SOURCE_ANYWHERE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".coverage",
    "htmlcov",
    ".env",
)
# Local output at the top of a checkout (bot/data, by contrast, is package data).
_NOT_SOURCE_AT_TOP = {"build", "dist", "data"}


def _not_source(folder: str, names: list[str]) -> set[str]:
    ignored = set(_NOT_SOURCE_ANYWHERE(folder, names))
    if Path(folder) == REPO:
        ignored |= _NOT_SOURCE_AT_TOP & set(names)
    if Path(folder) == REPO / "bench":
        ignored |= {"out"} & set(names)
    return ignored


# What setuptools prints when the license metadata uses the deprecated table or classifiers.
_LICENSE_BANNERS = (
    "License classifiers are deprecated",
    "`project.license` as a TOML table",
    "SetuptoolsDeprecationWarning",
)
SEED_FILES = sorted(p.name for p in (REPO / "seeds").iterdir() if p.is_file())


def _version() -> str:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return str(project["version"])


def _pypi_reachable() -> bool:
    try:
        with urllib.request.urlopen(INDEX_URL, timeout=20) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _run(argv: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command, failing the test with its whole output when it fails."""
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=1500, check=False
    )
    assert done.returncode == 0, f"{argv} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's source, without a venv or earlier build output that could leak in."""
    if not _pypi_reachable():
        pytest.skip(f"PyPI is unreachable ({INDEX_URL}): a fresh install needs its dependencies")
    copy = tmp_path_factory.mktemp("source") / "briefbot"
    shutil.copytree(REPO, copy, ignore=_not_source)
    return copy


@pytest.fixture(scope="module")
def built_wheel(source_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``pip wheel --no-deps .`` on the source, and what the build printed."""
    out = tmp_path_factory.mktemp("wheel")
    log = _run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(out), "."],
        cwd=source_copy,
    )
    (wheel,) = out.glob("briefbot-*.whl")
    return wheel, log


def test_the_wheel_carries_the_seed_articles_and_builds_without_license_banners(
    built_wheel: tuple[Path, str],
) -> None:
    wheel, log = built_wheel
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"bot/data/seeds/{name}" for name in SEED_FILES} <= names
    assert "bot/data/topics.toml" in names
    assert not any(name.startswith("seeds/") for name in names), "no top-level seeds package"
    for banner in _LICENSE_BANNERS:
        assert banner not in log


def test_the_sdist_carries_the_seeds_and_its_wheel_does_too(
    source_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("sdist")
    build_sdist = f"from setuptools import build_meta; build_meta.build_sdist({str(out)!r})"
    _run([sys.executable, "-c", build_sdist], cwd=source_copy)
    (sdist,) = out.glob("briefbot-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"seeds/{name}" for name in SEED_FILES} <= names
    assert {"setup.py", "MANIFEST.in", "pyproject.toml"} <= names
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(sdist)],
        cwd=out,
    )
    (wheel,) = out.glob("briefbot-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert {f"bot/data/seeds/{name}" for name in SEED_FILES} <= set(archive.namelist())


def test_a_fresh_venv_with_its_own_pip_installs_the_wheel_and_briefs_from_an_empty_folder(
    built_wheel: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    wheel, _ = built_wheel
    root = tmp_path_factory.mktemp("fresh")
    # Nothing of the test's own interpreter leaks in: no PYTHONPATH to the checkout, no settings.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("BRIEFBOT_", "PYTHON", "VIRTUAL_ENV", "XDG_"))
    }
    env |= {"HOME": str(root / "home"), "XDG_DATA_HOME": str(root / "data"), "NO_COLOR": "1"}
    venv = root / "v"
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env)
    python = venv / "bin" / "python"
    # The pip a new venv bundles, as Debian and Ubuntu give it: never upgraded here.
    pip_version = _run([str(python), "-m", "pip", "--version"], cwd=root, env=env)
    assert f"pip {ensurepip.version()} " in pip_version
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=root, env=env)

    empty = root / "empty"
    empty.mkdir()
    briefbot = str(venv / "bin" / "briefbot")

    located = _run([str(python), "-c", "import bot; print(bot.__file__)"], cwd=empty, env=env)
    assert located.strip().startswith(str(venv)), "the installed package, not the checkout"

    version = subprocess.run(
        [briefbot, "--version"], cwd=empty, env=env, capture_output=True, text=True, check=False
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"briefbot {_version()}"

    brief = subprocess.run(
        [briefbot, "brief", "chips"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert brief.returncode == 0, brief.stdout + brief.stderr
    assert "Traceback" not in brief.stderr
    assert "TL;DR" in brief.stdout
    assert "[1]" in brief.stdout
    seeded_from = " ".join(brief.stderr.split())
    assert "Loaded 3 seed articles from" in seeded_from
    assert "bot/data/seeds" in seeded_from
    assert list(empty.iterdir()) == [], "nothing is written to the working folder"
    assert (root / "data" / "briefbot" / "briefbot.db").is_file()
