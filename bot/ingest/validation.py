"""Plain-sentence descriptions of pydantic validation errors for ingest messages."""

from __future__ import annotations

from pydantic import ValidationError


def describe_validation_error(error: ValidationError) -> str:
    """One plain sentence naming the first problem, e.g. "the field 'title' is missing."."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "record"
    if first["type"] == "missing":
        return f"the field '{field}' is missing."
    if first["type"] == "string_too_short":
        return f"the field '{field}' is empty."
    if first["type"] == "extra_forbidden":
        return f"the field '{field}' is not one this tool knows."
    message = str(first["msg"]).rstrip(".")
    # pydantic prefixes messages raised by our own validators with "Value error, ".
    message = message.removeprefix("Value error, ")
    return f"the field '{field}' is invalid: {message}."
