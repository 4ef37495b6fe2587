"""Removal previews and results: plain lines for the terminal, escaped content for Discord."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.calendar import format_dated
from bot.core.models import Article
from bot.core.removals import RemovalReport, Tombstone
from bot.render.embed_text import escape, inline, shorten
from bot.render.embeds import CONTENT_MAX

_TITLE_MAX = 200
_KEPT_OUT = {
    False: "It left search, briefs, timelines, stories and digests. A feed that serves it again "
    "will not bring it back; `briefbot ingest` of its file or link does.",
    True: "They left search, briefs, timelines, stories and digests. A feed that serves them "
    "again will not bring them back; `briefbot ingest` of their files or links does.",
}


def _noun(count: int) -> str:
    return "article" if count == 1 else "articles"


def article_line(article: Article) -> str:
    """'3  Title — Publisher, 2024-05-02 — https://…' on one line, for a removal preview."""
    when = format_dated(article.published_at, article.published_precision)
    parts = [inline(article.title), f"{article.publisher or 'no publisher'}, {when}"]
    address = article.canonical_url or article.url or article.origin
    if address:
        parts.append(address)
    return f"{article.id}  " + " — ".join(parts)


def preview_heading(count: int) -> str:
    """'Would remove 2 articles:'."""
    return f"Would remove {count} {_noun(count)}:"


def unknown_line(unknown: Sequence[int]) -> str:
    """'No stored article has id 98, 99 (see `briefbot articles`).'."""
    return f"No stored article has id {', '.join(map(str, unknown))} (see `briefbot articles`)."


def tombstone_line(tombstone: Tombstone) -> str:
    """'12  Title — removed 2026-06-01 14:02 UTC by cli — https://…' for ``briefbot removed``."""
    when = tombstone.removed_at.strftime("%Y-%m-%d %H:%M UTC")
    parts = [inline(tombstone.title), f"removed {when} by {tombstone.removed_by}"]
    address = tombstone.url or tombstone.origin
    if address:
        parts.append(address)
    return f"{tombstone.article_id}  " + " — ".join(parts)


NO_REMOVALS = "Nothing has been removed from the store."


def kept_lines(report: RemovalReport) -> list[str]:
    """Why some articles stayed in the store: other servers or the shared library hold them."""
    lines = [
        f"Article {i} left this server's library; other servers that brought it in keep it."
        for i in report.released
    ]
    lines += [
        f"Article {i} is in the shared library: remove it without --server." for i in report.shared
    ]
    return lines


def removed_lines(report: RemovalReport) -> list[str]:
    """One line per removed article, then what happens when it comes back."""
    lines = [f"Removed article {t.article_id}: {inline(t.title)}" for t in report.removed]
    if report.removed:
        lines.append(_KEPT_OUT[len(report.removed) > 1])
    return lines + kept_lines(report)


def removal_message(report: RemovalReport) -> str:
    """What /sources remove did, as Discord content (escaped, inside the content limit)."""
    lines = [
        f"Removed article `{t.article_id}`: {shorten(escape(t.title), _TITLE_MAX)}"
        for t in report.removed
    ]
    lines += [
        f"No stored article has id `{i}`; /sources list shows the ids." for i in report.unknown
    ]
    lines += [
        f"Article `{i}` left this server's library; other servers that brought it in keep it."
        for i in report.released
    ]
    lines += [
        f"Article `{i}` is in the shared library every server sees; only the bot's operator "
        "can remove it."
        for i in report.shared
    ]
    if report.removed:
        lines.append(
            "It left search, briefs, timelines, stories and digests. A feed that serves it again "
            "will not bring it back; a manager's /ingest of its link does."
        )
    return shorten("\n".join(lines), CONTENT_MAX)
