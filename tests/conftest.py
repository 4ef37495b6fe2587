"""Shared fixtures: an isolated environment per test so no developer settings leak in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.discord_double.fixtures import discord_double  # noqa: F401
from tests.pg import pg_cluster, pg_url  # noqa: F401 (one throwaway PostgreSQL cluster per run)

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Clear BRIEFBOT_* variables, run from an empty folder, and keep data under a temp dir."""
    import os

    for name in list(os.environ):
        if name.startswith("BRIEFBOT_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.chdir(home)
    return home


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is only beside team clones and CI")
    return path
