"""Deploy fixtures: the ``briefbot`` entry point with the operations commands registered."""

from __future__ import annotations

import pytest

from bot.cli import app, operations


@pytest.fixture(autouse=True)
def operations_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure backup and restore are reachable through ``main`` (until app.py lists them)."""
    if operations.register not in app.REGISTRARS:
        monkeypatch.setattr(app, "REGISTRARS", (*app.REGISTRARS, operations.register))
