"""Seeding on first use: where the seed articles come from, and the setting that turns it off."""

from __future__ import annotations

from pathlib import Path

import pytest

import bot.settings
from bot.settings import default_seeds_dir, load_settings
from tests.cli.helpers import run_cli

BOT_PACKAGE = Path(bot.settings.__file__).resolve().parent


def test_seeding_is_on_by_default_and_finds_the_seed_articles() -> None:
    settings = load_settings()
    assert settings.seed is True
    assert (settings.seeds_path / "metadata.json").is_file()
    assert len(list(settings.seeds_path.glob("*.txt"))) == 3


def test_the_copy_inside_the_package_wins_over_the_checkout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # bot/data stands in for bot/data/seeds, which only a built wheel has.
    monkeypatch.setattr(bot.settings, "_PACKAGED_SEEDS", ("data",))
    assert default_seeds_dir() == BOT_PACKAGE / "data"


def test_without_a_packaged_copy_the_checkout_seeds_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bot.settings, "_PACKAGED_SEEDS", ("data", "no-such-folder"))
    assert default_seeds_dir() == BOT_PACKAGE.parent / "seeds"


def test_an_explicit_seeds_dir_is_used_as_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEEDS_DIR", str(tmp_path))
    assert load_settings().seeds_path == tmp_path


@pytest.mark.parametrize("value", ["false", "0", "no", "off"])
def test_seed_false_starts_the_store_empty(
    value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEED", value)
    listed = run_cli(capsys, "articles", "--format", "json")
    assert listed.status == 0
    assert listed.json() == []
    assert "Loaded" not in listed.err


def test_turning_seeding_back_on_loads_the_seeds_into_that_store(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEED", "false")
    assert run_cli(capsys, "articles", "--format", "json").json() == []
    monkeypatch.delenv("BRIEFBOT_SEED")
    listed = run_cli(capsys, "articles", "--format", "json")
    assert "Loaded 3 seed articles" in listed.err
    assert len(listed.json()) == 3


def test_an_unreadable_seed_setting_is_a_configuration_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEED", "maybe")
    result = run_cli(capsys, "articles")
    assert result.status == 2
    assert "BRIEFBOT_SEED: 'maybe' is not true or false" in result.err
    assert "Traceback" not in result.err
