"""A team's own topic lexicon file: merged over the built-in one, and bad files reported plainly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_cli


def test_team_topic_reaches_articles_through_its_terms(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(
        '[topics.moonshots]\nlabel = "Moonshot programmes"\naliases = ["moonshot"]\n'
        'terms = ["Shenzhen", "subsidization"]\n'
    )
    monkeypatch.setenv("BRIEFBOT_TOPICS_FILE", str(topics))
    result = run_cli(capsys, "brief", "moonshots", "--format", "json")
    assert result.status == 0, result.err
    titles = [s["title"] for s in result.json()["sources"]]
    assert titles == ["China to Step Up Domestic Tech Innovation in the Face of US Restrictions"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[topics.x\n", "is not valid TOML"),
        ('[topics.x]\nterms = "not a list"\n', "has a wrong shape"),
    ],
)
def test_bad_topics_file_is_one_plain_sentence(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    content: str,
    expected: str,
) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(content)
    monkeypatch.setenv("BRIEFBOT_TOPICS_FILE", str(topics))
    result = run_cli(capsys, "brief", "chips")
    assert result.status == 2
    assert expected in result.err
    check = run_cli(capsys, "check", "--no-discord")
    assert check.status == 1
    assert expected in check.err


def test_missing_topics_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_TOPICS_FILE", str(tmp_path / "nope.toml"))
    result = run_cli(capsys, "brief", "chips")
    assert result.status == 2
    assert "cannot be read" in result.err
