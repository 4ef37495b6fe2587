"""Sections of lines packed into embeds and embeds into pages, each page inside Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.render.embed_text import plain, shorten, split_text
from bot.render.embeds import (
    BRAND_COLOUR,
    DESCRIPTION_MAX,
    MESSAGE_EMBED_TOTAL_MAX,
    MESSAGE_EMBEDS_MAX,
    TITLE_MAX,
    EmbedCard,
    Page,
)

# Room kept on every page for the "Page 2/3 · …" footer added after packing.
FOOTER_BUDGET = 120
# Shorter than Discord's 4096 so a page holds a few sections rather than one wall of text.
DESCRIPTION_BUDGET = 2800
CONTINUED = " (continued)"


@dataclass(frozen=True, slots=True)
class Section:
    """A titled run of lines; lines are already escaped and are kept whole when they fit."""

    title: str
    lines: tuple[str, ...]
    colour: int = BRAND_COLOUR


def _descriptions(lines: Sequence[str], budget: int) -> list[str]:
    pieces = [piece for line in lines for piece in split_text(line, budget)]
    out: list[str] = []
    current = ""
    for piece in pieces:
        joined = f"{current}\n{piece}" if current else piece
        if len(joined) <= budget:
            current = joined
            continue
        out.append(current)
        current = piece
    if current:
        out.append(current)
    return out


def section_cards(section: Section, *, budget: int = DESCRIPTION_BUDGET) -> list[EmbedCard]:
    """One section as one or more embeds, continuations titled "(continued)"."""
    budget = min(budget, DESCRIPTION_MAX)
    title = shorten(section.title, TITLE_MAX - len(CONTINUED))
    descriptions = _descriptions([line for line in section.lines if line.strip()], budget)
    cards = []
    for index, description in enumerate(descriptions):
        heading = title if index == 0 else title + CONTINUED
        cards.append(EmbedCard(title=heading, description=description, colour=section.colour))
    return cards


def paginate(cards: Sequence[EmbedCard], *, label: str = "") -> list[Page]:
    """Pack embeds in order into pages (at most 10 embeds and 6000 characters each).

    Each page's last embed gets a footer "Page i/n · label" when there is more than one page.
    """
    room = MESSAGE_EMBED_TOTAL_MAX - FOOTER_BUDGET
    pages: list[list[EmbedCard]] = []
    size = 0
    for card in cards:
        if not pages or len(pages[-1]) >= MESSAGE_EMBEDS_MAX or size + card.size > room:
            pages.append([])
            size = 0
        pages[-1].append(card)
        size += card.size
    if len(pages) < 2:
        return [tuple(page) for page in pages]
    footer_label = shorten(plain(label), FOOTER_BUDGET - 20)
    out: list[Page] = []
    for number, page in enumerate(pages, start=1):
        footer = f"Page {number}/{len(pages)}" + (f" · {footer_label}" if footer_label else "")
        out.append((*page[:-1], page[-1].with_footer(footer)))
    return out


def sections_to_pages(sections: Sequence[Section], *, label: str = "") -> list[Page]:
    """Sections rendered to embeds and packed into pages."""
    cards = [card for section in sections for card in section_cards(section)]
    return paginate(cards, label=label)
