"""Discord's message and embed limits in one place, and a plain embed model that respects them.

The render layer never imports discord.py: it produces ``EmbedCard`` values (plain data) and the
Discord layer turns them into ``discord.Embed`` with ``EmbedCard.to_dict``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
MESSAGE_EMBED_TOTAL_MAX = 6000
MESSAGE_EMBEDS_MAX = 10
CHOICES_MAX = 25  # autocomplete choices per answer
CHOICE_TEXT_MAX = 100  # characters of a choice's name and value

BRAND_COLOUR = 0x2B6CB0
WARNING_COLOUR = 0xC05621


@dataclass(frozen=True, slots=True)
class EmbedField:
    """One embed field: a name and a value, both non-empty once rendered."""

    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True, slots=True)
class EmbedCard:
    """An embed as plain data: what a person sees in one Discord embed."""

    title: str = ""
    description: str = ""
    url: str | None = None
    footer: str = ""
    author: str = ""
    colour: int = BRAND_COLOUR
    fields: tuple[EmbedField, ...] = field(default=())

    @property
    def size(self) -> int:
        """The characters Discord counts towards the 6000 per message."""
        fields = sum(len(f.name) + len(f.value) for f in self.fields)
        return (
            len(self.title) + len(self.description) + len(self.footer) + len(self.author) + fields
        )

    def with_footer(self, footer: str) -> EmbedCard:
        """The same card with another footer."""
        return replace(self, footer=footer)

    def to_dict(self) -> dict[str, Any]:
        """The card as Discord's embed JSON (empty parts left out)."""
        out: dict[str, Any] = {"type": "rich", "color": self.colour}
        if self.title:
            out["title"] = self.title
        if self.description:
            out["description"] = self.description
        if self.url:
            out["url"] = self.url
        if self.footer:
            out["footer"] = {"text": self.footer}
        if self.author:
            out["author"] = {"name": self.author}
        if self.fields:
            out["fields"] = [
                {"name": f.name, "value": f.value, "inline": f.inline} for f in self.fields
            ]
        return out


Page = tuple[EmbedCard, ...]


def card_problems(card: EmbedCard) -> list[str]:
    """Every limit one embed breaks, as sentences (empty when the card is valid)."""
    problems = []
    checks = (
        ("title", card.title, TITLE_MAX),
        ("description", card.description, DESCRIPTION_MAX),
        ("footer", card.footer, FOOTER_MAX),
        ("author", card.author, AUTHOR_MAX),
    )
    for name, text, limit in checks:
        if len(text) > limit:
            problems.append(f"{name} has {len(text)} characters, at most {limit}")
    if len(card.fields) > FIELDS_MAX:
        problems.append(f"{len(card.fields)} fields, at most {FIELDS_MAX}")
    for item in card.fields:
        if not 0 < len(item.name) <= FIELD_NAME_MAX:
            problems.append(f"field name has {len(item.name)} characters")
        if not 0 < len(item.value) <= FIELD_VALUE_MAX:
            problems.append(f"field value has {len(item.value)} characters")
    if not (card.title or card.description or card.fields):
        problems.append("the embed shows nothing")
    return problems


def page_problems(page: Sequence[EmbedCard], content: str = "") -> list[str]:
    """Every limit one message (content plus embeds) breaks, as sentences."""
    problems = [problem for card in page for problem in card_problems(card)]
    if len(content) > CONTENT_MAX:
        problems.append(f"content has {len(content)} characters, at most {CONTENT_MAX}")
    if len(page) > MESSAGE_EMBEDS_MAX:
        problems.append(f"{len(page)} embeds, at most {MESSAGE_EMBEDS_MAX}")
    total = sum(card.size for card in page)
    if total > MESSAGE_EMBED_TOTAL_MAX:
        problems.append(f"{total} characters across embeds, at most {MESSAGE_EMBED_TOTAL_MAX}")
    if not page and not content:
        problems.append("the message shows nothing")
    return problems
