"""Settings: defaults, environment and .env loading, and plain-sentence validation errors."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults_need_no_environment(isolated_environment: Path) -> None:
    settings = load_settings()
    assert settings.discord_token is None
    assert settings.timezone == "UTC"
    assert settings.database_file == isolated_environment / "data" / "briefbot" / "briefbot.db"
    assert settings.digest_time_of_day == time(9, 0)
    assert settings.seeds_path.name == "seeds"


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIEFBOT_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("BRIEFBOT_DATABASE_PATH", str(tmp_path / "x.db"))
    monkeypatch.setenv("BRIEFBOT_DIGEST_WEEKDAY", "Friday")
    monkeypatch.setenv("BRIEFBOT_LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.zone.key == "Europe/Paris"
    assert settings.database_file == tmp_path / "x.db"
    assert settings.digest_weekday == "fri"
    assert settings.log_level == "DEBUG"


def test_dotenv_file_is_read(isolated_environment: Path) -> None:
    (isolated_environment / ".env").write_text("BRIEFBOT_TIMEZONE=Asia/Shanghai\n")
    assert load_settings().timezone == "Asia/Shanghai"


def test_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DISCORD_TOKEN", "super-secret-value")
    settings = load_settings()
    assert "super-secret-value" not in repr(settings)
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "super-secret-value"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("BRIEFBOT_TIMEZONE", "Mars/Olympus", "BRIEFBOT_TIMEZONE: 'Mars/Olympus' is not a known"),
        ("BRIEFBOT_DIGEST_TIME", "25:61", "BRIEFBOT_DIGEST_TIME: '25:61' is not a time of day"),
        (
            "BRIEFBOT_DIGEST_WEEKDAY",
            "someday",
            "BRIEFBOT_DIGEST_WEEKDAY: 'someday' is not a weekday",
        ),
        ("BRIEFBOT_LOG_LEVEL", "LOUD", "BRIEFBOT_LOG_LEVEL:"),
        ("BRIEFBOT_DEV_GUILD_ID", "abc", "BRIEFBOT_DEV_GUILD_ID:"),
        ("BRIEFBOT_DIGEST_GRACE_HOURS", "inf", "BRIEFBOT_DIGEST_GRACE_HOURS:"),
        ("BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS", "0", "BRIEFBOT_FEED_FETCH_TIMEOUT_SECONDS:"),
        (
            "BRIEFBOT_CHART_FONT",
            "/no/such/NotoSansCJK.ttc",
            "BRIEFBOT_CHART_FONT: /no/such/NotoSansCJK.ttc is not a file (name a .ttf",
        ),
    ],
)
def test_bad_values_give_one_sentence_each(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].startswith(expected)
    assert caught.value.problems[0].endswith(".")


def test_store_label_hides_a_database_password() -> None:
    from bot.core.credentials import redact_password, without_password
    from bot.settings import Settings

    url = "postgresql://briefbot:s3cret@db.internal:5432/briefbot"
    assert redact_password(url) == "postgresql://briefbot:***@db.internal:5432/briefbot"
    assert redact_password("postgresql:///briefbot?host=/run/pg") == (
        "postgresql:///briefbot?host=/run/pg"
    )
    assert without_password(url) == ("postgresql://briefbot@db.internal:5432/briefbot", "s3cret")
    assert without_password("postgresql://%40me:p%3Aw@h/db") == ("postgresql://%40me@h/db", "p:w")
    settings = Settings(database_url=url)
    assert settings.store_location == url
    assert "s3cret" not in settings.store_label


@pytest.mark.parametrize(
    ("variable", "value", "sentence"),
    [
        (
            "BRIEFBOT_LOG_LEVEL",
            "LOUD",
            "BRIEFBOT_LOG_LEVEL: 'LOUD' is not a log level; use DEBUG, INFO, WARNING or ERROR.",
        ),
        (
            "BRIEFBOT_LOG_FORMAT",
            "xml",
            "BRIEFBOT_LOG_FORMAT: 'xml' is not a log format; use text or json.",
        ),
        (
            "BRIEFBOT_MAX_ARTICLE_KB",
            "-5",
            "BRIEFBOT_MAX_ARTICLE_KB: '-5' is too small (at least 1).",
        ),
        (
            "BRIEFBOT_SHARD_COUNT",
            "5000",
            "BRIEFBOT_SHARD_COUNT: '5000' is too large (at most 4,096).",
        ),
        (
            "BRIEFBOT_DIGEST_GRACE_HOURS",
            "inf",
            "BRIEFBOT_DIGEST_GRACE_HOURS: 'inf' is too large (at most 168).",
        ),
        ("BRIEFBOT_DEV_GUILD_ID", "abc", "BRIEFBOT_DEV_GUILD_ID: 'abc' is not a whole number."),
        (
            "BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS",
            "maybe",
            "BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS: 'maybe' is not true or false.",
        ),
    ],
)
def test_a_generic_problem_quotes_the_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, sentence: str
) -> None:
    # pydantic's "Input should be …" names neither the variable nor what was given.
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert caught.value.problems == [sentence]


def test_a_bad_token_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_DISCORD_TOKEN", "")
    with pytest.raises(SettingsError) as caught:
        load_settings(discord_token=["not-a-string-secret"])
    assert "not-a-string-secret" not in " ".join(caught.value.problems)
