"""Logging set-up: plain or one-JSON-object-per-line output, secrets redacted from every record."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from bot.settings import Settings

_REDACTED = "[redacted]"


class SecretRedactor(logging.Formatter):
    """Format with an inner formatter, then blank known secrets out of the whole line.

    Redacting the finished line (not only the message) also covers exception text and tracebacks.
    """

    def __init__(self, inner: logging.Formatter, secrets: list[str]) -> None:
        super().__init__()
        self.inner = inner
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        """The inner formatter's line with every secret replaced."""
        line = self.inner.format(record)
        for secret in self.secrets:
            line = line.replace(secret, _REDACTED)
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialise one record."""
        payload = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("guild_id", "channel_id", "command", "user_id", "feed_url"):
            if hasattr(record, key):
                payload[key] = getattr(record, key)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(settings: Settings) -> None:
    """Install one stderr handler at the configured level and format, redacting the bot token."""
    handler = logging.StreamHandler(sys.stderr)
    inner: logging.Formatter
    if settings.log_format == "json":
        inner = JsonFormatter()
    else:
        inner = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    handler.setFormatter(SecretRedactor(inner, [token]))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
