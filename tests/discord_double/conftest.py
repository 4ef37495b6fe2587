"""Makes the double's fixture available to the tests in this package."""

from tests.discord_double.fixtures import discord_double

__all__ = ["discord_double"]
