"""Who may use what: the Manage Server check every state-changing command runs."""

from __future__ import annotations

import discord
from discord import app_commands

MANAGER_HINT = "Ask someone with Manage Server, or see /help for what every member can use."


def refusal(command: str) -> str:
    """The private answer to a member without Manage Server who tried ``command``."""
    return f"Only members with the Manage Server permission can use /{command}. {MANAGER_HINT}"


def require_manage_server(interaction: discord.Interaction) -> bool:
    """True for a member with Manage Server in a server; otherwise CheckFailure with the refusal.

    default_member_permissions only hides a command; a server may grant it to anyone, so the
    permission is checked again on every call.
    """
    if interaction.guild_id is not None and interaction.permissions.manage_guild:
        return True
    command = interaction.command
    raise app_commands.CheckFailure(refusal(command.qualified_name if command else "this"))


manage_server_only = app_commands.check(require_manage_server)
