"""/sources remove through the Discord double: a manager removes, a member is refused."""

from __future__ import annotations

import logging

import pytest

from bot.client import BriefBot
from bot.core.scope import Scope
from bot.service import Briefings
from tests.bot.conftest import draft
from tests.discord_double.server import DiscordDouble


async def test_sources_has_list_and_remove_and_members_see_both(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    [sources] = [c for c in discord_double.commands(discord_double.guild) if c["name"] == "sources"]
    subcommands = {o["name"]: o for o in sources["options"]}
    assert set(subcommands) == {"list", "remove"}
    [id_option] = subcommands["remove"]["options"]
    assert id_option["name"] == "id"
    assert id_option["required"] is True
    assert id_option["min_value"] == 1
    # Members keep /sources list, so the group has no default permission: remove checks itself.
    assert sources.get("default_member_permissions") is None


async def test_a_manager_removes_an_article_privately_and_it_is_gone(
    discord_double: DiscordDouble,
    briefbot: BriefBot,
    service: Briefings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    own = service.for_scope(Scope.server(discord_double.guild.id))
    (added,) = (
        await own.ingest_drafts([draft("Wrong chip rumour", "A chip rumour spread.")])
    ).added
    new_id = added.article_id
    with caplog.at_level(logging.INFO, logger="bot.service.removal"):
        answer = await (
            await discord_double.invoke("sources remove", {"id": new_id})
        ).final_message()
    assert answer.ephemeral
    text = answer.visible_text()
    assert f"Removed article `{new_id}`: Wrong chip rumour" in text
    assert "will not bring it back" in text
    assert answer.allowed_mentions == {"parse": []}
    assert await service.store.get_article(new_id) is None
    [tombstone] = await service.store.list_tombstones()
    assert tombstone.removed_by == f"discord:{discord_double.admin.id}"
    assert any(f"by discord:{discord_double.admin.id}" in r.getMessage() for r in caplog.records)
    listed = await (
        await discord_double.invoke("sources list", user=discord_double.member)
    ).final_message()
    lines = str(listed.embeds[0]["description"]).splitlines()
    assert len(lines) == 3  # the seeds, the shared library
    assert not any(line.startswith(f"`{new_id}`") for line in lines)
    unknown = await (await discord_double.invoke("sources remove", {"id": new_id})).final_message()
    assert f"No stored article has id `{new_id}`" in unknown.visible_text()


async def test_a_server_cannot_remove_the_shared_librarys_articles(
    discord_double: DiscordDouble, briefbot: BriefBot, service: Briefings
) -> None:
    answer = await (await discord_double.invoke("sources remove", {"id": 2})).final_message()
    assert "Article `2` is in the shared library every server sees" in answer.visible_text()
    assert await service.store.get_article(2) is not None


async def test_a_member_without_manage_server_is_refused(
    discord_double: DiscordDouble, briefbot: BriefBot, service: Briefings
) -> None:
    answer = await (
        await discord_double.invoke("sources remove", {"id": 1}, user=discord_double.member)
    ).final_message()
    assert answer.ephemeral
    assert "Manage Server" in answer.visible_text()
    assert await service.store.get_article(1) is not None
    assert await service.store.list_tombstones() == []
