"""Text measured in display cells: a Chinese character takes two, and may break a line anywhere.

``textwrap`` counts characters and breaks only at spaces, so a Chinese label came out twice as
wide as an English one of the same length and was never wrapped at all. Cells are counted as
rich counts them for the terminal (``rich.cells``).
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

# Closing punctuation never starts a line, and opening punctuation never ends one (the
# simplest line-breaking rule of Chinese typesetting).
_NO_LINE_START = frozenset("。，、；：？！）」』”’》〉】…·")
_NO_LINE_END = frozenset("（「『“‘《〈【")


def _pieces(text: str) -> list[str]:
    """Units a line may break between: words, single wide characters, and runs of spaces."""
    pieces: list[str] = []
    for ch in text:
        wide = get_character_cell_size(ch) == 2
        last = pieces[-1] if pieces else ""
        if (ch in _NO_LINE_START and last) or (last and last[-1] in _NO_LINE_END):
            pieces[-1] = last + ch
        elif (
            wide
            or not last
            or last.isspace() != ch.isspace()
            or get_character_cell_size(last[-1]) == 2
        ):
            pieces.append(ch)
        else:
            pieces[-1] = last + ch
    return pieces


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells, broken at spaces or between Chinese characters."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if piece.isspace():
            line += piece if line else ""
            continue
        if line and cell_len(line + piece) > width:
            lines.append(line.rstrip())
            line = ""
        rest = piece
        while cell_len(rest) > width:  # a word longer than a line is cut, as textwrap does
            head = _fit(rest, width)
            lines.append(head)
            rest = rest[len(head) :]
        line += rest
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fit(text: str, width: int) -> str:
    used, end = 0, 0
    for end, ch in enumerate(text):
        used += get_character_cell_size(ch)
        if used > width:
            return text[: max(end, 1)]
    return text


def shorten_cells(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` cells at a break, marking the cut with '…'."""
    if cell_len(text) <= width:
        return text
    lines = wrap_cells(text, width - 1)
    return (lines[0].rstrip(" ,;:–—-，、；：") if lines else "") + "…"
