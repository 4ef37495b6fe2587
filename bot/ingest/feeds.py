"""RSS and Atom documents read with feedparser into feed items, and items turned into drafts."""

from __future__ import annotations

import hashlib
import html
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.article_text import parse_article_text
from bot.core.models import ArticleDraft, DatePrecision
from bot.core.urls import canonicalise_url
from bot.ingest.fetch import FailureKind, FetchError
from bot.ingest.language import article_language

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|blockquote|section|article)>|<br\s*/?>", re.IGNORECASE)
_ALTERNATE = re.compile(
    r"<link\b[^>]*\btype=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.IGNORECASE
)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)
_LOOKS_HTML = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(?:<!doctype html|<html)", re.IGNORECASE | re.DOTALL
)
_HARMLESS = (feedparser.CharacterEncodingOverride,)
# A feed entry whose text is at least this long is taken as the full article (no page fetch).
FULL_TEXT_CHARS = 1500


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, in document order, with plain-text summary and content."""

    guid: str
    title: str
    link: str | None
    summary: str
    content: str
    author: str | None
    published_at: datetime | None

    @property
    def has_full_text(self) -> bool:
        """True when the feed carries the whole article, so its page need not be fetched."""
        return len(self.content) >= FULL_TEXT_CHARS


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, site link and its items (duplicate GUIDs dropped, first kept)."""

    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]
    duplicate_guids: int = 0


def html_to_text(markup: str) -> str:
    """Plain text from an HTML fragment: block ends become paragraph breaks, tags go."""
    text = _BLOCK_END.sub("\n\n", markup)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (ValueError, OverflowError):
                continue
    return None


def _guid(entry: Any, link: str | None, title: str) -> str:
    explicit = str(entry.get("id") or "").strip()
    if explicit:
        return explicit
    if link:
        return canonicalise_url(link)
    # Neither id nor link: the title and text identify the entry as well as anything can.
    digest = hashlib.sha256(f"{title}\n{entry.get('summary', '')}".encode()).hexdigest()
    return f"sha256:{digest[:32]}"


def _content(entry: Any) -> str:
    parts = entry.get("content") or []
    texts = [html_to_text(str(part.get("value", ""))) for part in parts if part.get("value")]
    return max(texts, key=len, default="")


def _item(entry: Any) -> FeedItem | None:
    title = html_to_text(str(entry.get("title") or "")).replace("\n\n", " ")
    link = str(entry.get("link") or "").strip() or None
    summary = html_to_text(str(entry.get("summary") or ""))
    content = _content(entry)
    if not title and not summary and not content and not link:
        return None
    author = str(entry.get("author") or "").strip() or None
    return FeedItem(
        guid=_guid(entry, link, title),
        title=title,
        link=link,
        summary=summary,
        content=content,
        author=author,
        published_at=_date(entry),
    )


def discover_feed_links(body: bytes, base_url: str) -> list[str]:
    """The RSS/Atom addresses an HTML page advertises with ``<link rel="alternate">``."""
    text = body[:200_000].decode("utf-8", errors="replace")
    found: list[str] = []
    for tag in _ALTERNATE.findall(text):
        href = _HREF.search(tag)
        if href:
            found.append(urljoin(base_url, html.unescape(href.group(1))))
    return found


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Read an RSS/Atom document; ``FetchError`` (not a feed, parse error) when it is unusable.

    Synchronous and CPU-bound: call it through ``asyncio.to_thread``.
    """
    if _LOOKS_HTML.match(body[:4096]):
        hint = discover_feed_links(body, url)
        extra = f" The page advertises a feed at {hint[0]}." if hint else ""
        raise FetchError(FailureKind.NOT_A_FEED, f"{url} is a web page, not a feed.{extra}")
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    entries = list(parsed.get("entries") or [])
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # A wrong declared charset is harmless (feedparser recovers); broken XML with no items is not.
    if not entries and problem is not None and not isinstance(problem, _HARMLESS):
        line = getattr(problem, "getLineNumber", None)
        where = f", line {line()}" if callable(line) else ""
        raise FetchError(
            FailureKind.PARSE,
            f"{url} is not an RSS or Atom feed (its text is not well-formed XML{where}).",
        )
    if not parsed.get("version") and not entries:
        raise FetchError(FailureKind.NOT_A_FEED, f"{url} is not an RSS or Atom feed.")
    items: list[FeedItem] = []
    seen: set[str] = set()
    duplicates = 0
    for entry in entries:
        item = _item(entry)
        if item is None:
            continue
        if item.guid in seen:
            duplicates += 1
            continue
        seen.add(item.guid)
        items.append(item)
    channel = parsed.get("feed") or {}
    title = html_to_text(str(channel.get("title") or "")).replace("\n\n", " ") or None
    link = str(channel.get("link") or "").strip() or None
    return ParsedFeed(title, link, tuple(items), duplicates)


def item_draft(
    item: FeedItem, *, feed_title: str | None, feed_url: str, gate: ArticleGate = DEFAULT_GATE
) -> ArticleDraft | None:
    """A draft from the feed's own text (full content, else summary); ``None`` when it has none."""
    text = item.content if len(item.content) >= len(item.summary) else item.summary
    if not text.strip():
        return None
    if gate.size_refusal(text) is not None:
        return None
    parsed, hints = parse_article_text(text, title=item.title or None)
    # Feed text the gate refuses is no article; the item's page may still be one.
    if not parsed.paragraphs or gate.refusal(parsed.paragraphs) is not None:
        return None
    return ArticleDraft(
        title=parsed.title or item.title or (item.link or feed_url),
        body=parsed.body,
        publisher=feed_title or hints.publisher,
        original_publisher=hints.original_publisher,
        author=item.author or hints.author,
        url=item.link,
        canonical_url=canonicalise_url(item.link) if item.link else None,
        language=article_language(None, parsed.title, parsed.body),
        published_at=item.published_at,
        published_precision=DatePrecision.DAY if item.published_at else DatePrecision.UNKNOWN,
        origin=item.link or f"{feed_url}#{item.guid}",
    )
