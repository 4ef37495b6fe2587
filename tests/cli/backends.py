"""Run a CLI test on each store backend: the SQLite file, and a throwaway PostgreSQL database."""

from __future__ import annotations

import pytest

from tests.pg import pg_cluster, pg_url  # noqa: F401 (fixtures the backend fixture requests)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The backend the CLI opens; for PostgreSQL, ``BRIEFBOT_DATABASE_URL`` names a new database."""
    if request.param == "postgresql":
        monkeypatch.setenv("BRIEFBOT_DATABASE_URL", request.getfixturevalue("pg_url"))
    return str(request.param)


# ts_rank orders the articles of an OR'ed, expanded topic apart from bm25 (bot.core.brief.ranking
# weighs the search score against centrality and recency), so these seed answers still differ on
# PostgreSQL. Strict: the test says so the day they agree.
RANKS_APART = pytest.mark.xfail(
    strict=True, reason="PostgreSQL's ts_rank orders this topic's seed articles apart from bm25"
)


def ranks_apart_on_postgresql(request: pytest.FixtureRequest, backend: str) -> None:
    """Mark the running test as a known difference when it runs on PostgreSQL."""
    if backend == "postgresql":
        request.applymarker(RANKS_APART)
