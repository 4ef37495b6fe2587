"""CLI commands for Discord: ``briefbot run`` starts the bot, ``briefbot sync`` registers commands."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.cli.context import CliContext, open_service

if TYPE_CHECKING:
    import discord

MISSING_TOKEN_STATUS = 2
CONNECTION_STATUS = 2
_T = TypeVar("_T")


async def _talk_to_discord(context: CliContext, call: Callable[[], Awaitable[_T]]) -> _T | None:
    """Run a call that logs in to Discord; a refused token or no network is one sentence."""
    import aiohttp
    import discord
    from rich.text import Text

    try:
        return await call()
    except discord.LoginFailure:
        reason = (
            "Discord refused the token in BRIEFBOT_DISCORD_TOKEN; copy it again from the portal."
        )
    except discord.PrivilegedIntentsRequired:
        reason = "Discord says the bot asks for an intent it is not allowed; this is a bug."
    except (aiohttp.ClientError, OSError, discord.GatewayNotFound) as error:
        reason = f"Could not reach Discord ({type(error).__name__}); check the network and retry."
    except discord.HTTPException as error:
        reason = f"Discord answered {error.status}: {error.text or 'no details'}."
    context.err.print(Text(reason, style="red"))
    return None


def _token_or_report(context: CliContext) -> str | None:
    # discord.py and the scheduler load here, for the two commands that talk to Discord.
    from rich.text import Text

    from bot.client import MissingTokenError, require_token

    try:
        return require_token(context.settings)
    except MissingTokenError as error:
        context.err.print(Text(str(error), style="red"))
        return None


async def run(context: CliContext, args: argparse.Namespace) -> int:
    """Run the Discord bot until SIGTERM or SIGINT."""
    from bot.logs import configure_logging

    if _token_or_report(context) is None:
        return MISSING_TOKEN_STATUS
    configure_logging(context.settings)
    done = await _talk_to_discord(context, lambda: _run_until_stopped(context))
    return 0 if done else CONNECTION_STATUS


async def _run_until_stopped(context: CliContext) -> bool:
    from rich.text import Text

    from bot.client import run_bot
    from bot.render.chart_fonts import ChartFontError

    try:
        await run_bot(context.settings)
    except ChartFontError as error:
        context.err.print(Text(f"Configuration problem: {error}", style="red"))
        return False
    return True


async def sync(context: CliContext, args: argparse.Namespace) -> int:
    """Register the slash commands now and print what Discord holds afterwards."""
    from rich.text import Text

    from bot.client import BriefBot

    token = _token_or_report(context)
    if token is None:
        return MISSING_TOKEN_STATUS
    async with open_service(context, seed=False) as service:
        bot = BriefBot(service, context.settings, sync_on_start=False, start_scheduler=False)
        async with bot:

            async def login_and_sync() -> list[discord.app_commands.AppCommand]:
                await bot.login(token)
                return await bot.sync_commands()

            synced = await _talk_to_discord(context, login_and_sync)
    from bot.render.brief_terminal import count_noun

    if synced is None:
        return CONNECTION_STATUS
    guild_id = context.settings.dev_guild_id
    where = f"guild {guild_id}" if guild_id is not None else "every server (global)"
    context.out.print(
        Text(f"Registered {count_noun(len(synced), 'command')} for {where}:", style="bold")
    )
    for command in sorted(synced, key=lambda c: c.name):
        context.out.print(Text(f"  /{command.name} — {command.description}"))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the Discord commands: run and sync."""
    run_parser = commands.add_parser("run", help="start the Discord bot (needs the bot token)")
    run_parser.set_defaults(handler=run)
    sync_parser = commands.add_parser(
        "sync", help="register the slash commands now (dev guild if set, else global)"
    )
    sync_parser.set_defaults(handler=sync)
