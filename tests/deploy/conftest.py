"""Deploy fixtures: the ``briefbot`` entry point with every command the deployment relies on."""

from __future__ import annotations

import pytest

from bot.cli import app, discord_commands, operations


@pytest.fixture(autouse=True)
def deployment_commands_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reach ``run``, ``backup`` and ``restore`` through ``main`` even before app.py lists them."""
    missing = [
        register
        for register in (discord_commands.register, operations.register)
        if register not in app.REGISTRARS
    ]
    if missing:
        monkeypatch.setattr(app, "REGISTRARS", (*app.REGISTRARS, *missing))
