"""The ``briefbot`` command: the terminal front door to the same core the Discord bot uses."""

from __future__ import annotations

import sys

from bot.cli.app import main

if __name__ == "__main__":
    sys.exit(main())
