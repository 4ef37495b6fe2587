"""Terminal renderer (rich): article lists, search results and ingest summaries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.core.calendar import format_dated
from bot.core.models import Article, SearchHit
from bot.core.reports import DuplicateArticle, IngestReport
from bot.render.brief_terminal import count_noun
from bot.render.layout_terminal import Fields, Hanging, is_plain

SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
_DUPLICATE_OF = re.compile(r" as article \d+$")
_SKIPPED_SHOWN = 5


def marked(mark: str, style: str, message: str) -> Text:
    """A status line such as '✗ problem': the mark styled, the message printed literally."""
    return Text.assemble((mark, style), " ", message)


def snippet_text(snippet: str) -> Text:
    """A snippet with the store's «match» markers turned into bold, everything else literal."""
    text = Text()
    for index, part in enumerate(snippet.replace(SNIPPET_CLOSE, SNIPPET_OPEN).split(SNIPPET_OPEN)):
        text.append(part, style="bold yellow" if index % 2 else "")
    return text


def articles_heading(
    shown: int, *, limit: int | None = None, total: int | None = None, publisher: str | None = None
) -> str:
    """'3 stored articles, newest first', or '20 of 26 …' when ``limit`` cut the list short.

    ``total`` is the count in the store when known (None: it is not, so a full page only says
    there may be more).
    """
    source = f" from {publisher}" if publisher is not None else ""
    if limit is None or shown < limit or (total is not None and total <= shown):
        return f"{count_noun(shown, 'stored article')}{source}, newest first"
    if total is None:
        newest = "stored article" if shown == 1 else f"{shown:,} stored articles"
        return f"The newest {newest}{source} (--limit for more)"
    return f"{shown:,} of {count_noun(total, 'stored article')}{source}, newest first (--limit for more)"


def hits_heading(shown: int, words: str, *, limit: int | None = None) -> str:
    """'3 matches for 'chips', best first', or 'The 10 best matches …' when ``limit`` was reached."""
    if limit is not None and shown >= limit:
        if shown == 1:
            return f"The best match for '{words}' (--limit for more)"
        return f"The {shown:,} best matches for '{words}' (--limit for more)"
    return f"{count_noun(shown, 'match', 'matches')} for '{words}', best first"


def print_articles(
    articles: Sequence[Article],
    console: Console,
    *,
    publisher: str | None = None,
    limit: int | None = None,
    total: int | None = None,
    notes: Console | None = None,
) -> None:
    """A table of stored articles: id, date, publisher, title (``publisher`` names the filter).

    ``limit`` and ``total`` let the heading say when the list is only the newest page. Plain
    output is records only; its heading goes to ``notes`` (stderr), or nowhere without one.
    """
    if not articles and publisher is not None:
        console.print(Text(f"No stored articles from {publisher}."))
        return
    if not articles:
        console.print(
            Text.assemble(
                "The store is empty. Add articles with ", ("briefbot ingest PATH", "bold"), "."
            )
        )
        return
    title = articles_heading(len(articles), limit=limit, total=total, publisher=publisher)
    rows = [
        (
            str(article.id),
            format_dated(article.published_at, article.published_precision),
            article.publisher or "—",
            article.title,
        )
        for article in articles
    ]
    if is_plain(console):
        # One tab-separated line per article, so `grep`, `cut -f` and `sort` see whole fields.
        print_note(title, notes)
        for row in rows:
            console.print(Fields(row))
        return
    table = Table(title=title, title_justify="left")
    table.add_column("id", justify="right", style="cyan")
    table.add_column("published")
    table.add_column("publisher")
    table.add_column("title", overflow="fold")
    for article_id, published, source, article_title in rows:
        table.add_row(article_id, published, Text(source), Text(article_title))
    console.print(table)


def print_note(line: str, notes: Console | None) -> None:
    """A heading beside plain records: on ``notes`` (stderr), never in the records' stream."""
    if notes is not None:
        notes.print(Text(line, style="dim"), soft_wrap=True)


