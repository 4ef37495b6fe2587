"""`briefbot run` and `briefbot sync`: the token check, clean start and stop, on-demand sync."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
from io import StringIO
from pathlib import Path

import discord
import pytest
from rich.console import Console

from bot.cli import discord_commands
from bot.cli.context import CliContext
from bot.client import run_bot
from bot.core.credentials import MALFORMED_TOKEN
from bot.settings import Settings
from bot.store import ArticleStore
from tests.bot.conftest import bot_settings
from tests.discord_double.server import DiscordDouble


def cli_context(settings: Settings) -> tuple[CliContext, StringIO, StringIO]:
    """A CLI context whose consoles write to strings."""
    out, err = StringIO(), StringIO()
    context = CliContext(
        settings=settings,
        out=Console(file=out, width=200, color_system=None),
        err=Console(file=err, width=200, color_system=None),
    )
    return context, out, err


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse argv with only the Discord commands registered."""
    parser = argparse.ArgumentParser(prog="briefbot")
    commands = parser.add_subparsers(dest="command", required=True)
    discord_commands.register(commands)
    return parser.parse_args(argv)


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_missing_token_is_one_sentence_and_exit_status_2(
    command: str, tmp_path: Path
) -> None:
    context, out, err = cli_context(Settings(database_path=tmp_path / "db.sqlite"))
    args = parse([command])
    status = await args.handler(context, args)
    assert status == 2
    message = err.getvalue().strip()
    assert message.startswith("BRIEFBOT_DISCORD_TOKEN is not set;")
    assert message.count("\n") == 0
    assert "Traceback" not in message
    assert out.getvalue() == ""
    assert not (tmp_path / "db.sqlite").exists()


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_a_token_not_shaped_like_one_is_refused_before_any_login(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were a login tried, nothing listens on port 9 and the message would be "Could not reach".
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")
    settings = Settings(database_path=tmp_path / "db.sqlite", discord_token="abc")
    context, out, err = cli_context(settings)
    args = parse([command])
    assert await args.handler(context, args) == 2
    assert err.getvalue().strip() == MALFORMED_TOKEN
    assert out.getvalue() == ""
    assert not (tmp_path / "db.sqlite").exists()


def test_the_bot_does_not_warn_about_voice_it_never_uses() -> None:
    # A fresh interpreter: discord.py warns once per process, at the first client it builds.
    script = (
        "import logging; logging.basicConfig()\n"
        "import bot.client, discord\n"
        "discord.Client(intents=discord.Intents.default())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "voice will NOT be supported" not in result.stderr


async def test_sync_registers_and_prints_the_commands(
    discord_double: DiscordDouble, tmp_path: Path
) -> None:
    context, out, _err = cli_context(bot_settings(discord_double, tmp_path))
    args = parse(["sync"])
    assert await args.handler(context, args) == 0
    printed = out.getvalue()
    names = {command["name"] for command in discord_double.commands(discord_double.guild)}
    assert names >= {"brief", "timeline", "article", "sources", "help"}
    assert f"Registered {len(names)} commands for guild {discord_double.guild.id}:" in printed
    assert "/brief — A cited brief on a topic from stored articles" in printed


async def _assert_store_closed(path: Path) -> None:
    # A second writer can open the file once the bot released it; the seeds are in it.
    store = await ArticleStore.open(path)
    try:
        assert await store.count_articles() == 3
    finally:
        await store.close()


async def test_run_bot_serves_commands_and_stops_in_order(
    discord_double: DiscordDouble, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(discord_double, tmp_path)
    stop = asyncio.Event()
    caplog.set_level("INFO", logger="bot.client")
    running = asyncio.create_task(run_bot(settings, stop=stop))
    await discord_double.wait_ready()
    await discord_double.wait_for_commands(discord_double.guild)
    answer = await (await discord_double.invoke("help")).final_message()
    assert "/brief" in answer.visible_text()
    stop.set()
    await asyncio.wait_for(running, timeout=10)
    messages = [r.getMessage() for r in caplog.records if r.name == "bot.client"]
    assert messages.index("closing the Discord connection") < messages.index("store closed")
    await _assert_store_closed(settings.database_file)


async def test_sigterm_stops_the_bot_cleanly(discord_double: DiscordDouble, tmp_path: Path) -> None:
    settings = bot_settings(discord_double, tmp_path)
    running = asyncio.create_task(run_bot(settings))
    await discord_double.wait_ready()
    os.kill(os.getpid(), signal.SIGTERM)
    await asyncio.wait_for(running, timeout=10)
    assert running.exception() is None
    await _assert_store_closed(settings.database_file)
    loop = asyncio.get_running_loop()
    assert loop.remove_signal_handler(signal.SIGTERM) is False


async def test_wrong_token_fails_and_still_closes_the_store(
    discord_double: DiscordDouble, tmp_path: Path
) -> None:
    settings = bot_settings(
        discord_double,
        tmp_path,
        token="MTA5ODc2NTQzMjE5ODc2NTQzMjE.GhIjKl.not-the-token-the-double-knows",
    )
    with pytest.raises(discord.LoginFailure):
        await run_bot(settings)
    await _assert_store_closed(settings.database_file)


async def test_cli_run_with_a_refused_token_is_one_sentence(
    discord_double: DiscordDouble, tmp_path: Path
) -> None:
    settings = bot_settings(
        discord_double,
        tmp_path,
        token="MTA5ODc2NTQzMjE5ODc2NTQzMjE.GhIjKl.not-the-token-the-double-knows",
    )
    context, _out, err = cli_context(settings)
    args = parse(["run"])
    assert await args.handler(context, args) == 2
    message = err.getvalue().strip()
    assert message == (
        "Discord refused the token in BRIEFBOT_DISCORD_TOKEN; copy it again from the portal."
    )
    await _assert_store_closed(settings.database_file)


async def test_cli_sync_without_a_reachable_discord_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens on port 9 of 127.0.0.1: the connection is refused at once.
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:9/api/v10")
    token = "MTA5ODc2NTQzMjE5ODc2NTQzMjE.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789ABCD"
    settings = Settings(database_path=tmp_path / "db.sqlite", discord_token=token)
    context, out, err = cli_context(settings)
    args = parse(["sync"])
    assert await args.handler(context, args) == 2
    assert err.getvalue().strip().startswith("Could not reach Discord (")
    assert "Traceback" not in err.getvalue()
    assert out.getvalue() == ""
