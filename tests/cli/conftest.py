"""CLI fixtures: each store backend for the tests that ask for ``store_backend``."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def store_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The backend the CLI opens; for PostgreSQL, ``BRIEFBOT_DATABASE_URL`` names a new database."""
    if request.param == "postgresql":
        monkeypatch.setenv("BRIEFBOT_DATABASE_URL", request.getfixturevalue("pg_url"))
    return str(request.param)
