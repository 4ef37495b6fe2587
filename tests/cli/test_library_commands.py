"""The library commands end to end on a real SQLite file: first-use seeding, ingest, list, search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli


def test_first_use_loads_the_seeds_once(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_cli(capsys, "articles", "--format", "json")
    assert first.status == 0
    assert "Loaded 3 seed articles" in first.err
    titles = {a["title"] for a in first.json()}
    assert "China to Step Up Domestic Tech Innovation in the Face of US Restrictions" in titles
    again = run_cli(capsys, "articles", "--format", "json")
    assert "Loaded" not in again.err
    assert len(again.json()) == 3


def test_reingesting_the_seeds_adds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    result = run_cli(capsys, "ingest", str(seeds))
    assert result.status == 0
    assert "Added 0, duplicates 3, rejected 0" in result.flat


def test_ingest_reports_each_bad_file_and_keeps_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "good.md").write_text(
        "---\ntitle: Lithography tools\npublisher: Example Wire\npublished: 2024-05-02\n---\n"
        "ASML shipped new EUV lithography tools this quarter. Buyers said supply stays tight.\n"
    )
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "latin1.txt").write_bytes(b"\xff\xfe\x00\xd8" * 3)
    result = run_cli(capsys, "ingest", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.status == 0
    assert "Added 1," in result.flat
    assert "rejected" in result.flat
    assert "empty.txt" in result.flat
    assert "broken.json" in result.flat
    assert "missing.txt: The file does not exist." in result.flat
    listed = run_cli(capsys, "articles", "--source", "example wire", "--format", "json")
    assert [a["title"] for a in listed.json()] == ["Lithography tools"]


def test_search_ranks_and_marks_matches(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "search", "lithography")
    assert result.status == 0
    assert "matches for 'lithography'" in result.err
    assert "lithography machine" in result.flat
    as_json = run_cli(capsys, "search", "lithography", "--format", "json")
    assert all("«" in hit["snippet"] for hit in as_json.json())


def test_search_with_nothing_found_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "search", "bananas")
    assert result.status == 1
    assert "Nothing stored matches 'bananas'." in result.flat


def test_search_filters_by_date(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "search", "chips", "--since", "2025-01-01", "--format", "json")
    assert [hit["article"]["published_precision"] for hit in result.json()] == ["year"]


def test_bad_arguments_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "search", "chips", "--since", "yesterday")
    assert exited.value.code == 2
    assert "'yesterday' is not a date" in capsys.readouterr().err


def test_check_reports_a_missing_token(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "check")
    assert result.status == 1
    assert "BRIEFBOT_DISCORD_TOKEN is not set" in result.err
    offline = run_cli(capsys, "check", "--no-discord")
    assert offline.status == 0
    assert "is usable" in offline.flat


def test_check_never_prints_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "MTA5ODc2NTQzMjE5ODc2NTQzMjE.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789ABCD"
    monkeypatch.setenv("BRIEFBOT_DISCORD_TOKEN", token)
    result = run_cli(capsys, "check")
    assert result.status == 0
    assert token not in result.out + result.err
    assert "token is set (not shown)" in result.flat


def test_check_reports_each_problem_in_one_sentence(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Moon/Base")
    monkeypatch.setenv("BRIEFBOT_DIGEST_TIME", "9am")
    result = run_cli(capsys, "check")
    assert result.status == 1
    assert "BRIEFBOT_TIMEZONE: 'Moon/Base' is not a known IANA time zone" in result.err
    assert "BRIEFBOT_DIGEST_TIME: '9am' is not a time of day" in result.err


def test_check_names_the_font_that_draws_chinese_in_charts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tests.render.cjk_font import write_font

    font = write_font(tmp_path / "zh.ttf", "芯片", family="Briefbot Check CJK")
    monkeypatch.setenv("BRIEFBOT_CHART_FONT", str(font))
    result = run_cli(capsys, "check", "--no-discord")
    assert result.status == 0
    assert "Timeline charts draw Chinese with Briefbot Check CJK." in result.flat
    fake = tmp_path / "fake.otf"
    fake.write_bytes(b"no font at all")
    monkeypatch.setenv("BRIEFBOT_CHART_FONT", str(fake))
    broken = run_cli(capsys, "check", "--no-discord")
    assert broken.status == 1
    assert f"BRIEFBOT_CHART_FONT {fake} is not a font matplotlib can read" in broken.err


def test_check_reports_an_unwritable_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("BRIEFBOT_DATABASE_PATH", str(blocker / "briefbot.db"))
    result = run_cli(capsys, "check", "--no-discord")
    assert result.status == 1
    assert str(blocker) in result.err


def test_other_commands_refuse_bad_configuration(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Nowhere/Town")
    result = run_cli(capsys, "articles")
    assert result.status == 2
    assert "Configuration problem: BRIEFBOT_TIMEZONE" in result.err


def test_the_store_is_a_real_sqlite_file_in_the_data_dir(
    capsys: pytest.CaptureFixture[str], isolated_environment: Path
) -> None:
    run_cli(capsys, "articles")
    database = isolated_environment / "data" / "briefbot" / "briefbot.db"
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM articles").fetchone()
        (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert count == 3
    assert mode == "wal"
    assert json.loads(json.dumps(count)) == 3


def test_version_names_the_installed_release(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    from bot.cli.app import main

    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"briefbot {metadata.version('briefbot')}"


def test_counts_are_singular_for_one(capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_cli(capsys, "articles", "--source", "Global Times")
    assert listed.err.endswith("1 stored article from Global Times, newest first")
    assert run_cli(capsys, "articles").err.endswith("3 stored articles, newest first")
    found = run_cli(capsys, "search", "lithography", "--source", "Global Times")
    assert found.err.endswith("1 match for 'lithography', best first")


def test_a_full_page_says_it_is_only_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    # The heading counts what the store holds, not the page size --limit asked for.
    listed = run_cli(capsys, "articles", "--limit", "2")
    assert listed.err.endswith("2 of 3 stored articles, newest first (--limit for more)")
    exact = run_cli(capsys, "articles", "--limit", "3")
    assert exact.err.endswith("3 stored articles, newest first")
    by_source = run_cli(capsys, "articles", "--limit", "1", "--source", "Global Times")
    assert by_source.err.endswith("The newest stored article from Global Times (--limit for more)")
    found = run_cli(capsys, "search", "chip", "--limit", "2")
    assert found.err.endswith("The 2 best matches for 'chip' (--limit for more)")
    best = run_cli(capsys, "search", "chip", "--limit", "1")
    assert best.err.endswith("The best match for 'chip' (--limit for more)")


def test_piped_lists_are_records_only(capsys: pytest.CaptureFixture[str]) -> None:
    # Headings go to stderr, so `briefbot articles | cut -f4` is titles only.
    listed = run_cli(capsys, "articles")
    assert [len(line.split("\t")) for line in listed.out.splitlines()] == [4, 4, 4]
    found = run_cli(capsys, "search", "chip")
    assert found.out.startswith("1. ")
    assert "best first" in found.err
    stories = run_cli(capsys, "stories")
    assert stories.out.startswith("s")
    assert "newest activity first" in stories.err


def test_no_stories_in_the_window_is_status_1_and_says_how_to_widen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "stories", "--since", "2030")
    assert result.status == 1
    assert "No stories since 2030-01-01 (try an earlier --since)." in result.flat
    assert run_cli(capsys, "stories").status == 0


def test_search_hits_show_no_meaningless_score(capsys: pytest.CaptureFixture[str]) -> None:
    # bm25 on a small store rounds to "score 0.00" on every hit: the order says enough.
    result = run_cli(capsys, "search", "chip")
    assert result.status == 0
    assert "score" not in result.out
    lines = result.out.splitlines()
    assert lines[0].startswith("1. ")
    assert lines[1].startswith("   ")  # publisher · date, under the title
    assert " · " in lines[1]
    assert run_cli(capsys, "search", "chip", "--format", "json").json()[0]["score"] is not None
