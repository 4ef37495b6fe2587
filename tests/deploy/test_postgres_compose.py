"""The PostgreSQL compose layouts: one server, shard processes that all reach it, valid settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _load(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / name).read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_the_shard_layout_runs_every_shard_once_against_one_postgresql_store() -> None:
    services = _load("compose.postgres.yaml")["services"]
    shards = {name: s for name, s in services.items() if name.startswith("shard-")}
    urls = {s["environment"]["BRIEFBOT_DATABASE_URL"] for s in shards.values()}
    assert len(urls) == 1
    [url] = urls
    assert url.startswith("postgresql://briefbot:")
    assert url.endswith("@postgres/briefbot")
    plans = [
        Settings(
            database_url=url.replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}", "pw"),
            shard_count=int(s["environment"]["BRIEFBOT_SHARD_COUNT"]),
            shard_ids=s["environment"]["BRIEFBOT_SHARD_IDS"],
        ).shard_plan
        for s in shards.values()
    ]
    assert sorted(i for plan in plans for i in plan.shard_ids) == list(range(plans[0].count))
    for shard in shards.values():
        assert shard["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert services["postgres"]["image"] == "postgres:15"


def test_the_default_layout_starts_postgresql_only_when_asked() -> None:
    services = _load("compose.yaml")["services"]
    assert services["postgres"]["profiles"] == ["postgres"]
    assert "profiles" not in services["briefbot"]
