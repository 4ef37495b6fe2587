"""The plain-text article parser: title, clean body paragraphs and card sections, no furniture."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.card_sections import merge_sections, section_items
from bot.core.cleaning import clean_text
from bot.core.furniture import FurnitureLexicon, furniture_lexicon
from bot.core.models import CardSection, CardSectionKind, ParsedText
from bot.core.text import fingerprint_text, normalise_space, split_sentences
from bot.core.text_units import TextUnit, is_heading_like, is_prose, units_of

# A first line longer than this is a paragraph, not a title: the title becomes its first sentence.
_LONGEST_TITLE = 200
_TITLE_CUT = 120


@dataclass(frozen=True, slots=True)
class SourceHints:
    """Names the furniture gives: "(Global Times)", "Read original on X", "More articles by Y"."""

    publisher: str | None = None
    original_publisher: str | None = None
    author: str | None = None


@dataclass(slots=True)
class _Segment:
    """A run of lines in one mode: body text (``kind`` None) or one card section."""

    kind: CardSectionKind | None
    lines: list[str | None] = field(default_factory=list)


def _title_from(line: str) -> str:
    if len(line) <= _LONGEST_TITLE:
        return line
    first = split_sentences(line)[0] if split_sentences(line) else line
    if len(first) <= _TITLE_CUT:
        return first
    cut = first[:_TITLE_CUT].rsplit(" ", 1)[0]
    return cut + "…"


def _is_content(line: str, lexicon: FurnitureLexicon) -> bool:
    return bool(line) and not lexicon.is_furniture(line) and lexicon.card_heading(line) is None


def _segments(
    lines: list[str], title: str, lexicon: FurnitureLexicon
) -> tuple[list[_Segment], SourceHints]:
    """Walk the lines: drop furniture and title repeats, open card sections, stop at the tail."""
    title_print = fingerprint_text(title)
    segments = [_Segment(None)]
    publisher: str | None = None
    original: str | None = None
    author: str | None = None
    seen_content = False
    for index, raw in enumerate(lines):
        line = normalise_space(raw)
        current = segments[-1]
        if not line or (title_print and fingerprint_text(line) == title_print):
            current.lines.append(None)
            continue
        if seen_content and lexicon.is_tail(line):
            author = _tail_author(lines[index:], lexicon)
            break
        if lexicon.is_furniture(line):
            publisher = publisher or lexicon.credit_name(line)
            original = original or lexicon.original_name(line)
            if current.kind is None:
                current.lines.append(None)
            else:
                segments.append(_Segment(None))
            continue
        heading = lexicon.card_heading(line)
        if heading is not None:
            kind, inline = heading
            segments.append(_Segment(kind, [inline] if inline else []))
            seen_content = seen_content or bool(inline)
            continue
        current.lines.append(raw.strip())
        seen_content = True
    return segments, SourceHints(publisher, original, author)


def _tail_author(tail: list[str], lexicon: FurnitureLexicon) -> str | None:
    for raw in tail:
        name = lexicon.author_name(normalise_space(raw))
        if name:
            return name
    return None


def _without_subheads(units: list[TextUnit]) -> list[TextUnit]:
    """Drop in-body subheads: short unpunctuated lines that introduce a following prose paragraph.

    They are kept out of the body because they are not sentences: a summariser would otherwise
    cite a fragment like "Inclusive system" as if the article had said it.
    """
    kept: list[TextUnit] = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        subhead = (
            not unit.bullet
            and is_heading_like(unit.text)
            and following is not None
            and is_prose(following.text)
        )
        if not subhead:
            kept.append(unit)
    return kept


def _without_trailing_navigation(units: list[TextUnit]) -> list[TextUnit]:
    """Drop short non-prose lines after the last prose paragraph: navigation in any language."""
    last_prose = max((i for i, u in enumerate(units) if is_prose(u.text)), default=-1)
    if last_prose < 0:
        return units
    tail = units[last_prose + 1 :]
    if all(is_heading_like(u.text) and not u.bullet for u in tail):
        return units[: last_prose + 1]
    return units


def _split_title(lines: list[str], lexicon: FurnitureLexicon) -> tuple[str, list[str]]:
    """The title (first content line) and the lines after it; a long first line stays in body."""
    for index, raw in enumerate(lines):
        line = normalise_space(raw)
        if _is_content(line, lexicon):
            title = _title_from(line)
            return title, lines[index + 1 :] if title == line else lines[index:]
    return "", []


def parse_article_text(text: str, *, title: str | None = None) -> tuple[ParsedText, SourceHints]:
    """Parse plain article text and also report the publishers its furniture names."""
    lexicon = furniture_lexicon()
    lines = clean_text(text).split("\n")
    if title is None:
        title, rest = _split_title(lines, lexicon)
    else:
        title = normalise_space(clean_text(title))
        rest = lines
    segments, hints = _segments(rest, title, lexicon)
    paragraphs: list[TextUnit] = []
    sections: list[CardSection] = []
    for segment in segments:
        if segment.kind is None:
            paragraphs.extend(_without_subheads(units_of(segment.lines)))
        else:
            sections.append(CardSection(segment.kind, section_items(segment.kind, segment.lines)))
    kept = tuple(unit.text for unit in _without_trailing_navigation(paragraphs))
    parsed = ParsedText(
        title=title,
        paragraphs=kept,
        card=merge_sections(sections),
        lead=kept[0] if kept else "",
    )
    return parsed, hints


def parse_plain_text(text: str, *, title: str | None = None) -> ParsedText:
    """Parse a plain-text article: first line as title (unless given), no furniture, card kept."""
    return parse_article_text(text, title=title)[0]
