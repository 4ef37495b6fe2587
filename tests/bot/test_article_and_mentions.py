"""/article and hostile article text through the double: unknown ids, pings and markdown."""

from __future__ import annotations

from bot.client import BriefBot
from tests.bot.conftest import draft
from tests.bot.test_brief_command import embed_titles, published
from tests.discord_double.server import DiscordDouble

HOSTILE_BODY = (
    "Zeppelin makers told @everyone at the airship fair that <@&424242> and <@99> should "
    "expect new zeppelin hangars next spring. "
    "The zeppelin plan is **huge** and __underlined__ with `code` and ||spoilers|| inside. "
    "Analysts said @here the zeppelin revival will cost [a lot](https://evil.test) of money.\n\n"
    "# Not a heading\n\n"
    "> not a quote either, said the zeppelin pilots about the zeppelin fleet."
)


async def test_article_with_mentions_pings_nobody(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    report = await briefbot.service.ingest_drafts(
        [draft("Zeppelins return @everyone <@&424242>", HOSTILE_BODY)]
    )
    [added] = report.added
    message = await published(await discord_double.invoke("brief", {"topic": "zeppelin"}))
    assert message.allowed_mentions == {"parse": []}
    text = message.visible_text()
    assert "zeppelin" in text.lower()
    assert "@everyone" not in text
    assert "@here" not in text
    assert "<@&424242>" not in text
    assert "<@99>" not in text
    assert "@\u200beveryone" in text
    assert "\\*\\*huge\\*\\*" in text
    assert "[a lot](https://evil.test)" not in text
    assert "\\[a lot\\](https://evil.test)" in text
    assert "\\# Not a heading" in text or "Not a heading" not in text

    article = await published(await discord_double.invoke("article", {"id": added.article_id}))
    assert article.allowed_mentions == {"parse": []}
    assert embed_titles(article)[0].startswith(f"Article {added.article_id}: Zeppelins return")
    assert "@everyone" not in article.visible_text()
    assert "<@&" not in article.visible_text()


async def test_article_brief_shows_its_sources(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    [first] = await briefbot.service.list_articles(limit=1)
    message = await published(await discord_double.invoke("article", {"id": first.id}))
    assert not message.ephemeral
    assert embed_titles(message)[0] == f"Article {first.id}: {first.title}"


async def test_unknown_article_id_is_a_private_answer(
    discord_double: DiscordDouble, briefbot: BriefBot
) -> None:
    answer = await (await discord_double.invoke("article", {"id": 999})).final_message()
    assert answer.ephemeral
    assert answer.content == (
        "No stored article has id 999. /sources list shows the stored articles and ids."
    )
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []
