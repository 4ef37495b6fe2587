"""/timeline end to end through the double: events as embeds, the PNG chart, bad date ranges."""

from __future__ import annotations

from bot.client import BriefBot
from tests.bot.test_brief_command import embed_titles, published
from tests.discord_double.server import DiscordDouble

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


async def test_timeline_shows_dated_events_sources_and_the_chart(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    message = await published(await discord_double.invoke("timeline", {"topic": "chips"}))
    assert not message.ephemeral
    assert message.allowed_mentions == {"parse": []}
    assert embed_titles(message)[0] == "Timeline: chips"
    text = message.visible_text()
    assert " events from " in text
    assert "**6 Sep 2022** — On Tuesday, the US Department of Commerce" in text
    assert "*(upcoming)*" in text
    assert "2022" in embed_titles(message)
    [chart] = message.attachments
    assert (chart.filename, chart.content_type) == ("timeline.png", "image/png")
    assert chart.data.startswith(PNG_SIGNATURE)


async def test_from_after_to_is_a_private_specific_answer(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    options = {"topic": "chips", "from": "2024-05", "to": "2023"}
    answer = await (await discord_double.invoke("timeline", options)).final_message()
    assert answer.ephemeral
    assert answer.content == (
        "The from date 2024-05 is after the to date 2023; give the earlier date as from."
    )
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []


async def test_malformed_date_and_unknown_topic_are_private(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    bad = await (
        await discord_double.invoke("timeline", {"topic": "chips", "to": "June"})
    ).final_message()
    assert bad.ephemeral
    assert bad.content == "The to date must look like 2024, 2024-05 or 2024-05-17."
    impossible = await (
        await discord_double.invoke("timeline", {"topic": "chips", "from": "2023-02-29"})
    ).final_message()
    assert impossible.ephemeral
    assert impossible.content == "The from date 2023-02-29 is not a real date."
    unknown = await (await discord_double.invoke("timeline", {"topic": "bananas"})).final_message()
    assert unknown.ephemeral
    assert "Nothing stored on 'bananas'" in unknown.content


async def test_a_range_without_events_says_so(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    options = {"topic": "chips", "from": "1900", "to": "1901"}
    message = await published(await discord_double.invoke("timeline", options))
    assert "No dated events on 'chips' in that range." in message.visible_text()


async def test_a_whole_year_and_month_bound_the_events(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    options = {"topic": "chips", "from": "2022", "to": "2022-09"}
    text = (await published(await discord_double.invoke("timeline", options))).visible_text()
    assert "**6 Sep 2022** — On Tuesday, the US Department of Commerce" in text
    assert "*(upcoming)*" not in text