def print_hits(
    hits: Sequence[SearchHit],
    words: str,
    console: Console,
    *,
    limit: int | None = None,
    notes: Console | None = None,
) -> None:
    """Ranked search results with highlighted snippets (``limit``: the page size asked for).

    In plain output the heading goes to ``notes`` (stderr), so a pipe gets only the hits.
    """
    if not hits:
        console.print(Text(f"Nothing stored matches '{words}'."))
        return
    heading = hits_heading(len(hits), words, limit=limit)
    if is_plain(console):
        print_note(heading, notes)
    else:
        console.print(Text(heading, style="bold"))
    for rank, hit in enumerate(hits, start=1):
        article = hit.article
        # No score: bm25 values are tiny on a small store (all "0.00") and mean nothing to a
        # reader; the order already says which hit is best, and --format json keeps the score.
        body = Text(article.title, style="bold")
        body.append(f"  [{article.id}]", style="cyan")
        meta = f"\n{article.publisher or 'unknown publisher'} · "
        meta += format_dated(article.published_at, article.published_precision)
        body.append(meta, style="dim")
        body.append("\n")
        body.append_text(snippet_text(hit.snippet))
        console.print(Hanging(Text(f"{rank}. ", style="bold"), body))


def failure_line(origin: str, reason: str) -> str:
    """'x.json: The file is …', or the reason alone when it already starts with the address."""
    # A link's reason names the link ("https://… points at a private address …"): not twice.
    if reason.startswith(f"{origin} "):
        return reason
    return f"{origin}: {reason}"


def skipped_line(skipped: Sequence[str]) -> str:
    """'Skipped 2 files of unsupported types: a.xyz, b.doc.' (the first few names, then '…')."""
    names = ", ".join(Path(path).name for path in skipped[:_SKIPPED_SHOWN])
    more = ", …" if len(skipped) > _SKIPPED_SHOWN else ""
    return f"Skipped {count_noun(len(skipped), 'file')} of unsupported types: {names}{more}."


def duplicates_line(duplicates: Sequence[DuplicateArticle]) -> str:
    """'3 already stored (2 same address, 1 same text).': known files as one count line."""
    reasons: dict[str, int] = {}
    for dup in duplicates:
        # "same URL as article 12" counts as "same URL": the ids would make one kind per file.
        kind = _DUPLICATE_OF.sub("", dup.reason)
        reasons[kind] = reasons.get(kind, 0) + 1
    why = ", ".join(f"{count:,} {reason}" for reason, count in reasons.items())
    return f"{len(duplicates):,} already stored ({why})."


def _inputs(report: IngestReport) -> str:
    """'3 files', '1 link' or '2 files and 1 link': what the run read."""
    parts = (
        [count_noun(report.files_seen, "file")]
        if report.files_seen or not report.links_seen
        else []
    )
    if report.links_seen:
        parts.append(count_noun(report.links_seen, "link"))
    return " and ".join(parts)


def print_ingest_report(report: IngestReport, console: Console) -> None:
    """The end-of-ingest summary: counts, then each new article and each failure.

    Known files are one count line, so re-ingesting a folder of 10,000 is not 10,001 lines.
    """
    summary = Text(
        f"Added {len(report.added):,}, duplicates {len(report.duplicates):,}, "
        f"rejected {len(report.rejected):,} (from {_inputs(report)}).",
        style="bold",
    )
    console.print(summary)
    if report.skipped:
        console.print(Text(f"  {skipped_line(report.skipped)}", style="yellow"))
    for new in report.added:
        console.print(Text(f"  ✓ {new.origin}: article {new.article_id}: {new.title}", "green"))
    if report.duplicates:
        console.print(Text(f"  = {duplicates_line(report.duplicates)}", style="dim"))
    for bad in report.rejected:
        console.print(Text(f"  ✗ {failure_line(bad.origin, bad.reason)}", style="red"))
    for line in report.restored:
        console.print(Text(f"  + {line}", style="green"))
    for held in report.withheld:
        console.print(Text(f"  - {held.origin}: not stored again ({held.reason})", style="yellow"))
