"""What the store's parts share: one writer behind a lock, one reader, and the scope they act for."""

from __future__ import annotations

import asyncio

from bot.core.scope import LIBRARY, Scope
from bot.store.dialect import Connection


class StoreConnections:
    """The connections and scope of an ``ArticleStore``, for the classes it is assembled from."""

    _writer: Connection
    _reader: Connection
    _write_lock: asyncio.Lock
    scope: Scope | None

    @property
    def _visible(self) -> tuple[int, ...] | None:
        return None if self.scope is None else self.scope.visible

    @property
    def owner(self) -> int:
        """Whom this view files new articles and feeds under (unscoped: the shared library)."""
        return LIBRARY if self.scope is None else self.scope.owner

    @property
    def _follower(self) -> int | None:
        return None if self.scope is None else self.scope.owner
