"""Backup and restore on real SQLite files, including a backup taken while writes go on."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import SCHEMA_VERSION, ArticleStore
from bot.store.backup import (
    BackupError,
    StoreInUseError,
    backup_store,
    inspect_backup,
    restore_store,
    store_in_use,
)
from tests.cli.helpers import run_cli
from tests.store.conftest import INGESTED_AT, background, draft


def _batch(start: int, size: int) -> list:  # type: ignore[type-arg]
    return [
        draft(
            f"Concurrent write {i}",
            f"Sentence one of article {i}. Sentence two mentions chips {i}.",
            url=f"https://example.org/concurrent/{i}",
        )
        for i in range(start, start + size)
    ]


def _consistent_counts(path: Path) -> tuple[int, int]:
    """Articles, and articles having sentences; also checks the full-text index matches."""
    connection = sqlite3.connect(path)
    try:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        with_sentences = connection.execute(
            "SELECT count(DISTINCT article_id) FROM sentences"
        ).fetchone()[0]
        connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    finally:
        connection.close()
    return int(articles), int(with_sentences)


async def test_backup_while_writing_is_one_consistent_snapshot(tmp_path: Path) -> None:
    source = tmp_path / "live.db"
    store = await ArticleStore.open(source, workers=1)
    await store.add_articles(background(200), ingested_at=INGESTED_AT)
    stop, under_way = asyncio.Event(), asyncio.Event()
    written = 0

    async def keep_writing() -> None:
        nonlocal written
        while not stop.is_set():
            await store.add_articles(_batch(written, 5), ingested_at=INGESTED_AT)
            written += 5
            if written >= 20:
                under_way.set()

    writer = asyncio.create_task(keep_writing())
    try:
        await under_way.wait()
        backups = [await backup_store(source, tmp_path / f"copy-{i}.db") for i in range(3)]
    finally:
        stop.set()
        await writer
    final = await store.count_articles()
    await store.close()
    assert written >= 20
    for report in backups:
        articles, with_sentences = _consistent_counts(report.path)
        assert 220 <= articles <= final
        assert articles == with_sentences == report.article_count
        assert report.schema_version == SCHEMA_VERSION
        assert not report.path.with_name(report.path.name + "-wal").exists()
    reopened = await ArticleStore.open(backups[-1].path, workers=1)
    try:
        hits = await reopened.search(["chips"], limit=5)
    finally:
        await reopened.close()
    assert hits


async def test_backup_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "live.db"
    async with await ArticleStore.open(source, workers=1) as store:
        await store.add_articles(background(3), ingested_at=INGESTED_AT)
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        await backup_store(source, target)
    assert target.read_text() == "keep me"
    report = await backup_store(source, target, overwrite=True)
    assert report.article_count == 3


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (b"this is not a database at all" * 100, "is not a briefbot database"),
        (b"", "is empty"),
    ],
)
async def test_restore_refuses_garbage_and_keeps_the_store(
    tmp_path: Path, content: bytes, sentence: str
) -> None:
    target = tmp_path / "live.db"
    async with await ArticleStore.open(target, workers=1) as store:
        await store.add_articles(background(4), ingested_at=INGESTED_AT)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(content)
    with pytest.raises(BackupError, match=sentence):
        await restore_store(garbage, target)
    assert (await inspect_backup(target)).article_count == 4


async def test_restore_refuses_other_sqlite_files_and_newer_schemas(tmp_path: Path) -> None:
    target = tmp_path / "live.db"
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (x)")
    with pytest.raises(BackupError, match="not a briefbot store"):
        await restore_store(foreign, target)
    newer = tmp_path / "newer.db"
    async with await ArticleStore.open(newer, workers=1):
        pass
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(BackupError, match="newer briefbot"):
        await restore_store(newer, target)
    assert not target.exists()


async def test_restore_refuses_a_store_in_use_unless_forced(tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    async with await ArticleStore.open(tmp_path / "old.db", workers=1) as old:
        await old.add_articles(background(2), ingested_at=INGESTED_AT)
    await backup_store(tmp_path / "old.db", backup)
    target = tmp_path / "live.db"
    live = await ArticleStore.open(target, workers=1)
    try:
        await live.add_articles(background(7), ingested_at=INGESTED_AT)
        assert store_in_use(target)
        with pytest.raises(StoreInUseError, match="is in use"):
            await restore_store(backup, target)
        forced = await restore_store(backup, target, force=True)
    finally:
        await live.close()
    assert forced.article_count == 2
    assert not store_in_use(target)
    async with await ArticleStore.open(target, workers=1) as reopened:
        assert await reopened.count_articles() == 2


def test_cli_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "articles").status == 0
    saved = run_cli(capsys, "backup", f"{tmp_path}/backups/")
    assert saved.status == 0, saved.err
    assert "Backed up 3 articles" in saved.flat
    (file,) = (tmp_path / "backups").glob("briefbot-*.db")
    again = run_cli(capsys, "backup", str(tmp_path / "backups"), "--force")
    assert again.status == 0, again.err
    extra = tmp_path / "extra.md"
    extra.write_text("---\ntitle: Extra\npublisher: Wire\n---\nOne more article body here.\n")
    assert run_cli(capsys, "ingest", str(extra)).status == 0
    restored = run_cli(capsys, "restore", str(file))
    assert restored.status == 0, restored.err
    assert "Restored 3 articles" in restored.flat
    listed = run_cli(capsys, "articles", "--format", "json")
    assert len(listed.json()) == 3


def test_cli_restore_of_garbage_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    garbage = tmp_path / "notes.txt"
    garbage.write_text("shopping list\n" * 200)
    result = run_cli(capsys, "restore", str(garbage))
    assert result.status == 1
    assert f"{garbage} is not a briefbot database" in result.err


def test_backup_file_names_sort_by_time() -> None:
    from bot.cli.operations import backup_file_name

    taken_at = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert backup_file_name(taken_at) == "briefbot-20250304T050607Z.db"
