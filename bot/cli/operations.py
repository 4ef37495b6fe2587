"""CLI handlers for operating a deployment: backup and restore of the store, and moving it to PostgreSQL."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.context import CliContext

if TYPE_CHECKING:
    from bot.store.backup import BackupReport


async def backup(context: CliContext, args: argparse.Namespace) -> int:
    """Write a consistent copy of the store to PATH (a file, or a folder for a dated name)."""
    import asyncio

    from bot.render.terminal import marked
    from bot.store.backup import BackupError, backup_store

    target = Path(args.path)
    url = context.settings.database_url
    if args.path.endswith(("/", os.sep)) or await asyncio.to_thread(target.is_dir):
        target = target / backup_file_name(datetime.now(UTC), postgres=url is not None)
    if url is not None:
        return await _dump_postgres(context, url, target, overwrite=args.force)
    try:
        report = await backup_store(context.settings.database_file, target, overwrite=args.force)
    except BackupError as error:
        context.err.print(marked("✗", "red", str(error)))
        return 1
    context.out.print(marked("✓", "green", f"Backed up {_describe(report)} to {report.path}."))
    return 0


async def restore(context: CliContext, args: argparse.Namespace) -> int:
    """Replace the store with a validated backup file, refusing a store in use unless forced."""
    from bot.render.terminal import marked
    from bot.store.backup import BackupError, restore_store

    destination = context.settings.database_file
    try:
        report = await restore_store(args.path, destination, force=args.force)
    except BackupError as error:
        context.err.print(marked("✗", "red", str(error)))
        return 1
    context.out.print(marked("✓", "green", f"Restored {_describe(report)} from {args.path}."))
    if args.force:
        context.out.print("Restart any running bot so it opens the restored store.")
    return 0


def backup_file_name(taken_at: datetime, *, postgres: bool = False) -> str:
    """The file name used when backing up into a folder, sortable by time."""
    suffix = "pgdump" if postgres else "db"
    return f"briefbot-{taken_at.astimezone(UTC):%Y%m%dT%H%M%SZ}.{suffix}"


async def _dump_postgres(context: CliContext, url: str, target: Path, *, overwrite: bool) -> int:
    from bot.render.terminal import marked
    from bot.store.backup import BackupError
    from bot.store.pg_backup import dump_postgres

    try:
        size = await dump_postgres(url, target, overwrite=overwrite)
    except BackupError as error:
        context.err.print(marked("✗", "red", str(error)))
        return 1
    context.out.print(
        marked(
            "✓",
            "green",
            f"Dumped the PostgreSQL store to {target} ({size / 1_000_000:.1f} MB, pg_dump custom "
            "format; restore with pg_restore).",
        )
    )
    return 0


async def migrate_store(context: CliContext, args: argparse.Namespace) -> int:
    """Copy the SQLite store into an empty PostgreSQL database, verifying every table's count."""
    from bot.render.brief_terminal import count_noun
    from bot.render.terminal import marked
    from bot.store.errors import StoreError
    from bot.store.pg import is_postgres_url
    from bot.store.transfer import copy_to_postgres

    if not is_postgres_url(args.to):
        context.err.print(marked("✗", "red", f"--to must be a postgresql:// URL, not {args.to!r}."))
        return 2
    source = context.settings.database_file
    try:
        report = await copy_to_postgres(source, args.to)
    except StoreError as error:
        context.err.print(marked("✗", "red", str(error)))
        return 1
    tables = ", ".join(f"{table} {count}" for table, count in report.counts.items() if count)
    context.out.print(
        marked(
            "✓",
            "green",
            f"Copied {count_noun(report.articles, 'article')} from {source} into PostgreSQL; "
            f"counts match ({tables}).",
        )
    )
    context.out.print("Set BRIEFBOT_DATABASE_URL to that URL to use it.")
    return 0


def _describe(report: BackupReport) -> str:
    megabytes = report.size_bytes / 1_000_000
    from bot.render.brief_terminal import count_noun

    articles = count_noun(report.article_count, "article")
    return f"{articles} (schema {report.schema_version}, {megabytes:.1f} MB)"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the operations commands: backup, restore and migrate."""
    backup_parser = commands.add_parser(
        "backup", help="copy the store to a file, safely while the bot runs"
    )
    backup_parser.add_argument(
        "path", metavar="PATH", help="backup file, or a folder (ending in /) for a dated file name"
    )
    backup_parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    backup_parser.set_defaults(handler=backup)

    restore_parser = commands.add_parser("restore", help="replace the store with a backup file")
    restore_parser.add_argument("path", type=Path, metavar="PATH", help="the backup file")
    restore_parser.add_argument(
        "--force",
        action="store_true",
        help="restore even though the store is open (restart the bot right after)",
    )
    restore_parser.set_defaults(handler=restore)

    migrate_parser = commands.add_parser(
        "migrate", help="copy the SQLite store into an empty PostgreSQL database"
    )
    migrate_parser.add_argument(
        "--to", required=True, metavar="URL", help="postgresql://user:password@host/database"
    )
    migrate_parser.set_defaults(handler=migrate_store)
