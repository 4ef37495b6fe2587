"""The PostgreSQL connection adapter: the part of aiosqlite's interface the store modules use.

Store modules write their SQL with ``?`` placeholders (``?1`` numbered ones too) and read rows as
tuples; this adapter translates the placeholders for psycopg, buffers each result, and reports
``rowcount`` as aiosqlite does, so one module serves both backends. What differs in the SQL
itself is asked of ``bot.store.dialect``. The writer is one connection (transactions need one);
the reader is a pool, so concurrent reads do not queue behind each other.
"""

# ruff: noqa: PLC0415 (psycopg is imported on first use: an SQLite store never pays for it)

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator, Generator, Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from bot.core.credentials import redact_password
from bot.store.errors import PgError, StoreUnavailableError

if TYPE_CHECKING:
    import psycopg
    import psycopg_pool

Row = tuple[Any, ...]
POOL_MAX = 4
# psycopg prepares a statement run five times on a connection, and the server then plans it once
# for any parameters: for a search that generic plan cannot see the LIMIT, the date bounds or the
# terms, and the bench's briefs took some 12 % longer (sum of per-topic best times at 100k).
# Searches are planned per call instead (a few ms, against the tens their execution takes).
_READER_OPTIONS = "-c default_transaction_read_only=on -c plan_cache_mode=force_custom_plan"


# One token at a time: quoted literals and identifiers, comments (whose apostrophes and question
# marks are prose, not SQL), placeholders, and the percent signs psycopg would read as its own.
_SQL_TOKEN = re.compile(
    r"""'(?:[^']|'')*'?|"(?:[^"]|"")*"?|--[^\n]*|/\*.*?(?:\*/|\Z)|\?(\d*)|%""", re.DOTALL
)


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> tuple[str, tuple[int, ...] | None]:
    """``sql`` with psycopg placeholders, and the parameter order numbered ``?N`` ask for.

    The order is ``None`` when the placeholders are plain ``?`` in parameter order. Quoted
    literals, identifiers and comments keep their text; every ``%`` is doubled for psycopg.
    """
    order: list[int] = []
    numbered = False
    position = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal numbered, position
        token = match.group(0)
        if not token.startswith("?"):
            return token.replace("%", "%%")  # psycopg reads % in comments and literals too
        if match.group(1):
            numbered = True
            order.append(int(match.group(1)) - 1)
        else:
            order.append(position)
            position += 1
        return "%s"

    translated = _SQL_TOKEN.sub(replace, sql)
    return translated, tuple(order) if numbered else None


def _arguments(order: tuple[int, ...] | None, params: Sequence[Any]) -> Sequence[Any]:
    return list(params) if order is None else [params[i] for i in order]


class PgCursor:
    """A finished statement's rows (all fetched) and how many rows it changed."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount

    async def fetchone(self) -> Row | None:
        """The next row, or ``None`` past the last."""
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    async def fetchall(self) -> list[Row]:
        """The rows not fetched yet."""
        rest, self._next = self._rows[self._next :], len(self._rows)
        return rest

    async def __aiter__(self) -> AsyncIterator[Row]:
        while (row := await self.fetchone()) is not None:
            yield row


class PgResult:
    """What ``execute`` returns: await it for the cursor, or use it as ``async with``."""

    def __init__(self, running: Any) -> None:
        self._running = running

    def __await__(self) -> Generator[Any, None, PgCursor]:
        cursor: PgCursor = yield from self._running.__await__()
        return cursor

    async def __aenter__(self) -> PgCursor:
        cursor: PgCursor = await self._running
        return cursor

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        return None


async def _run(
    connection: psycopg.AsyncConnection[Any], sql: str, params: Sequence[Any]
) -> PgCursor:
    import psycopg  # imported on first use: an SQLite store never pays for it

    try:
        if params:
            query, order = translate(sql)
            cursor = await connection.execute(query, _arguments(order, params))
        else:
            # Without parameters psycopg sends the text as it is (a script may hold several).
            cursor = await connection.execute(sql)
        rows = await cursor.fetchall() if cursor.description is not None else []
    except psycopg.Error as error:
        raise PgError(one_line(error)) from error
    return PgCursor(rows, cursor.rowcount)


class PgConnection:
    """A writer (one connection) or a reader (a pool) of a PostgreSQL store."""

    dialect = "postgresql"

    def __init__(
        self,
        url: str,
        *,
        connection: psycopg.AsyncConnection[Any] | None = None,
        pool: psycopg_pool.AsyncConnectionPool | None = None,
    ) -> None:
        self.url = url
        self._connection = connection
        self._pool = pool

    @classmethod
    async def open(cls, url: str, *, read_only: bool = False) -> PgConnection:
        """Connect (a pool when ``read_only``), or raise ``StoreUnavailableError``."""
        import psycopg
        import psycopg_pool

        try:
            if not read_only:
                connection = await psycopg.AsyncConnection.connect(url, autocommit=True)
                return cls(url, connection=connection)
            pool = psycopg_pool.AsyncConnectionPool(
                url,
                min_size=1,
                max_size=POOL_MAX,
                kwargs={"autocommit": True, "options": _READER_OPTIONS},
                open=False,
            )
            await pool.open(wait=True, timeout=10)
        except (psycopg.Error, psycopg_pool.PoolTimeout) as error:
            raise StoreUnavailableError(
                f"Cannot connect to the PostgreSQL store {redacted(url)} ({one_line(error)}); check "
                "BRIEFBOT_DATABASE_URL and that the server is running."
            ) from error
        return cls(url, pool=pool)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgResult:
        """Run one statement; ``?`` placeholders, rows as tuples."""
        return PgResult(self._execute(sql, params))

    async def _execute(self, sql: str, params: Sequence[Any]) -> PgCursor:
        if self._connection is not None:
            return await _run(self._connection, sql, params)
        assert self._pool is not None
        async with self._pool.connection() as connection:
            return await _run(connection, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row of parameters."""
        import psycopg

        query, order = translate(sql)
        batch = [_arguments(order, row) for row in rows]
        if not batch:
            return
        try:
            if self._connection is not None:
                async with self._connection.cursor() as cursor:
                    await cursor.executemany(query, batch)
                return
            assert self._pool is not None
            async with self._pool.connection() as connection, connection.cursor() as cursor:
                await cursor.executemany(query, batch)
        except psycopg.Error as error:
            raise PgError(one_line(error)) from error

    async def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Load rows into ``table`` with one COPY (the writer only): no statement per row."""
        import psycopg

        assert self._connection is not None, "COPY writes: only the writer runs it"
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        try:
            async with self._connection.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    await copy.write_row(row)
        except psycopg.Error as error:
            raise PgError(one_line(error)) from error

    async def close(self) -> None:
        """Close the connection or the pool."""
        if self._connection is not None:
            await self._connection.close()
        if self._pool is not None:
            await self._pool.close()


def one_line(error: BaseException) -> str:
    """An error's message on one line (libpq's spread over several)."""
    return " ".join(str(error).split())


def redacted(url: str) -> str:
    """The URL without its password, for messages."""
    return redact_password(url)


def is_postgres_url(location: object) -> bool:
    """Whether a store location is a PostgreSQL URL rather than an SQLite file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))
