"""Pytest fixture: a running double, discord.py pointed at it, and violations failing the test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.discord_double.harness import pointed_at
from tests.discord_double.server import DiscordDouble
from tests.discord_double.spec import default_spec_path


@pytest.fixture
async def discord_double() -> AsyncIterator[DiscordDouble]:
    """A started double with discord.py pointed at it; fails the test on any recorded violation."""
    if not default_spec_path().exists():
        pytest.skip(f"Discord's OpenAPI spec is absent ({default_spec_path()}); needs ../shared")
    async with DiscordDouble() as double:
        with pointed_at(double):
            yield double
    if double.violations:
        listed = "\n".join(f"  {violation}" for violation in double.violations)
        pytest.fail(f"the bot broke Discord's rules:\n{listed}", pytrace=False)
