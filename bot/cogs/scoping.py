"""Which server a command acts for: each server's own articles and feeds beside the shared library."""

from __future__ import annotations

import discord

from bot.core.scope import Scope
from bot.service import Briefings
from bot.service.feeds import Feeds


def scope_of(interaction: discord.Interaction) -> Scope:
    """The scope of a command: its server's view, or the shared library in a direct message."""
    return Scope.library() if interaction.guild_id is None else Scope.server(interaction.guild_id)


def briefings_for(service: Briefings, interaction: discord.Interaction) -> Briefings:
    """The briefing use cases as the command's server sees them."""
    return service.for_scope(scope_of(interaction))


def feeds_for(feeds: Feeds, interaction: discord.Interaction) -> Feeds:
    """The feed use cases for the command's server: its own feeds, articles filed under it."""
    return feeds.for_scope(scope_of(interaction))
