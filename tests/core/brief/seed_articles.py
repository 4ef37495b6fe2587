"""Articles built straight from the seed files (crude split; seed 000's card by hand)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.models import Article, ArticleDraft, CardSection, CardSectionKind, DatePrecision
from bot.core.text import content_hash, sentences_of

SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"
NOW_AT = datetime(2024, 6, 1, tzinfo=UTC)

SEED_000_CARD: tuple[CardSection, ...] = (
    CardSection(
        CardSectionKind.TLDR,
        ("Policy blueprint for China semis R&D impacts AI chip innovation",),
    ),
    CardSection(
        CardSectionKind.WHAT_CHANGED,
        (
            "Distinguishes 'pure basic research' for long-term stability vs 'applied basic' for "
            "enterprise innovation",
        ),
    ),
    CardSection(
        CardSectionKind.WHY_IT_MATTERS,
        (
            "Guides policy for China's tech self-reliance, prioritizing enterprise in applied R&D "
            "to avoid trap. Boosts semiconductor and emerging industries.",
        ),
    ),
    CardSection(
        CardSectionKind.WHAT_TO_DO_NEXT,
        ("Evaluate enterprise-led grants for applied semi research in your AI chip projects.",),
    ),
    CardSection(CardSectionKind.WHO_SHOULD_CARE, ("Researchers & Academics",)),
    CardSection(
        CardSectionKind.KEY_TAKEAWAYS,
        (
            "China's 2026 'Dual Research' strategy aligns with the 14th Five-Year Plan's emphasis "
            "on 'original innovation' (yuan chuang), specifically targeting the 'bottleneck' (ka "
            "bo zi) technologies in semiconductor lithography and advanced materials.",
            "The 'Innovation Paradox' cited is increasingly linked to China's 'New Quality "
            "Productive Forces' (xin zhi sheng chan li) policy, which mandates a shift from "
            "capital-intensive manufacturing to R&D-intensive industrial upgrades to counter "
            "declining demographic dividends.",
            "Recent academic discourse in China suggests that the 'middle-tech trap' is being "
            "exacerbated by US-led export controls, forcing a transition from 'open innovation' "
            "models to 'self-reliant' closed-loop research ecosystems.",
        ),
    ),
    CardSection(
        CardSectionKind.FUTURE_IMPLICATIONS,
        (
            "China will increase the ratio of basic research funding to total R&D expenditure to "
            "over 10% by 2028.",
            "Current policy directives from the Ministry of Science and Technology prioritize "
            "raising the share of basic research to reduce reliance on imported foundational "
            "technologies.",
            "State-led semiconductor consortia will prioritize 'heterogeneous integration' over "
            "traditional monolithic scaling.",
            "Given the limitations on EUV lithography access, Chinese research entities are "
            "pivoting toward chiplet and advanced packaging architectures to maintain performance "
            "gains.",
        ),
    ),
    CardSection(
        CardSectionKind.TIMELINE,
        (
            "China's 14th Five-Year Plan explicitly sets a target to increase basic research "
            "spending to 8% of total R&D.",
        ),
    ),
)

_PUBLISHED = {
    0: (datetime(2026, 1, 20, tzinfo=UTC), "虎嗅"),
    2: (datetime(2022, 9, 7, tzinfo=UTC), "Global Times"),
    4: (datetime(2022, 10, 20, tzinfo=UTC), "Lehman, Lee & Xu"),
}


def article_from_draft(article_id: int, draft: ArticleDraft) -> Article:
    """An Article as the store would return it, sentences numbered by ``sentences_of``."""
    return Article(
        id=article_id,
        title=draft.title,
        body=draft.body,
        content_hash=content_hash(draft.body, draft.card),
        ingested_at=NOW_AT,
        publisher=draft.publisher,
        url=draft.url,
        published_at=draft.published_at,
        published_precision=draft.published_precision,
        card=draft.card,
        sentences=tuple(sentences_of(article_id, draft)),
    )


def _seed_draft(path: Path, number: int) -> ArticleDraft:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    published_at, publisher = _PUBLISHED[number]
    if number == 0:
        title = "Breaking Medium Tech Trap with Dual Research"
        body, card = "", SEED_000_CARD
    else:
        title = lines[0]
        body = "\n\n".join(line for line in lines[1:] if line != title)
        card = ()
    return ArticleDraft(
        title=title,
        body=body,
        publisher=publisher,
        url=f"https://example.test/seed/{number:03d}",
        published_at=published_at,
        published_precision=DatePrecision.DAY,
        card=card,
    )


def seed_articles() -> list[Article]:
    """The three seeds as Articles with ids 1, 2, 3 (seed 000, 002, 004)."""
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    out: list[Article] = []
    for article_id, path in enumerate(paths, start=1):
        number = int(path.name.split("_", 1)[0])
        out.append(article_from_draft(article_id, _seed_draft(path, number)))
    return out
