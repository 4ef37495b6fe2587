"""Digest fixtures: a real SQLite store with crafted wire stories, a settable clock, a poster."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.client import BriefBot
from bot.core.digest import Digest
from bot.core.models import ArticleDraft, DatePrecision
from bot.service import Briefings
from bot.service.digests import DigestDefaults, Digests, PostError
from bot.store import ArticleStore
from tests.bot.conftest import bot_settings
from tests.conftest import SEEDS_DIR
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble

# A Monday 09:00 UTC: the default digest slot.
MONDAY_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
GUILD_ID = 111
CHANNEL_ID = 222

WIRE = (
    "Chipmakers in Taiwan said on Tuesday they would build three new fabrication plants in "
    "Arizona by 2028, as Washington widened export controls on advanced semiconductors. The "
    "plants will employ about 12,000 people and cost more than $40 billion, the companies said. "
    "Officials expect construction to begin on June 15, 2026."
)
OTHER = (
    "The central bank held interest rates steady on Wednesday and signalled that cuts could "
    "come later in the year if inflation keeps easing. Markets had expected the decision. The "
    "next policy meeting is scheduled for July 30, 2026."
)
THIRD = (
    "A heatwave pushed temperatures above 40 degrees across southern Spain, and authorities "
    "opened cooling centres in Seville and Cordoba. Forecasters said the heat would last until "
    "the weekend."
)


def draft(
    title: str,
    body: str,
    publisher: str,
    published_at: datetime,
    *,
    slug: str | None = None,
) -> ArticleDraft:
    """A dated article draft with a unique URL."""
    return ArticleDraft(
        title=title,
        body=body,
        publisher=publisher,
        url=f"https://{publisher.lower().replace(' ', '')}.test/{slug or abs(hash(title))}",
        published_at=published_at,
        published_precision=DatePrecision.DAY,
    )


def wire_copies(published_at: datetime, outlets: tuple[str, ...]) -> list[ArticleDraft]:
    """The same wire story as several outlets run it (light edits, a byline line added)."""
    return [
        draft(
            "Taiwan chipmakers to build three Arizona plants as US widens export controls",
            f"{WIRE}\n\nReporting by {outlet} staff.",
            outlet,
            published_at + timedelta(hours=n),
            slug=f"chips-{n}",
        )
        for n, outlet in enumerate(outlets)
    ]


class Clock:
    """A settable clock for the service and the scheduler."""

    def __init__(self, now_at: datetime) -> None:
        self.now_at = now_at

    def __call__(self) -> datetime:
        return self.now_at

    def advance(self, delta: timedelta) -> None:
        """Move time forward."""
        self.now_at += delta


@dataclass
class RecordingPoster:
    """A poster that records what it sent; ``failures`` are raised first, one per call.

    ``find_posted`` answers from what this poster sent, like a channel's history would.
    """

    failures: list[PostError] = field(default_factory=list)
    posts: list[tuple[int, Digest]] = field(default_factory=list)
    sent: dict[tuple[int, str], int] = field(default_factory=dict)
    nonces: list[str] = field(default_factory=list)
    next_id: int = 1000

    async def post(self, channel_id: int, digest: Digest, *, period: str, nonce: str) -> int:
        """Record the digest (or raise the next queued failure) and return a message id."""
        if self.failures:
            raise self.failures.pop(0)
        self.posts.append((channel_id, digest))
        self.nonces.append(nonce)
        self.next_id += 1
        self.sent[(channel_id, period)] = self.next_id
        return self.next_id

    async def find_posted(self, channel_id: int, period: str) -> int | None:
        """The id this poster sent for the period in the channel, if any."""
        return self.sent.get((channel_id, period))


@pytest.fixture
def clock() -> Clock:
    """A clock at the Monday 09:00 UTC slot."""
    return Clock(MONDAY_AT)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ArticleStore]:
    """A real store holding a wire story from three outlets and two single-outlet stories."""
    opened = await ArticleStore.open(tmp_path / "digest.db")
    week = MONDAY_AT - timedelta(days=5)
    drafts = [
        *wire_copies(week, ("Reuters", "Taipei Times", "Nikkei")),
        draft("Central bank holds rates steady", OTHER, "Finance Daily", week + timedelta(days=1)),
        draft("Heatwave grips southern Spain", THIRD, "Iberia News", week + timedelta(days=2)),
    ]
    await opened.add_articles(drafts, ingested_at=MONDAY_AT - timedelta(days=1))
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def digests(store: ArticleStore, clock: Clock) -> Digests:
    """The digest service over the store, on the settable clock, 12 h grace."""
    return Digests(store, DigestDefaults(grace=timedelta(hours=12)), clock=clock)


@pytest.fixture
async def digest_bot(
    discord_double: DiscordDouble, store: ArticleStore, clock: Clock, tmp_path: Path
) -> AsyncIterator[BriefBot]:
    """BriefBot on the crafted store and the Monday clock, connected to the double."""
    service = Briefings(store, seeds_dir=SEEDS_DIR, clock=clock)
    bot = BriefBot(service, bot_settings(discord_double, tmp_path), page_timeout=30.0)
    async with connected(bot, discord_double):
        yield bot
