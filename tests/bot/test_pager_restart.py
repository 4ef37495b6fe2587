"""Pagers after a restart: a new process rebuilds the pages from the buttons, or says they expired."""

from __future__ import annotations

from pathlib import Path

from bot.client import BriefBot
from bot.service import Briefings
from tests.bot.conftest import bot_settings, draft
from tests.bot.test_brief_command import _add_chip_reports, buttons, embed_titles, published
from tests.discord_double.harness import connected
from tests.discord_double.server import DiscordDouble
from tests.discord_double.state import RecordedMessage

# With the page, owner and kind it is longer than a custom_id holds (100 characters).
LONG_TOPIC = " ".join(["chips"] * 13)
MONTHS = ("January", "March", "May", "July", "September", "November")


async def _sent_before_restart(
    double: DiscordDouble, service: Briefings, tmp_path: Path, command: str, options: dict[str, str]
) -> RecordedMessage:
    """A message with a pager posted by one bot process, which then shuts down."""
    first = BriefBot(service, bot_settings(double, tmp_path), page_timeout=30.0)
    async with connected(first, double):
        return await published(await double.invoke(command, options))


async def _add_plant_openings(service: Briefings) -> None:
    """Ninety dated chip plant openings: more events than one timeline page holds."""
    drafts = [
        draft(
            f"Chip plant {n} announced",
            f"The chipmaker said plant number {n} will open on {MONTHS[n % 6]} {n % 27 + 1}, "
            f"{2027 + n // 6}, after a year of building. It will make chips for cars.",
            publisher=f"Wire {n}",
            day=n % 28 + 1,
        )
        for n in range(90)
    ]
    await service.ingest_drafts(drafts)


def _restarted(double: DiscordDouble, service: Briefings, tmp_path: Path) -> BriefBot:
    return BriefBot(service, bot_settings(double, tmp_path), page_timeout=30.0)


async def test_brief_pages_turn_after_a_restart(
    discord_double: DiscordDouble, service: Briefings, tmp_path: Path
) -> None:
    await _add_chip_reports(service)
    message = await _sent_before_restart(
        discord_double, service, tmp_path, "brief", {"topic": "chips"}
    )
    first_titles = embed_titles(message)
    async with connected(_restarted(discord_double, service, tmp_path), discord_double):
        turned = await (await discord_double.click(message, "pager:next")).final_message()
        assert turned.id == message.id
        assert embed_titles(turned) != first_titles
        assert "Page 2/" in str(turned.embeds[-1]["footer"]["text"])
        assert buttons(turned)["pager:previous"] is False

        back = await (await discord_double.click(turned, "pager:previous")).final_message()
        assert embed_titles(back) == first_titles


async def test_only_the_invoker_turns_restarted_pages(
    discord_double: DiscordDouble, service: Briefings, tmp_path: Path
) -> None:
    await _add_chip_reports(service)
    message = await _sent_before_restart(
        discord_double, service, tmp_path, "brief", {"topic": "chips"}
    )
    async with connected(_restarted(discord_double, service, tmp_path), discord_double):
        handle = await discord_double.click(message, "pager:next", user=discord_double.member)
        refusal = await handle.final_message()
        assert refusal.ephemeral
        assert "Only the person who asked" in refusal.content
        [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
        assert "Page 1/" in str(shown.embeds[-1]["footer"]["text"])


async def test_timeline_pages_turn_after_a_restart(
    discord_double: DiscordDouble, service: Briefings, tmp_path: Path
) -> None:
    await _add_plant_openings(service)
    message = await _sent_before_restart(
        discord_double, service, tmp_path, "timeline", {"topic": "chips"}
    )
    assert buttons(message)["pager:next"] is False
    async with connected(_restarted(discord_double, service, tmp_path), discord_double):
        turned = await (await discord_double.click(message, "pager:next")).final_message()
        assert turned.id == message.id
        assert "Page 2/" in str(turned.embeds[-1]["footer"]["text"])


async def test_pages_too_long_to_key_say_they_expired_after_a_restart(
    discord_double: DiscordDouble, service: Briefings, tmp_path: Path
) -> None:
    await _add_chip_reports(service)
    # The options do not fit in a custom_id, so a new process cannot rebuild these pages.
    message = await _sent_before_restart(
        discord_double, service, tmp_path, "brief", {"topic": LONG_TOPIC}
    )
    async with connected(_restarted(discord_double, service, tmp_path), discord_double):
        handle = await discord_double.click(message, "pager:next")
        await handle.wait_until(lambda: any(m.ephemeral for m in handle.messages))
        [notice] = [m for m in handle.messages if m.ephemeral]
        assert notice.content == "These pages have expired; run /brief again for a fresh copy."
        [shown] = discord_double.messages(discord_double.channel, include_ephemeral=False)
        assert all(buttons(shown).values())
        assert "Page 1/" in str(shown.embeds[-1]["footer"]["text"])
