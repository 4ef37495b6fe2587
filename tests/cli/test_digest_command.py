"""``briefbot digest`` in the terminal: --preview is gone with a sentence, an empty digest says
how to see the stored articles, and the first digest reads neutrally."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run_cli


def test_the_first_digest_reads_neutrally(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "digest", "--since", "2020-01-01")
    assert result.status == 0
    assert "No earlier digest to compare with." in result.flat
    assert "in this channel" not in result.flat
    assert "None of the" not in result.err


def test_preview_is_refused_with_what_to_run_instead(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_cli(capsys, "digest", "--preview")
    assert stopped.value.code == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "--preview was removed" in err
    assert "run `briefbot digest`" in err
    assert "Traceback" not in err


def test_help_no_longer_offers_preview(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "digest", "--help")
    help_text = capsys.readouterr().out
    assert "--preview" not in help_text
    assert "--since DATE" in help_text


@pytest.mark.parametrize("format_", ["text", "md", "json"])
def test_an_empty_first_digest_says_which_since_shows_the_stored_articles(
    format_: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The seeds are dated 2022 to 2026-01-01: none falls in the last 7 days of the real clock.
    quiet = run_cli(capsys, "digest", "--format", format_)
    assert quiet.status == 0
    assert "None of the 3 stored articles is dated in this period" in quiet.err
    assert "`briefbot digest --since 2022-09-07` covers them all" in quiet.err
    assert "None of the" not in quiet.out, "stdout stays exactly the digest"
    shown = run_cli(capsys, "digest", "--since", "2022-09-07", "--format", "json")
    assert shown.json()["article_count"] == 3
    assert "None of the" not in shown.err


def test_an_empty_store_says_how_to_add_articles(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEED", "false")
    quiet = run_cli(capsys, "digest")
    assert quiet.status == 0
    assert "The store is empty: add articles with `briefbot ingest PATH`" in quiet.err
