"""Whose articles a reader sees: the shared library, or one server's view of it plus its own."""

from __future__ import annotations

from dataclasses import dataclass

# The owner id of the shared library: articles the operator loads from the terminal (seeds,
# ``briefbot ingest``) and feeds the operator follows. Discord snowflakes are never 0.
LIBRARY = 0


@dataclass(frozen=True, slots=True)
class Scope:
    """One reader's view of the store: the shared library, plus a server's own articles.

    ``server_id`` ``None`` is the library alone (the terminal without ``--server``).
    """

    server_id: int | None = None

    @classmethod
    def library(cls) -> Scope:
        """The shared library every server sees."""
        return cls(None)

    @classmethod
    def server(cls, server_id: int) -> Scope:
        """What one Discord server sees: the shared library and what it brought in itself."""
        if server_id <= 0:
            raise ValueError(f"A server id is a positive number, not {server_id}.")
        return cls(server_id)

    @property
    def owner(self) -> int:
        """The owner id that articles and feeds added through this scope are filed under."""
        return LIBRARY if self.server_id is None else self.server_id

    @property
    def visible(self) -> tuple[int, ...]:
        """The owner ids whose articles this scope sees."""
        return (LIBRARY,) if self.server_id is None else (LIBRARY, self.server_id)

    def describe(self) -> str:
        """A short name for messages: "the shared library" or "server 123"."""
        return "the shared library" if self.server_id is None else f"server {self.server_id}"
