"""Autocomplete choices: lexicon topics and stored terms for /brief, stored publishers for source."""

from __future__ import annotations

from discord import app_commands

from bot.render.embeds import CHOICE_TEXT_MAX, CHOICES_MAX
from bot.service import Briefings

_MIN_TERM = 3


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=name[:CHOICE_TEXT_MAX], value=value[:CHOICE_TEXT_MAX])


async def topic_choices(service: Briefings, typed: str) -> list[app_commands.Choice[str]]:
    """Lexicon topics naming what was typed, then stored terms starting with it."""
    needle = typed.strip().casefold()
    out: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for entry in service.lexicons.topics.values():
        names = entry.names()
        if needle and not any(needle in name.casefold() for name in names):
            continue
        value = entry.key.replace("_", " ")
        out.append(_choice(f"{entry.label} ({value})", value))
        seen.update(name.casefold() for name in names)
    if len(needle) >= 2:
        for term, _count in await service.store.vocabulary(limit=CHOICES_MAX, prefix=needle):
            if len(term) >= _MIN_TERM and term.casefold() not in seen:
                out.append(_choice(term, term))
                seen.add(term.casefold())
    return out[:CHOICES_MAX]


async def source_choices(service: Briefings, typed: str) -> list[app_commands.Choice[str]]:
    """Stored publishers containing what was typed, largest first."""
    needle = typed.strip().casefold()
    publishers = await service.store.publishers()
    return [
        _choice(f"{name} ({count})", name)
        for name, count in publishers
        if needle in name.casefold()
    ][:CHOICES_MAX]
