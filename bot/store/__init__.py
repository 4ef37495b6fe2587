"""The article store: the only code that touches SQLite."""

from bot.store.errors import StoreError, StoreUnavailableError, StoreVersionError, StoreWriteError
from bot.store.migrations import SCHEMA_VERSION
from bot.store.store import ArticleStore
from bot.store.writing import AddResult, AddStatus, DraftBatch

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "AddStatus",
    "ArticleStore",
    "DraftBatch",
    "StoreError",
    "StoreUnavailableError",
    "StoreVersionError",
    "StoreWriteError",
]
