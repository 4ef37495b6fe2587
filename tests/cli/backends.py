"""Known differences between the store backends in CLI answers (see the store_backend fixture)."""

from __future__ import annotations

import pytest

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
