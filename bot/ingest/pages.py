"""Article pages fetched by link: trafilatura finds main text, title, author, site and date."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace
from datetime import datetime

import trafilatura
from charset_normalizer import from_bytes
from trafilatura.settings import Document

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.article_text import parse_article_text
from bot.core.models import ArticleDraft, DatePrecision
from bot.core.urls import canonicalise_url
from bot.ingest.fetch import FailureKind, Fetcher, FetchError
from bot.ingest.language import article_language
from bot.ingest.published import parse_published

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageHints:
    """What the feed already knows about an item, which wins over what the page says."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published_at: datetime | None = None


def decode_page(body: bytes, charset: str | None) -> str:
    """The page as text: the declared charset when it works, else a detected one."""
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    declared = _META_CHARSET.search(body[:4096])
    if declared:
        try:
            return body.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(body[:200_000]).best()
        encoding = best.encoding if best is not None else "cp1252"
        return body.decode(encoding, errors="replace")


def _page_date(value: str | None) -> tuple[datetime | None, DatePrecision]:
    if not value:
        return None, DatePrecision.UNKNOWN
    try:
        published = parse_published(value)
    except ValueError:
        return None, DatePrecision.UNKNOWN
    return published.at, published.precision


def extract_page(
    page_html: str, *, url: str, hints: PageHints | None = None, gate: ArticleGate = DEFAULT_GATE
) -> ArticleDraft:
    """A draft from an article page; ``FetchError`` (NO_TEXT) when no main text is found.

    The gate's refusal (too large, not an article) is a NO_TEXT failure with its reason.

    The feed's date, title and author come first; the page's (htmldate via trafilatura) fill gaps.
    Synchronous and CPU-bound: call it through ``asyncio.to_thread``.
    """
    hints = hints or PageHints()
    try:
        document = trafilatura.bare_extraction(
            page_html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError) as error:
        raise FetchError(FailureKind.NO_TEXT, f"{url} could not be parsed ({error}).") from None
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not text.strip():
        raise FetchError(FailureKind.NO_TEXT, f"No article text was found at {url}.")
    # trafilatura puts one block element per line; blank lines keep headings out of paragraphs.
    parsed, found = parse_article_text(
        text.replace("\n", "\n\n"), title=hints.title or document.title or None
    )
    if not parsed.paragraphs and not parsed.card:
        raise FetchError(FailureKind.NO_TEXT, f"No article text is left at {url}.")
    cards = (item for section in parsed.card for item in section.items)
    too_large = gate.size_refusal(text)
    if too_large is not None:
        raise FetchError(FailureKind.TOO_LARGE, f"{url}: {too_large}")
    refusal = gate.refusal([*parsed.paragraphs, *cards])
    if refusal is not None:
        raise FetchError(FailureKind.NO_TEXT, f"{url}: {refusal}")
    published_at: datetime | None = hints.published_at
    precision = DatePrecision.DAY
    if published_at is None:
        published_at, precision = _page_date(document.date)
    canonical = document.url if document.url and document.url.startswith("http") else url
    return ArticleDraft(
        title=parsed.title or url,
        body=parsed.body,
        publisher=document.sitename or hints.publisher or found.publisher,
        original_publisher=found.original_publisher,
        author=hints.author or document.author or found.author,
        url=url,
        canonical_url=canonicalise_url(canonical),
        language=article_language(document.language, parsed.title, parsed.body),
        published_at=published_at,
        published_precision=precision,
        card=parsed.card,
        origin=url,
    )


async def fetch_article(
    fetcher: Fetcher, url: str, *, hints: PageHints | None = None, gate: ArticleGate = DEFAULT_GATE
) -> ArticleDraft:
    """Fetch one article page and extract it off the event loop; ``FetchError`` on failure.

    The gate (the operator's size limit) refuses a page whose article text is too large.
    """
    fetched = await fetcher.fetch_page(url)
    if "xml" in fetched.content_type and _looks_like_feed(fetched.body):
        raise FetchError(
            FailureKind.CONTENT_TYPE, f"{url} is a feed, not an article; follow it as a feed."
        )
    # Charset detection and extraction are CPU work: both run off the event loop.
    page_html = await asyncio.to_thread(decode_page, fetched.body, fetched.charset)
    draft = await asyncio.to_thread(
        extract_page, page_html, url=fetched.url, hints=hints, gate=gate
    )
    # Keep the address the person or feed gave; the page's own canonical one dedups.
    return replace(draft, url=url, origin=url)


def _looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
