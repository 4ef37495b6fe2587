"""``briefbot digest`` in the terminal: --preview is accepted, and the first digest reads neutrally."""

from __future__ import annotations

import pytest

from tests.cli.helpers import run_cli


def test_preview_is_the_default_and_still_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run_cli(capsys, "digest", "--since", "2020-01-01")
    with_flag = run_cli(capsys, "digest", "--preview", "--since", "2020-01-01")
    assert plain.status == with_flag.status == 0
    assert plain.out == with_flag.out
    assert "No earlier digest to compare with." in plain.flat
    assert "in this channel" not in plain.flat


def test_help_documents_preview_as_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_cli(capsys, "digest", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--preview accepted for compatibility: the digest is always printed here" in help_text
