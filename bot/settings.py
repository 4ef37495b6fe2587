"""Runtime configuration: one ``Settings`` model read from ``BRIEFBOT_*`` variables and an optional .env."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import time
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.credentials import redact_password
from bot.core.shards import ShardPlan

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# A checkout keeps its seed articles at the top (the user edits them there); an installed wheel
# carries a copy inside the package (setup.py puts it in bot/data/seeds).
_PROJECT_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_PACKAGED_SEEDS = ("data", "seeds")


def default_data_dir() -> Path:
    """The per-user data directory: ``$XDG_DATA_HOME/briefbot`` or ``~/.local/share/briefbot``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "briefbot"


def default_seeds_dir() -> Path:
    """The seeds shipped inside the installed package, else the checkout's ``seeds/``."""
    packaged = files("bot").joinpath(*_PACKAGED_SEEDS)
    # Wheels install as plain files, so the resource is a real folder the ingest can walk.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return _PROJECT_SEEDS


class Settings(BaseSettings):
    """Everything briefbot reads from its environment; built once by the entry point."""

    model_config = SettingsConfigDict(
        env_prefix="BRIEFBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    discord_token: SecretStr | None = Field(
        default=None,
        description="Bot token from the Discord developer portal; needed only by `run`.",
    )
    dev_guild_id: int | None = Field(
        default=None,
        description="Sync slash commands to this guild only (instant), for development.",
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Where the store lives.")
    database_path: Path | None = Field(
        default=None, description="SQLite file; defaults to DATA_DIR/briefbot.db."
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "postgresql://user:password@host/db selects a PostgreSQL store shared by several "
            "processes; unset keeps the SQLite file."
        ),
    )
    seeds_dir: Path | None = Field(
        default=None,
        description="Articles loaded on first use; defaults to the seeds shipped with briefbot.",
    )
    seed: bool = Field(
        default=True,
        description="Load the seed articles into a store on first use; false starts it empty.",
    )
    topics_file: Path | None = Field(
        default=None, description="Extra topic lexicon (TOML) merged over the built-in one."
    )
    timezone: str = Field(
        default="UTC", description="Default IANA time zone for dates and digests."
    )
    chart_font: Path | None = Field(
        default=None,
        description=(
            "A font file (.ttf, .otf, .ttc) the timeline chart falls back to for characters "
            "DejaVu Sans lacks, such as Chinese; unset uses an installed CJK font if any."
        ),
    )
    digest_weekday: str = Field(default="mon", description="Default digest day: mon … sun.")
    digest_time: str = Field(default="09:00", description="Default digest time, HH:MM, local time.")
    digest_grace_hours: float = Field(
        default=12.0, gt=0, le=24 * 7, description="How late a missed digest may still be posted."
    )
    feed_claim_lease_seconds: float = Field(
        default=900.0,
        ge=1,
        le=24 * 3600,
        description=(
            "How long a process holds the due feeds it claimed before another process sharing "
            "the store may poll them (a process killed mid-poll); longer than a batch's poll."
        ),
    )
    digest_stale_claim_seconds: float = Field(
        default=900.0,
        ge=1,
        le=24 * 3600,
        description=(
            "How old an unfinished digest claim must be before another process takes it over "
            "(its process died mid-post); it then looks in the channel before posting."
        ),
    )
    feed_fetch_timeout_seconds: float = Field(
        default=20.0,
        gt=0,
        le=600,
        description=(
            "How long one feed or article page request may take before it counts as a failed "
            "fetch (timeout); the feed is then retried with backoff."
        ),
    )
    feeds_allow_private_hosts: bool = Field(
        default=False,
        description="Let feeds and links point at private or local addresses (off: no probing).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO")
    log_format: Literal["text", "json"] = Field(default="text")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"'{value}' is not a known IANA time zone (try Europe/Paris)"
            ) from None
        return value

    @field_validator("chart_font")
    @classmethod
    def _font_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"{value} is not a file (name a .ttf, .otf or .ttc font file)")
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not value.strip().startswith(("postgresql://", "postgres://")):
            # The message is prefixed with the variable's name; the value's password is hidden.
            raise ValueError(
                f"'{redact_password(value.strip())}' is not a PostgreSQL address: it must start "
                "with postgresql:// (leave it unset for SQLite)"
            )
        return value.strip()

    @field_validator("digest_weekday")
    @classmethod
    def _known_weekday(cls, value: str) -> str:
        short = value.strip().lower()[:3]
        if short not in WEEKDAYS:
            raise ValueError(f"'{value}' is not a weekday (use one of {', '.join(WEEKDAYS)})")
        return short

    @field_validator("digest_time")
    @classmethod
    def _valid_time(cls, value: str) -> str:
        if not _TIME.match(value.strip()):
            raise ValueError(f"'{value}' is not a time of day in HH:MM form (e.g. 09:00)")
        return value.strip()

    @field_validator("seed", mode="before")
    @classmethod
    def _seed_switch(cls, value: object) -> object:
        words = {"true": True, "1": True, "yes": True, "on": True}
        words |= {"false": False, "0": False, "no": False, "off": False}
        if isinstance(value, str):
            if value.strip().lower() not in words:
                raise ValueError(f"'{value}' is not true or false (use true to seed, false not to)")
            return words[value.strip().lower()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def database_file(self) -> Path:
        """The SQLite file the store opens."""
        return self.database_path or self.data_dir / "briefbot.db"

    @property
    def store_location(self) -> Path | str:
        """What ``ArticleStore.open`` takes: the PostgreSQL URL when set, else the SQLite file."""
        return self.database_url or self.database_file

    @property
    def store_label(self) -> str:
        """The store as people may read it in messages and logs: a URL's password is hidden."""
        if self.database_url is None:
            return str(self.database_file)
        return redact_password(str(self.database_url))

    @property
    def seeds_path(self) -> Path:
        """The folder of seed articles loaded into an empty store."""
        return self.seeds_dir or default_seeds_dir()

    @property
    def zone(self) -> ZoneInfo:
        """The default time zone as a ``ZoneInfo``."""
        return ZoneInfo(self.timezone)

    @property
    def digest_time_of_day(self) -> time:
        """The default digest time as a ``datetime.time``."""
        hours, minutes = self.digest_time.split(":")
        return time(int(hours), int(minutes))

    # Sharding (issue 18): several processes, each running some of the bot's shards.
    shard_count: int | None = Field(
        default=None,
        ge=1,
        le=4096,
        description="How many shards the bot runs in all, across every process (unset: one).",
    )
    shard_ids: str | None = Field(
        default=None,
        description="The shards this process runs, comma-separated (e.g. 0,1); needs SHARD_COUNT.",
    )

    @field_validator("shard_ids")
    @classmethod
    def _shard_id_list(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None or not value.strip():
            return None
        parts = [part.strip() for part in value.split(",")]
        if not all(part.isdigit() for part in parts):
            raise ValueError(f"'{value}' is not a comma-separated list of shard numbers (e.g. 0,1)")
        count = info.data.get("shard_count")
        if count is None:
            raise ValueError("needs BRIEFBOT_SHARD_COUNT too (how many shards run in all)")
        ShardPlan(count, tuple(int(part) for part in parts))  # its ValueError names the problem
        return ",".join(parts)

    @property
    def shard_plan(self) -> ShardPlan:
        """The shards this process runs out of how many; one unsharded process by default."""
        ids = None if self.shard_ids is None else tuple(int(i) for i in self.shard_ids.split(","))
        return ShardPlan(self.shard_count or 1, ids)

    # Ingest quality gate (issue 16); kept last in the class to ease merging.
    max_article_kb: int = Field(
        default=300,
        ge=1,
        le=65536,
        description="Largest article text ingested, in KB of UTF-8; a larger one is rejected.",
    )


class SettingsError(Exception):
    """Configuration that cannot be used, with one plain sentence per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def load_settings(**overrides: object) -> Settings:
    """Build the settings once, turning validation errors into plain sentences naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None


# What a literal setting's value must be, for "'LOUD' is not a log level; use …".
_KINDS = {"log_level": "a log level", "log_format": "a log format"}
_SHOWN_CHARS = 60
# Pydantic's error kinds for a number out of bounds: the words, and the context key of the bound.
_BOUNDS = {
    "greater_than_equal": ("too small (at least {})", "ge"),
    "greater_than": ("too small (it must be more than {})", "gt"),
    "less_than_equal": ("too large (at most {})", "le"),
    "less_than": ("too large (it must be less than {})", "lt"),
}
_NOT_PARSED = {
    "int_parsing": "not a whole number",
    "float_parsing": "not a number",
    "bool_parsing": "not true or false",
}


def _number(value: object) -> str:
    """A bound as a person writes it: 168, not 168.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _or_list(expected: str) -> str:
    """ "'text' or 'json'" as "text or json" (pydantic quotes each choice)."""
    return expected.replace("'", "")


def _sentence(name: str, item: Mapping[str, Any]) -> str:
    """The problem after 'BRIEFBOT_X: ', quoting the value as given."""
    kind = str(item["type"])
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind == "value_error":  # our validators' sentences already quote the value
        return message
    raw = str(item.get("input", ""))
    shown = f"'{raw[:_SHOWN_CHARS]}…'" if len(raw) > _SHOWN_CHARS else f"'{raw}'"
    ctx = item.get("ctx") or {}
    if kind == "literal_error":
        noun = _KINDS.get(name, "an accepted value")
        return f"{shown} is not {noun}; use {_or_list(str(ctx.get('expected', '')))}"
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        return f"{shown} is {words.format(_number(ctx.get(bound)))}"
    if kind in _NOT_PARSED:
        return f"{shown} is {_NOT_PARSED[kind]}"
    # Anything else: still the value, then pydantic's own words.
    return f"{shown} is not usable ({message[:1].lower()}{message[1:].rstrip('.')})"


def describe_validation_error(error: ValidationError) -> list[str]:
    """One sentence per invalid setting, naming its environment variable, never echoing secrets."""
    problems = []
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "settings"
        variable = f"BRIEFBOT_{name.upper()}"
        message = "is not a valid token" if "token" in name else _sentence(name, item)
        problems.append(f"{variable}: {message.rstrip('.')}.")
    return problems
