"""What every CLI handler gets: the settings, a console and an opened, seeded service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from bot.service import Briefings
    from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class CliContext:
    """Settings and consoles for one CLI invocation (stdout for results, stderr for progress)."""

    settings: Settings
    out: Console
    err: Console


@asynccontextmanager
async def open_service(context: CliContext, *, seed: bool = True) -> AsyncIterator[Briefings]:
    """Open the store, load the seeds on first use, and close the store afterwards."""
    from rich.text import Text

    from bot.core.article_gate import ArticleGate
    from bot.service import Briefings, Lexicons
    from bot.store import ArticleStore

    lexicons = Lexicons.from_file(context.settings.topics_file)
    store = await ArticleStore.open(context.settings.database_file)
    try:
        gate = ArticleGate(max_text_bytes=context.settings.max_article_kb * 1024)
        service = Briefings(
            store, seeds_dir=context.settings.seeds_path, lexicons=lexicons, gate=gate
        )
        if seed and context.settings.seed:
            report = await service.ensure_seeded()
            if report is not None and report.added:
                # Paths are data: printed as Text so a '[' in them is not read as markup.
                context.err.print(
                    Text(
                        f"Loaded {len(report.added)} seed articles from "
                        f"{context.settings.seeds_path} into {context.settings.database_file}.",
                        style="dim",
                    ),
                    soft_wrap=True,
                )
        yield service
    finally:
        await store.close()
