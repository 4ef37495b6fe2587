"""A protocol-level Discord double (gateway v10 + REST) for testing the real discord.py client."""
