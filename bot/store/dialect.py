"""The SQL that differs between SQLite and PostgreSQL, one small function per construct.

Store modules take a ``Connection`` (an aiosqlite connection or ``bot.store.pg.PgConnection``)
and ask here for the spelling of what the two databases write differently; everything else is
SQL both accept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import aiosqlite
from typing_extensions import TypeIs

from bot.store.pg import PgConnection

Connection: TypeAlias = aiosqlite.Connection | PgConnection


def is_pg(connection: Connection) -> TypeIs[PgConnection]:
    """Whether ``connection`` reaches PostgreSQL (otherwise it is SQLite)."""
    return isinstance(connection, PgConnection)


Kind = Literal["int", "text"]


def json_table(connection: Connection, param: str = "?", *, kind: Kind = "int") -> str:
    """A FROM source (give it an alias) of one row per item of a JSON list parameter, as ``value``."""
    if is_pg(connection):
        cast = "bigint" if kind == "int" else "text"
        return f"(SELECT value::{cast} AS value FROM json_array_elements_text({param}::json))"
    return f"json_each({param})"


def json_values(connection: Connection, param: str = "?", *, kind: Kind = "int") -> str:
    """A subquery of the values of the JSON list given as parameter ``param`` (``IN …``)."""
    return f"(SELECT value FROM {json_table(connection, param, kind=kind)} AS listed)"


def json_array_of(connection: Connection, column: str, source: str) -> str:
    """A scalar subquery: ``column`` of the rows of ``source`` (``FROM …``) as JSON list text,
    in ``column`` order."""
    if is_pg(connection):
        return f"(SELECT coalesce(json_agg({column} ORDER BY {column}), '[]')::text {source})"
    return f"(SELECT json_group_array({column}) FROM (SELECT {column} {source} ORDER BY {column}))"


def insert_ignoring(connection: Connection, rest: str) -> str:
    """``INSERT … `` that skips rows breaking a unique key (``rest`` from ``INTO`` on)."""
    if is_pg(connection):
        return f"INSERT {rest} ON CONFLICT DO NOTHING"
    return f"INSERT OR IGNORE {rest}"


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """``INSERT INTO table (columns) VALUES (?, …)``: the statement for one row."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


async def insert_rows(
    connection: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert many rows: one COPY on PostgreSQL (no statement per row), ``executemany`` on SQLite."""
    if is_pg(connection):
        await connection.copy(table, columns, rows)
    else:
        await connection.executemany(insert_sql(table, columns), rows)


def upsert(connection: Connection, rest: str, keys: str, columns: str) -> str:
    """``INSERT OR REPLACE``: rows with a taken key (``keys``) get the new ``columns`` values."""
    if is_pg(connection):
        updates = ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in columns.split(","))
        return f"INSERT {rest} ON CONFLICT ({keys}) DO UPDATE SET {updates}"
    return f"INSERT OR REPLACE {rest}"


def nocase(connection: Connection, expression: str) -> str:
    """``expression`` folded for case-insensitive comparison and grouping."""
    if is_pg(connection):
        return f"lower({expression})"
    return f"{expression} COLLATE NOCASE"


def always(connection: Connection) -> str:
    """A condition that holds (to start ``WHERE … AND …`` chains)."""
    return "true" if is_pg(connection) else "1"


def greatest(connection: Connection) -> str:
    """The scalar maximum of several values."""
    return "greatest" if is_pg(connection) else "max"
