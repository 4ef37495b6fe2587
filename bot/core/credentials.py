"""Database URLs without their passwords: for messages and logs, and for tools' command lines."""

from __future__ import annotations

from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit


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
