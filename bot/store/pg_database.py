"""Opening a PostgreSQL store: connecting and the versioned migrations, one transaction per step."""

from __future__ import annotations

import logging

from bot.store.errors import StoreVersionError
from bot.store.migrations import MIGRATIONS, PG_BASELINE_VERSION, SCHEMA_VERSION
from bot.store.pg import PgConnection, redacted

_log = logging.getLogger(__name__)
# An advisory lock key (any bigint; this one spells "brief"): processes opening one
# database at once migrate once.
MIGRATION_LOCK = 0x6272696566
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)"


async def schema_version(connection: PgConnection) -> int:
    """The schema version recorded in the database (0 for a new, empty one)."""
    async with connection.execute(
        "SELECT coalesce((SELECT max(version) FROM schema_version), 0) "
        "WHERE to_regclass('schema_version') IS NOT NULL"
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def migrate(connection: PgConnection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target`` (at least the baseline); return the final version.

    A database written by a newer briefbot is refused rather than touched.
    """
    while True:
        await connection.execute("BEGIN")
        try:
            await connection.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            await connection.execute(_VERSION_TABLE)
            version = await schema_version(connection)
            if version > SCHEMA_VERSION:
                raise StoreVersionError(
                    f"The database {redacted(connection.url)} was written by a newer briefbot "
                    f"(schema {version}, this version knows {SCHEMA_VERSION}); upgrade briefbot."
                )
            pending = [
                m
                for m in MIGRATIONS
                if version < m.version <= max(target, PG_BASELINE_VERSION)
                and m.version >= PG_BASELINE_VERSION
            ]
            if not pending:
                await connection.execute("COMMIT")
                return version
            step = pending[0]
            if step.pg_sql is None:
                raise StoreVersionError(
                    f"Schema step {step.version} has no PostgreSQL form; this briefbot cannot "
                    "upgrade a PostgreSQL store past it."
                )
            if version > 0:
                _log.info(
                    "upgrading the PostgreSQL store from schema %d to %d", version, step.version
                )
            await connection.execute(step.pg_sql)
            await connection.execute("DELETE FROM schema_version")
            await connection.execute(
                "INSERT INTO schema_version (version) VALUES (?)", (step.version,)
            )
            await connection.execute("COMMIT")
        except BaseException:
            await connection.execute("ROLLBACK")
            raise
