"""Discord slash-command cogs: thin adapters over the service layer."""
