"""``--language`` on search and brief: the stored code filters, a bad code is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_cli

FRENCH = (
    "Le plan français pour les puces\n\n"
    "Le gouvernement français a annoncé mardi un plan de soutien à l'industrie des puces. "
    "Les nouvelles usines de puces devraient ouvrir d'ici trois ans, selon le ministre.\n"
)


def test_search_language_finds_the_french_article_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "puces.txt").write_text(FRENCH, encoding="utf-8")
    assert run_cli(capsys, "ingest", str(tmp_path / "puces.txt")).status == 0
    french = run_cli(capsys, "search", "puces", "--language", "FR", "--format", "json")
    assert [hit["article"]["language"] for hit in french.json()] == ["fr"]
    assert run_cli(capsys, "search", "puces", "--language", "en").status == 1
    english = run_cli(capsys, "search", "chips", "--language", "en", "--format", "json")
    assert english.json()
    assert {hit["article"]["language"] for hit in english.json()} == {"en"}


def test_brief_language_filters_and_says_so_when_nothing_is_left(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "brief", "chips", "--language", "en").status == 0
    none = run_cli(capsys, "brief", "chips", "--language", "zh")
    assert none.status == 1
    assert "in language zh" in none.flat


@pytest.mark.parametrize("command", ["search", "brief"])
def test_a_bad_language_code_is_refused(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, command, "chips", "--language", "french")
    assert exited.value.code == 2
    assert "'french' is not a language code" in capsys.readouterr().err
