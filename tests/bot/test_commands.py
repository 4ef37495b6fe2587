"""Command registration, /help, /sources and the apology for unexpected errors, via the double."""

from __future__ import annotations

import logging
from pathlib import Path

import discord
import pytest

from bot.client import BriefBot
from bot.core.brief import Brief, TopicNotFound
from bot.service import Briefings, BriefRequest
from tests.bot.conftest import bot_settings
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble

EXPECTED_COMMANDS = {"brief", "timeline", "article", "sources", "stories", "help"}


async def test_commands_are_registered_in_the_dev_guild_only(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    registered = discord_double.commands(discord_double.guild)
    assert {command["name"] for command in registered} >= EXPECTED_COMMANDS
    assert discord_double.commands() == []
    brief = next(command for command in registered if command["name"] == "brief")
    options = {option["name"]: option for option in brief["options"]}
    assert options["topic"]["required"] is True
    assert options["topic"]["autocomplete"] is True
    assert options["days"]["min_value"] == 1
    for command in registered:
        assert 1 <= len(command["description"]) <= 100
    identify = discord_double.hub.identify_payloads[-1]
    assert identify["intents"] == 1


async def test_help_lists_every_command_with_examples(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (await discord_double.invoke("help")).final_message()
    assert answer.ephemeral
    text = answer.visible_text()
    for name in EXPECTED_COMMANDS:
        assert f"/{name}" in text
    assert "/brief topic:chips" in text
    assert "Who: Manage Server" in text
    assert "Who: list: everyone · remove: Manage Server" in text


async def test_commands_for_managers_are_hidden_from_other_members(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    registered = {c["name"]: c for c in discord_double.commands(discord_double.guild)}
    manage_guild = discord.Permissions(manage_guild=True).value
    assert registered["ingest"]["default_member_permissions"] == manage_guild
    assert registered["digest"]["default_member_permissions"] == manage_guild
    # Members keep the read-only subcommands; the changing ones check Manage Server themselves.
    assert registered["sources"]["default_member_permissions"] is None
    assert registered["brief"]["default_member_permissions"] is None


async def test_many_rate_limits_in_a_row_still_deliver_the_answer(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    # discord.py gives up after five 429s on one request; the answer is still worth sending.
    discord_double.inject_rate_limit(r"^POST /webhooks/", times=7, retry_after=0.01)
    answer = await (await discord_double.invoke("sources list")).final_message()
    assert answer.ephemeral
    assert "Stored articles" in str(answer.embeds[0]["title"])
    statuses = [
        r.status
        for r in discord_double.requests
        if r.method == "POST" and r.path.startswith("/webhooks/")
    ]
    assert statuses == [429] * 7 + [200]


async def test_sources_with_an_unmatched_topic_says_so(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (
        await discord_double.invoke("sources list", {"topic": "zebras"})
    ).final_message()
    text = answer.visible_text()
    assert "No stored article matches 'zebras'" in text
    assert "Nothing stored yet" not in text


async def test_brief_outside_its_window_says_the_topic_is_stored(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (
        await discord_double.invoke("brief", {"topic": "chips", "days": 1})
    ).final_message()
    assert answer.ephemeral
    assert answer.content == (
        "Nothing on 'chips' in the last 1 day, but 3 stored articles are on it: widen or leave "
        "out days."
    )


async def test_blank_topic_is_refused(discord_double: DiscordDouble, briefbot: BriefBot) -> None:
    answer = await (await discord_double.invoke("brief", {"topic": "   "})).final_message()
    assert answer.content == "The topic is blank; type a word or phrase, e.g. /brief topic:chips."
    timeline = await (await discord_double.invoke("timeline", {"topic": " "})).final_message()
    assert "/timeline topic:chips" in timeline.content


async def test_sources_lists_stored_articles_newest_first(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (await discord_double.invoke("sources list")).final_message()
    assert answer.ephemeral
    description = str(answer.embeds[0]["description"])
    lines = description.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("`1` Breaking Medium Tech Trap")
    assert "Global Times, 2022-09-07" in description
    narrowed = await (
        await discord_double.invoke("sources list", {"topic": "lithography"})
    ).final_message()
    assert "lithography" in str(narrowed.embeds[0]["title"])


class BrokenBriefings(Briefings):
    """A service whose brief fails the way a bug would."""

    async def brief(self, request: BriefRequest) -> Brief | TopicNotFound:
        """Fail unexpectedly."""
        raise ZeroDivisionError("the brief blew up")


async def test_unexpected_error_is_logged_and_the_user_gets_a_private_apology(
    discord_double: DiscordDouble,
    service: Briefings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = BrokenBriefings(service.store, seeds_dir=service.seeds_dir)
    bot = BriefBot(broken, bot_settings(discord_double, tmp_path))
    async with connected(bot, discord_double):
        with caplog.at_level(logging.ERROR, logger="bot.client"):
            answer = await (
                await discord_double.invoke("brief", {"topic": "chips"})
            ).final_message()
    assert answer.ephemeral
    assert answer.content.startswith("Sorry, something went wrong")
    assert "Traceback" not in answer.content
    assert "ZeroDivisionError" not in answer.content
    [record] = [r for r in caplog.records if r.name == "bot.client"]
    assert record.__dict__["command"] == "brief"
    assert record.__dict__["guild_id"] == discord_double.guild.id
    assert record.__dict__["user_id"] == discord_double.admin.id
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], ZeroDivisionError)


async def test_stories_lists_each_story_once_with_every_outlet(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (await discord_double.invoke("stories", {"days": 3650})).final_message()
    assert answer.ephemeral
    description = str(answer.embeds[0]["description"])
    entries = [line for line in description.splitlines() if line.startswith("`s")]
    assert len(entries) == 3  # the seeds report three events, weeks apart
    assert "1 article from 1 outlet (Global Times)" in description
    assert description.count("Global Times") == 1
