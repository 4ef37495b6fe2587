"""How a person names a feed: ``parse_feed_key`` (shared by the CLI and the cog)."""

from __future__ import annotations

import pytest

from bot.core.feeds import parse_feed_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("12", 12),
        (" 12\n", 12),
        ("https://example.com/rss ", "https://example.com/rss"),
        ("²", "²"),  # a digit to str.isdigit, not to int()
        ("[/b]", "[/b]"),
    ],
)
def test_feed_keys(text: str, key: int | str) -> None:
    assert parse_feed_key(text) == key
