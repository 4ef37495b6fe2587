"""briefbot: cited, extractive briefings of a team's news articles, in Discord and the terminal."""

__version__ = "0.1.0"
