"""/brief end to end through the Discord double: embeds, pages, refusals, suggestions, 429s."""

from __future__ import annotations

import asyncio

import discord

from bot.client import BriefBot
from bot.service import Briefings
from tests.bot.conftest import draft
from tests.discord_double.interactions import InteractionHandle
from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import RecordedMessage


async def published(handle: InteractionHandle) -> RecordedMessage:
    """The public message a command posts, once posted (the private note before it is skipped)."""
    await handle.wait_until(lambda: any(not m.ephemeral and m.embeds for m in handle.messages))
    return await handle.final_message()


def embed_titles(message: RecordedMessage) -> list[str]:
    """The titles of a message's embeds, in order."""
    return [str(embed.get("title", "")) for embed in message.embeds]


def buttons(message: RecordedMessage) -> dict[str, bool]:
    """Each button's custom_id and whether it is disabled (the position button as one name)."""
    return {
        _button_name(str(button["custom_id"])): bool(button.get("disabled"))
        for row in message.components
        for button in row.get("components", [])
    }


def _button_name(custom_id: str) -> str:
    # The position button's id carries the page, owner and rebuild key (bot.cogs.page_keys).
    return "pager:position" if custom_id.startswith("pager:at:") else custom_id


async def test_brief_chips_shows_sections_and_numbered_sources(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    handle = await discord_double.invoke("brief", {"topic": "chips"})
    first = await published(handle)
    assert handle.response_type == 5
    assert not first.ephemeral
    assert first.allowed_mentions == {"parse": []}
    titles = embed_titles(first)
    assert titles[:3] == ["Brief: chips", "TL;DR", "What changed"]
    assert "chip" in first.visible_text().lower()
    assert "[1]" in first.visible_text()
    seen = "\n".join(embed_titles(first))
    pages = [first]
    while not buttons(pages[-1]).get("pager:next", True):
        click = await discord_double.click(pages[-1], "pager:next")
        pages.append(await click.final_message())
        seen += "\n" + "\n".join(embed_titles(pages[-1]))
    assert "Sources" in seen
    last = pages[-1].visible_text()
    assert "**[1]**" in last
    assert "Global Times" in last
    public = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert [message.id for message in public] == [first.id]


async def _add_chip_reports(service: Briefings) -> None:
    """More chip reports than one page of embeds holds, so the brief needs the pager."""
    plants = ["Dresden", "Arizona", "Kumamoto", "Hsinchu", "Pyeongtaek", "Ohio"]
    drafts = [
        draft(
            f"Chipmaker opens wafer plant in {place}",
            " ".join(
                f"The new chip plant in {place} will make {n} million wafers a year from 2027, "
                f"the company said on Monday in its statement number {n}."
                for n in range(10 + i, 16 + i)
            ),
            publisher=f"Wire {i}",
            day=i + 1,
        )
        for i, place in enumerate(plants)
    ]
    await service.ingest_drafts(drafts)


async def test_only_the_invoker_turns_pages(
    discord_double: DiscordDouble, briefbot: BriefBot, service: Briefings
) -> None:
    await _add_chip_reports(service)
    message = await published(await discord_double.invoke("brief", {"topic": "chips"}))
    assert buttons(message) == {
        "pager:previous": True,
        "pager:position": True,
        "pager:next": False,
    }
    first_titles = embed_titles(message)
    turned = await (await discord_double.click(message, "pager:next")).final_message()
    assert turned.id == message.id
    assert embed_titles(turned) != first_titles
    assert buttons(turned)["pager:previous"] is False
    assert "Page 2/" in str(turned.embeds[-1]["footer"]["text"])

    refusal_handle = await discord_double.click(
        turned, "pager:previous", user=discord_double.member
    )
    refusal = await refusal_handle.final_message()
    assert refusal.ephemeral
    assert "Only the person who asked" in refusal.content
    after = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert embed_titles(after[0]) == embed_titles(turned)

    back = await (await discord_double.click(turned, "pager:previous")).final_message()
    assert embed_titles(back) == first_titles


async def test_pager_outlives_its_timeout_by_rebuilding_the_pages(
    discord_double: DiscordDouble, briefbot: BriefBot, service: Briefings
) -> None:
    briefbot.page_timeout = 0.2
    for cog in briefbot.cogs.values():
        cog.page_timeout = 0.2  # type: ignore[attr-defined]
    await _add_chip_reports(service)
    message = await published(await discord_double.invoke("brief", {"topic": "chips"}))
    assert buttons(message)["pager:next"] is False
    await asyncio.sleep(0.5)  # the live view has timed out; its buttons stay enabled
    [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
    assert buttons(shown)["pager:next"] is False

    turned = await (await discord_double.click(shown, "pager:next")).final_message()
    assert turned.id == message.id
    assert "Page 2/" in str(turned.embeds[-1]["footer"]["text"])
    assert buttons(turned)["pager:previous"] is False


async def test_unknown_topic_gets_private_suggestions(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    handle = await discord_double.invoke("brief", {"topic": "bananas"})
    answer = await handle.final_message()
    assert answer.ephemeral
    assert answer.embeds == []
    assert "Nothing stored on 'bananas'" in answer.content
    # Nothing is spelled like "bananas": no unrelated topics, a pointer to what is stored.
    assert "Closest topics:" not in answer.content
    assert "Try /sources list" in answer.content
    misspelt = await (await discord_double.invoke("brief", {"topic": "quantom"})).final_message()
    assert "Closest topics: Quantum technology." in misspelt.content
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []


async def test_an_unknown_topic_with_markdown_is_escaped_once(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    handle = await discord_double.invoke("brief", {"topic": "my_topic*"})
    answer = await handle.final_message()
    assert "Nothing stored on 'my\\_topic\\*'" in answer.content
    assert "\\\\" not in answer.content


async def test_rate_limited_follow_up_is_retried(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    discord_double.inject_rate_limit(r"^POST /webhooks/", retry_after=0.05)
    message = await published(await discord_double.invoke("brief", {"topic": "chips"}))
    assert embed_titles(message)[0] == "Brief: chips"
    statuses = [
        r.status
        for r in discord_double.requests
        if r.method == "POST" and r.path.startswith("/webhooks/")
    ]
    assert statuses[:2] == [429, 200]


async def test_topic_autocomplete_offers_lexicon_topics_and_stored_terms(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    handle = await discord_double.autocomplete("brief", {"topic": "chi"}, focused="topic")
    values = [choice["value"] for choice in await handle.choices()]
    assert values[0] == "chips"
    assert "china" in values
    assert len(values) <= 25


async def test_topic_autocomplete_offers_words_not_stems(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    chinese = await discord_double.autocomplete("brief", {"topic": "chines"}, focused="topic")
    assert "chinese" in [choice["value"] for choice in await chinese.choices()]
    litho = await discord_double.autocomplete("brief", {"topic": "lithograph"}, focused="topic")
    offered = [choice["value"] for choice in await litho.choices()]
    assert "lithography" in offered
    assert "lithographi" not in offered
    assert all(value.startswith("lithograph") for value in offered if " " not in value)


async def test_source_filter_narrows_the_brief(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    handle = await discord_double.autocomplete(
        "brief", {"topic": "chips", "source": "glob"}, focused="source"
    )
    assert [choice["value"] for choice in await handle.choices()] == ["Global Times"]
    message = await published(
        await discord_double.invoke("brief", {"topic": "chips", "source": "Global Times"})
    )
    assert "Brief: chips" in embed_titles(message)
    missing = await (
        await discord_double.invoke("brief", {"topic": "chips", "source": "Nobody"})
    ).final_message()
    assert missing.ephemeral
    assert "from Nobody" in missing.content


def test_intents_are_not_privileged() -> None:
    from bot.client import bot_intents

    intents = bot_intents()
    assert intents.guilds
    assert not intents.members
    assert not intents.presences
    assert not intents.message_content
    assert isinstance(intents, discord.Intents)


def long_sentence(n: int, topic: str) -> str:
    """A long, distinct sentence about the topic (about 650 characters)."""
    filler = " ".join(f"{topic}-{n}-detail-{k}" for k in range(30))
    return f"The {topic} report number {n} says that {filler} will matter to the industry."


async def test_a_long_brief_pages_through_to_the_end(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    drafts = [
        draft(
            f"Airship report {n}",
            "\n\n".join(long_sentence(n * 10 + k, "airship") for k in range(8)),
            day=n + 1,
        )
        for n in range(6)
    ]
    await briefbot.service.ingest_drafts(drafts)
    message = await published(await discord_double.invoke("brief", {"topic": "airship"}))
    footer = str(message.embeds[-1]["footer"]["text"])
    total = int(footer.removeprefix("Page 1/").split(" ")[0])
    assert total >= 2
    shown = message
    for number in range(2, total + 1):
        shown = await (await discord_double.click(shown, "pager:next")).final_message()
        assert f"Page {number}/{total}" in str(shown.embeds[-1]["footer"]["text"])
    assert buttons(shown)["pager:next"] is True
    assert "Sources" in embed_titles(shown)
