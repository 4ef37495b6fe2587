"""Credentials: database URLs without their passwords, and the shape of a Discord bot token."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

# A bot token is three base64url parts joined by dots: the bot's id, a time stamp, an HMAC.
_BOT_TOKEN_SHAPE = re.compile(r"^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$")
MALFORMED_TOKEN = (
    "BRIEFBOT_DISCORD_TOKEN does not look like a Discord bot token (three dot-separated parts); "
    "copy it again from the developer portal."
)


def is_bot_token_shaped(token: str) -> bool:
    """Whether ``token`` has a Discord bot token's shape (a client secret or a typo has not)."""
    return bool(_BOT_TOKEN_SHAPE.match(token))


def _with_user_part(parts: SplitResult, user_part: str) -> str:
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{user_part}@{host}"))


def without_password(url: str) -> tuple[str, str | None]:
    """``url`` with the password taken out of its user part, and that password (or ``None``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return _with_user_part(parts, user), unquote(parts.password)


def redact_password(url: str) -> str:
    """``url`` with the password of its user part shown as ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    return _with_user_part(parts, f"{user}:***")
