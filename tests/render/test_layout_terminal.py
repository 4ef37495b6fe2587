"""Layout that follows the output: hanging indents on a terminal, whole lines when plain."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from bot.render.layout_terminal import Boxed, Fields, Hanging, Heading, set_plain

LONG = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"


def _shown(renderable: object, *, plain: bool, width: int = 30) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    set_plain(console, plain)
    console.print(renderable)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue().splitlines()


def test_a_wrapped_item_hangs_under_its_text() -> None:
    lines = _shown(Hanging("12. ", Text(LONG + "\nsecond line")), plain=False)
    assert lines[0].startswith("12. alpha")
    assert all(line.startswith("    ") and line[4] != " " for line in lines[1:])
    assert lines[-1] == "    second line"
    assert max(len(line) for line in lines) <= 30
    assert " ".join(" ".join(lines).replace("12.", "").split()) == f"{LONG} second line"


def test_plain_items_are_one_line_each_without_trailing_spaces() -> None:
    lines = _shown(Hanging("• ", Text(f"{LONG}\n\nafter a blank")), plain=True)
    assert lines == [f"• {LONG}", "", "  after a blank"]


def test_headings_and_boxes_draw_only_on_a_terminal() -> None:
    boxed = Boxed("TL;DR", [Text("one"), Text("two")], border_style="green")
    assert _shown(boxed, plain=True) == ["TL;DR", "one", "two"]
    assert _shown(Heading("Sources"), plain=True) == ["Sources"]
    assert _shown(boxed, plain=False)[0].startswith("╭─ TL;DR")
    assert _shown(Heading("Sources"), plain=False)[0].startswith("Sources ─")


def test_fields_keep_their_tabs_and_lose_inner_whitespace() -> None:
    assert _shown(Fields(["1", "a\ttitle\nsplit", "x"]), plain=True) == ["1\ta title split\tx"]
