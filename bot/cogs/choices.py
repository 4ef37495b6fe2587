"""Autocomplete choices: lexicon topics and stored terms for /brief, stored publishers for source."""

from __future__ import annotations

from discord import app_commands

from bot.render.embeds import CHOICE_TEXT_MAX, CHOICES_MAX
from bot.service import Briefings
from bot.service.completions import complete_topic


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=name[:CHOICE_TEXT_MAX], value=value[:CHOICE_TEXT_MAX])


async def topic_choices(service: Briefings, typed: str) -> list[app_commands.Choice[str]]:
    """Lexicon topics naming what was typed, then stored words starting with it."""
    found = await complete_topic(service, typed, limit=CHOICES_MAX)
    return [_choice(completion.name, completion.value) for completion in found]


async def source_choices(service: Briefings, typed: str) -> list[app_commands.Choice[str]]:
    """Stored publishers containing what was typed, largest first."""
    needle = typed.strip().casefold()
    publishers = await service.store.publishers()
    return [
        _choice(f"{name} ({count})", name)
        for name, count in publishers
        if needle in name.casefold()
    ][:CHOICES_MAX]
