"""Terminal layout that adapts to where output goes: wrapped and boxed on a terminal, plain in a pipe.

A console in plain mode (``soft_wrap`` set, as the CLI does for pipes, files and
``BRIEFBOT_PLAIN=1``) gets one line per item, no box drawing and no padding, so ``grep``, ``cut``
and diffs see whole titles and sentences. On a terminal, list items wrap under their own text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.text import Text


def is_plain(console: Console) -> bool:
    """Whether the console prints plain lines: no wrapping, no boxes, no padding."""
    # soft_wrap is the one switch rich itself honours on every print (no wrapping, no cropping),
    # so it doubles as the mode flag and a console can never be half plain.
    return console.soft_wrap


def set_plain(console: Console, plain: bool) -> None:
    """Put the console in plain mode (or back into terminal layout)."""
    console.soft_wrap = plain


class Hanging:
    """A list item: a bullet or number, then text whose wrapped and later lines align under it."""

    def __init__(self, bullet: Text | str, body: Text) -> None:
        self.bullet = bullet if isinstance(bullet, Text) else Text(bullet)
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The item as one Text: wrapped with a hanging indent, or unwrapped when plain."""
        indent = self.bullet.cell_len
        if is_plain(console) or options.no_wrap:
            lines = list(self.body.split(allow_blank=True))
        else:
            width = max(options.max_width - indent, 8)
            lines = list(self.body.wrap(console, width, justify="left", overflow="fold"))
        shown = Text(end=self.body.end)
        for index, line in enumerate(lines):
            if index:
                shown.append("\n")
                # An empty line stays empty: indenting it would leave trailing spaces.
                if line.plain:
                    shown.append(" " * indent)
            else:
                shown.append_text(self.bullet)
            line.rstrip()
            shown.append_text(line)
        yield shown


class Heading:
    """A section heading: a rule across a terminal, a bold line in plain output."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """A left-aligned rule, or the title alone when plain."""
        if is_plain(console):
            yield Text(self.title, style="bold")
        else:
            yield Rule(self.title, align="left")


class Boxed:
    """A titled block: a panel on a terminal, a heading and its lines in plain output."""

    def __init__(self, title: str, items: Sequence[RenderableType], *, border_style: str) -> None:
        self.title = title
        self.items = tuple(items)
        self.border_style = border_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """A panel, or the title in bold followed by the items."""
        if is_plain(console):
            yield Text(self.title, style=f"bold {self.border_style}")
            yield from self.items
        else:
            yield Panel(
                Group(*self.items),
                title=self.title,
                title_align="left",
                border_style=self.border_style,
            )


class Fields:
    """One record as a tab-separated line (for ``cut -f``), each field's whitespace collapsed."""

    def __init__(self, fields: Sequence[str]) -> None:
        self.fields = tuple(" ".join(field.split()) for field in fields)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The fields joined by tabs, as a raw segment: a rich Text would turn tabs into spaces."""
        yield Segment("\t".join(self.fields))
        yield Segment.line()
