"""The article store: the only code that touches SQLite."""
