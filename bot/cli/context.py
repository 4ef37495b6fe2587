"""What every CLI handler gets: the settings, a console and an opened, seeded service."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from bot.service import Briefings
    from bot.settings import Settings

PLAIN_ENV = "BRIEFBOT_PLAIN"


def wants_plain(console: Console, environ: Mapping[str, str] | None = None) -> bool:
    """Plain output for a pipe or a file, or on a terminal when ``BRIEFBOT_PLAIN=1`` asks for it.

    Only the layout is decided here; colour stays rich's call: only on a terminal, none under
    ``NO_COLOR``, forced by ``FORCE_COLOR`` (which alone does not bring back wrapping and boxes).
    """
    environ = os.environ if environ is None else environ
    if environ.get(PLAIN_ENV, "").strip().lower() not in ("", "0", "false", "no"):
        return True
    isatty = getattr(console.file, "isatty", None)
    try:
        return not (isatty is not None and isatty())
    except ValueError:  # a closed file is no terminal
        return True


@dataclass(frozen=True, slots=True)
class CliContext:
    """Settings and consoles for one CLI invocation (stdout for results, stderr for progress)."""

    settings: Settings
    out: Console
    err: Console
    plain: bool = False  # ``--plain``: the pipe layout even on a terminal
    # ``--server``: the Discord server whose view the command takes (None: the shared library).
    server_id: int | None = None

    def __post_init__(self) -> None:
        """Switch each console to plain output when it writes to a pipe or file, or when asked."""
        from bot.render.layout_terminal import set_plain

        # Here rather than where the consoles are made, so every entry point (and every test
        # that builds a context) gets the same pipe-friendly output.
        for console in (self.out, self.err):
            set_plain(console, self.plain or wants_plain(console))


@asynccontextmanager
async def open_service(context: CliContext, *, seed: bool = True) -> AsyncIterator[Briefings]:
    """Open the store, load the seeds on first use, and close the store afterwards."""
    from rich.text import Text

    from bot.core.article_gate import ArticleGate
    from bot.core.scope import Scope
    from bot.render.brief_terminal import count_noun
    from bot.service import Briefings, Lexicons
    from bot.store import ArticleStore

    lexicons = Lexicons.from_file(context.settings.topics_file)
    store = await ArticleStore.open(context.settings.store_location)
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
                        f"Loaded {count_noun(len(report.added), 'seed article')} from "
                        f"{context.settings.seeds_path} into {context.settings.store_label}.",
                        style="dim",
                    ),
                    soft_wrap=True,
                )
        yield service.for_scope(
            Scope.library() if context.server_id is None else Scope.server(context.server_id)
        )
    finally:
        await store.close()
