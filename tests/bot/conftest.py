"""Fixtures for the Discord layer: a seeded store in tmp_path and BriefBot connected to the double."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.core.models import ArticleDraft, DatePrecision
from bot.service import Briefings
from bot.settings import Settings
from bot.store import ArticleStore
from tests.conftest import SEEDS_DIR
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble

FIXED_NOW_AT = datetime(2026, 6, 1, tzinfo=UTC)


def bot_settings(double: DiscordDouble, tmp_path: Path, *, token: str | None = None) -> Settings:
    """Settings pointing at the double's token, its guild for instant sync, and a temp store."""
    return Settings(
        discord_token=token or double.token,
        dev_guild_id=double.guild.id,
        database_path=tmp_path / "briefbot.db",
        seeds_dir=SEEDS_DIR,
    )


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Briefings]:
    """A real SQLite store in tmp_path, loaded from seeds/, behind the real service."""
    store = await ArticleStore.open(tmp_path / "briefbot.db")
    try:
        briefings = Briefings(store, seeds_dir=SEEDS_DIR, clock=lambda: FIXED_NOW_AT)
        await briefings.ensure_seeded()
        yield briefings
    finally:
        await store.close()


@pytest.fixture
async def briefbot(
    discord_double: DiscordDouble, service: Briefings, tmp_path: Path
) -> AsyncIterator[BriefBot]:
    """The real BriefBot, logged in to the double, its commands synced to the test guild."""
    bot = BriefBot(service, bot_settings(discord_double, tmp_path), page_timeout=30.0)
    async with connected(bot, discord_double):
        yield bot


def draft(title: str, body: str, *, publisher: str = "Test Wire", day: int = 1) -> ArticleDraft:
    """A dated article draft for tests that need crafted content."""
    return ArticleDraft(
        title=title,
        body=body,
        publisher=publisher,
        url=f"https://example.test/{abs(hash(title))}",
        published_at=datetime(2026, 5, day, tzinfo=UTC),
        published_precision=DatePrecision.DAY,
    )
