"""Terminal renderer (rich): article lists, search results and ingest summaries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.core.calendar import format_dated
from bot.core.models import Article, SearchHit
from bot.core.reports import IngestReport
from bot.render.brief_terminal import count_noun

SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
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


def print_articles(
    articles: Sequence[Article], console: Console, *, publisher: str | None = None
) -> None:
    """A table of stored articles: id, date, publisher, title (``publisher`` names the filter)."""
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
    table = Table(title=f"{len(articles)} stored articles, newest first", title_justify="left")
    table.add_column("id", justify="right", style="cyan")
    table.add_column("published")
    table.add_column("publisher")
    table.add_column("title", overflow="fold")
    for article in articles:
        table.add_row(
            str(article.id),
            format_dated(article.published_at, article.published_precision),
            Text(article.publisher or "—"),
            Text(article.title),
        )
    console.print(table)


def print_hits(hits: Sequence[SearchHit], words: str, console: Console) -> None:
    """Ranked search results with highlighted snippets."""
    if not hits:
        console.print(Text(f"Nothing stored matches '{words}'."))
        return
    console.print(Text(f"{len(hits)} matches for '{words}', best first", style="bold"))
    for rank, hit in enumerate(hits, start=1):
        article = hit.article
        head = Text(f"{rank}. ", style="bold")
        head.append(article.title, style="bold")
        head.append(f"  [{article.id}]", style="cyan")
        console.print(head)
        meta = f"   {article.publisher or 'unknown publisher'} · "
        meta += format_dated(article.published_at, article.published_precision)
        meta += f" · score {hit.score:.2f}"
        console.print(Text(meta, style="dim"))
        console.print(Text("   ").append_text(snippet_text(hit.snippet)))


def skipped_line(skipped: Sequence[str]) -> str:
    """'Skipped 2 files of unsupported types: a.xyz, b.doc.' (the first few names, then '…')."""
    names = ", ".join(Path(path).name for path in skipped[:_SKIPPED_SHOWN])
    more = ", …" if len(skipped) > _SKIPPED_SHOWN else ""
    return f"Skipped {count_noun(len(skipped), 'file')} of unsupported types: {names}{more}."


def print_ingest_report(report: IngestReport, console: Console) -> None:
    """The end-of-ingest summary: counts, skipped files, each duplicate and each rejection."""
    summary = Text(
        f"Added {len(report.added)}, duplicates {len(report.duplicates)}, "
        f"rejected {len(report.rejected)} (from {count_noun(report.files_seen, 'file')}).",
        style="bold",
    )
    console.print(summary)
    if report.skipped:
        console.print(Text(f"  {skipped_line(report.skipped)}", style="yellow"))
    for dup in report.duplicates:
        console.print(
            Text(f"  = {dup.origin}: duplicate of article {dup.existing_id} ({dup.reason})", "dim")
        )
    for bad in report.rejected:
        console.print(Text(f"  ✗ {bad.origin}: {bad.reason}", style="red"))
    for line in report.restored:
        console.print(Text(f"  + {line}", style="green"))
    for held in report.withheld:
        console.print(Text(f"  - {held.origin}: not stored again ({held.reason})", style="yellow"))
