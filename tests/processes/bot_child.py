"""``briefbot run`` in a child process, with discord.py pointed at the parent test's Discord double.

Usage: python -m tests.processes.bot_child http://127.0.0.1:PORT — everything else (store,
token, shards, claim limits) comes from the ``BRIEFBOT_*`` environment, as in production.
"""

from __future__ import annotations

import sys

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.cli.app import main as briefbot


def main(argv: list[str]) -> int:
    """Point discord.py at the double given as the only argument, then run the bot."""
    (double_url,) = argv
    Route.BASE = f"{double_url}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(
        double_url.replace("http://", "ws://", 1) + "/gateway"
    )
    return briefbot(["run"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
