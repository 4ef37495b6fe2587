"""Markdown renderer: article lists and search results for pasting into a document."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.calendar import format_dated
from bot.core.models import Article, SearchHit

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~"})


def escape_markdown(text: str) -> str:
    """Escape characters Markdown would treat as markup, so article text stays literal."""
    return text.translate(_MD_SPECIAL)


def link(title: str, url: str | None) -> str:
    """A Markdown link, or the escaped title alone when there is no URL."""
    return f"[{escape_markdown(title)}](<{url}>)" if url else escape_markdown(title)


def render_articles(articles: Sequence[Article]) -> str:
    """A Markdown table of stored articles."""
    lines = ["| id | published | publisher | title |", "| ---: | --- | --- | --- |"]
    for a in articles:
        date = format_dated(a.published_at, a.published_precision)
        lines.append(
            f"| {a.id} | {date} | {escape_markdown(a.publisher or '—')} | {link(a.title, a.url)} |"
        )
    return "\n".join(lines) + "\n"


def render_hits(hits: Sequence[SearchHit]) -> str:
    """A numbered Markdown list of search results with bold matches in the snippets."""
    lines = []
    for rank, hit in enumerate(hits, start=1):
        a = hit.article
        snippet = escape_markdown(hit.snippet).replace("«", "**").replace("»", "**")
        date = format_dated(a.published_at, a.published_precision)
        lines.append(
            f"{rank}. {link(a.title, a.url)} — {escape_markdown(a.publisher or '')} {date}"
        )
        lines.append(f"   > {snippet}")
    return "\n".join(lines) + "\n"
