"""Article text made safe for Discord: markdown escaped, mentions defused, split at word boundaries."""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"
ELLIPSIS = "…"

_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters that are markup anywhere in a line.
_ANYWHERE = re.compile(r"([\\*_~`|\[\]])")
# Characters that are markup only where a line (or a split piece) may start.
_LINE_START = re.compile(r"(^|(?<=\s))([#>\-+])")
_EVERYONE = re.compile(r"@(everyone|here)", re.IGNORECASE)
# Mentions, channel links, slash-command links, custom emoji and timestamps all open with "<".
_ANGLE_MARKUP = re.compile(r"<(?=[@#/:]|a:|t:)")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*\s")
# Private-use brackets around a channel id: the bot's own channel names survive escaping (and
# turn into "<#id>" links), while a "<#id>" typed into an article title or a feed stays defused.
_CHANNEL_OPEN, _CHANNEL_CLOSE = "\ue000", "\ue001"
_CHANNEL_MARK = re.compile(f"{_CHANNEL_OPEN}(\\d{{1,20}}){_CHANNEL_CLOSE}")
# A list item the bot's own templates start a line with ("- " or "• ").
_LIST_ITEM = re.compile(r"^(- |• )")


def inline(text: str) -> str:
    """One line of plain text: control characters dropped, whitespace runs made single spaces."""
    return _WHITESPACE.sub(" ", _CONTROL.sub("", text)).strip()


def defuse_mentions(text: str) -> str:
    """Break ``@everyone``, ``@here`` and ``<@…>``-style markup so nothing pings or renders."""
    text = _EVERYONE.sub(lambda m: f"@{ZERO_WIDTH_SPACE}{m.group(1)}", text)
    return _ANGLE_MARKUP.sub(f"<{ZERO_WIDTH_SPACE}", text)


def escape(text: str) -> str:
    """Article text as literal Discord text on one line: markdown escaped, mentions defused."""
    text = _ANYWHERE.sub(r"\\\1", inline(text))
    text = _LINE_START.sub(r"\1\\\2", text)
    return defuse_mentions(text)


def channel_mention(channel_id: int) -> str:
    """A channel named in notice text; ``lines`` turns it into a clickable ``<#id>`` link."""
    return f"{_CHANNEL_OPEN}{channel_id}{_CHANNEL_CLOSE}"


def lines(text: str) -> str:
    """Several lines of notice text: each escaped, line breaks and leading "- " items kept.

    Only the bot's own markup survives: a list dash at a line start and ``channel_mention``.
    """
    out = []
    for line in text.split("\n"):
        item = _LIST_ITEM.match(line)
        marker = item.group(1) if item else ""
        out.append(marker + escape(line[len(marker) :]))
    return _CHANNEL_MARK.sub(r"<#\1>", "\n".join(out).strip("\n"))


def plain(text: str) -> str:
    """Text for places Discord shows without markdown (titles, footers): only mentions defused."""
    return defuse_mentions(inline(text))


def _safe_cut(text: str, at: int) -> int:
    # Escaped text pairs every backslash with the character after it; cut between pairs only.
    run_start = at
    while run_start > 0 and text[run_start - 1] == "\\":
        run_start -= 1
    return at - 1 if (at - run_start) % 2 else at


def _cut_point(text: str, limit: int) -> int:
    window = text[: limit + 1]
    sentence_ends = [m.end() - 1 for m in _SENTENCE_END.finditer(window)]
    sentence_ends = [end for end in sentence_ends if end <= limit]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return sentence_ends[-1]
    space = window.rfind(" ")
    if space > 0:
        return space
    return _safe_cut(text, limit)


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most ``limit`` characters.

    Cuts fall at a sentence end when one is in the second half of the window, else at the last
    space; only a single word longer than ``limit`` is cut inside, and never after a backslash.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces: list[str] = []
    rest = text.strip(" ")
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        piece = rest[:cut].rstrip(" ")
        if piece:
            pieces.append(piece)
        rest = rest[cut:].lstrip(" ")
    if rest:
        pieces.append(rest)
    return pieces


def shorten(text: str, limit: int) -> str:
    """Text cut to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    head = split_text(text, limit - 1)[0]
    return head + ELLIPSIS
