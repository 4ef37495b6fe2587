"""Tests of the Discord double itself, driven by the real discord.py client."""

from __future__ import annotations

import asyncio
import gc
import io
import warnings
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.discord_double.harness import connected
from tests.discord_double.interactions import CommandUnavailableError
from tests.discord_double.limits import is_valid_command_name, message_problems
from tests.discord_double.server import DiscordDouble

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TOPICS = ["chips", "chiplets", "climate", "elections"]


class PagerView(discord.ui.View):
    """Two pages behind previous/next buttons."""

    def __init__(self) -> None:
        super().__init__(timeout=30)
        self.page = 0

    @discord.ui.button(label="Next", custom_id="pager:next")
    async def next_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Show the next page."""
        self.page += 1
        await interaction.response.edit_message(content=f"page {self.page + 1}", view=self)


def build_bot(slow_delay: float) -> tuple[discord.Client, app_commands.CommandTree[discord.Client]]:
    """A tiny bot with one command per behaviour the double must observe."""
    # guild_ready_timeout: on_ready fires that long after the last GUILD_CREATE (default 2 s).
    client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @tree.command(name="hello", description="Greet a topic with an embed")
    @app_commands.describe(topic="What to greet", days="How far back")
    async def hello(interaction: discord.Interaction, topic: str, days: int = 7) -> None:
        await interaction.response.defer(thinking=True)
        embed = discord.Embed(title=f"Hello {topic}", description=f"Looking back {days} days.")
        await interaction.followup.send(
            embed=embed, allowed_mentions=discord.AllowedMentions.none()
        )

    @hello.autocomplete("topic")
    async def hello_topics(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=t, value=t) for t in TOPICS if t.startswith(current)]

    @tree.command(name="huge", description="Send embeds that break the 6000 character total")
    async def huge(interaction: discord.Interaction) -> None:
        embeds = [discord.Embed(title="x", description="y" * 4000) for _ in range(2)]
        await interaction.response.send_message(embeds=embeds)

    @tree.command(name="slow", description="Answer after the deadline")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(slow_delay)
        await interaction.response.send_message("too late")

    @tree.command(name="secret", description="Answer only to the invoker")
    async def secret(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("for your eyes", ephemeral=True)

    @tree.command(name="whisper", description="Defer ephemerally, then follow up twice")
    async def whisper(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send("first", ephemeral=True)
        await interaction.followup.send("second", ephemeral=True)

    @tree.command(name="chart", description="Attach a PNG chart")
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.followup.send(file=discord.File(_png(), filename="chart.png"))

    @tree.command(name="pages", description="Paged answer")
    async def pages(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("page 1", view=PagerView())

    digest = app_commands.Group(
        name="digest",
        description="Digest settings",
        default_permissions=discord.Permissions(manage_guild=True),
    )

    @digest.command(name="channel", description="Where the digest goes")
    async def digest_channel(
        interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        allowed = interaction.permissions.manage_guild
        text = f"digest goes to {channel.mention}" if allowed else "You need Manage Server."
        await interaction.response.send_message(text, ephemeral=not allowed)

    @tree.command(name="quiet", description="Never answer (the test answers by hand)")
    async def quiet(_: discord.Interaction) -> None:
        return None

    tree.add_command(digest)
    return client, tree


def _png() -> io.BytesIO:
    return io.BytesIO(PNG_BYTES)


@pytest.fixture
async def bot(discord_double: DiscordDouble) -> AsyncIterator[discord.Client]:
    """The tiny bot, connected to the double, with its commands synced to the test guild."""
    client, tree = build_bot(slow_delay=0.8)
    async with connected(client, discord_double):
        guild = discord.Object(discord_double.guild.id)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        yield client


async def test_sync_registers_the_commands_in_the_guild(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    names = {command["name"] for command in discord_double.commands(discord_double.guild)}
    assert names == {
        "hello",
        "huge",
        "slow",
        "secret",
        "chart",
        "pages",
        "digest",
        "quiet",
        "whisper",
    }
    assert discord_double.commands() == []
    identify = discord_double.hub.identify_payloads[-1]
    assert identify["intents"] & ((1 << 1) | (1 << 8) | (1 << 15)) == 0


async def test_deferred_command_shows_the_follow_up_embed(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    handle = await discord_double.invoke("hello", {"topic": "chips"})
    final = await handle.final_message()
    assert handle.response_type == 5
    assert [embed["title"] for embed in final.embeds] == ["Hello chips"]
    assert final.id == handle.original.id if handle.original else False
    assert not final.loading
    assert final.allowed_mentions == {"parse": []}
    assert discord_double.messages(discord_double.channel) == [final]


async def test_autocomplete_returns_the_bots_choices(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    handle = await discord_double.autocomplete("hello", {"topic": "chi"}, focused="topic")
    assert [choice["value"] for choice in await handle.choices()] == ["chips", "chiplets"]


async def test_rate_limited_follow_up_is_retried(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    discord_double.inject_rate_limit(r"^POST /webhooks/", retry_after=0.05)
    handle = await discord_double.invoke("hello", {"topic": "chips", "days": 3})
    final = await handle.final_message()
    assert final.embeds[0]["description"] == "Looking back 3 days."
    statuses = [r.status for r in discord_double.requests if r.path.startswith("/webhooks/")]
    assert statuses == [429, 200]


async def test_oversized_embeds_are_a_violation(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    handle = await discord_double.invoke("huge")
    await discord_double.wait_until(lambda: bool(discord_double.violations))
    assert handle.response_type is None
    assert any("6000" in violation.message for violation in discord_double.violations)
    discord_double.violations.clear()


async def test_answer_after_the_deadline_is_a_violation(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    discord_double.response_deadline = 0.3
    await discord_double.invoke("slow")
    await discord_double.wait_until(lambda: bool(discord_double.violations))
    assert [violation.kind for violation in discord_double.violations] == ["timing"]
    discord_double.violations.clear()


async def test_ephemeral_answer_is_flagged(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    final = await (await discord_double.invoke("secret")).final_message()
    assert final.ephemeral
    assert discord_double.messages(discord_double.channel, include_ephemeral=False) == []


async def test_first_follow_up_fills_an_ephemeral_defer(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    handle = await discord_double.invoke("whisper")
    final = await handle.final_message()
    first, second = handle.messages
    assert (first.id, first.content, first.ephemeral) == (
        handle.record.original_message_id,
        "first",
        True,
    )
    assert (final, second.content, second.ephemeral) == (second, "second", True)


async def test_png_attachment_reaches_the_channel(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    final = await (await discord_double.invoke("chart")).final_message()
    [attachment] = final.attachments
    assert (attachment.filename, attachment.content_type) == ("chart.png", "image/png")
    assert attachment.data == PNG_BYTES


async def test_button_click_updates_the_message(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    message = await (await discord_double.invoke("pages")).final_message()
    assert message.custom_ids == ["pager:next"]
    clicked = await (await discord_double.click(message, "pager:next")).final_message()
    assert (clicked.id, clicked.content) == (message.id, "page 2")


async def test_member_without_manage_server_cannot_see_the_command(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    options = {"channel": discord_double.channel}
    with pytest.raises(CommandUnavailableError):
        await discord_double.invoke("digest channel", options, user=discord_double.member)
    handle = await discord_double.invoke(
        "digest channel", options, user=discord_double.member, permission_override=True
    )
    refusal = await handle.final_message()
    assert (refusal.content, refusal.ephemeral) == ("You need Manage Server.", True)
    granted = await (await discord_double.invoke("digest channel", options)).final_message()
    assert granted.content == f"digest goes to <#{discord_double.channel.id}>"


async def test_channel_messages_and_forbidden_channels(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    channel = bot.get_channel(discord_double.channel.id)
    forbidden = bot.get_channel(discord_double.forbidden_channel.id)
    assert isinstance(channel, discord.TextChannel)
    assert isinstance(forbidden, discord.TextChannel)
    sent = await channel.send("digest", file=discord.File(_png(), filename="chart.png"))
    assert sent.attachments[0].filename == "chart.png"
    with pytest.raises(discord.Forbidden):
        await forbidden.send("nope")
    with pytest.raises(discord.NotFound):
        await bot.fetch_channel(42)
    await sent.edit(content="digest (edited)", attachments=[])
    [seen] = discord_double.messages(channel.id)
    assert (seen.content, seen.attachments, seen.edit_count) == ("digest (edited)", [], 1)


async def test_resume_after_reconnect_keeps_dispatching(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    await discord_double.request_reconnect()
    final = await (await discord_double.invoke("secret")).final_message()
    assert final.content == "for your eyes"


async def test_privileged_intents_are_refused() -> None:
    async with DiscordDouble() as double:
        client = discord.Client(intents=discord.Intents.all())
        with pytest.raises(discord.PrivilegedIntentsRequired):
            async with connected(client, double):
                pass
        assert [violation.kind for violation in double.violations] == ["intents"]


async def test_clean_shutdown_leaves_no_tasks_or_sessions() -> None:
    current = asyncio.current_task()
    before = asyncio.all_tasks() - {current}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with DiscordDouble() as double:
            client, _ = build_bot(slow_delay=0)
            async with connected(client, double, wait_ready=True):
                assert client.user is not None
            assert client.is_closed()
        await asyncio.sleep(0)
        gc.collect()
    leftover = asyncio.all_tasks() - {current} - before
    assert [task.get_coro() for task in leftover if not task.done()] == []
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert double.violations == []


async def test_responses_are_exact_json_and_the_gateway_is_zlib_compressed(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    headers = {"Authorization": f"Bot {discord_double.token}"}
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{discord_double.api_base}/users/@me", headers=headers) as reply:
            assert reply.headers["Content-Type"] == "application/json"
        async with session.get(f"{discord_double.api_base}/users/@me") as reply:
            assert reply.status == 401
    assert discord_double.gateway.compression_seen == ["zlib-stream"]
    assert discord_double.gateway.heartbeats >= 1


async def test_acknowledgement_rules_are_enforced(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    first = await discord_double.invoke("quiet")
    second = await discord_double.invoke("quiet")
    api = discord_double.api_base
    callback = f"{api}/interactions/{first.id}/{first.record.token}/callback?with_response=1"
    follow_up = f"{api}/webhooks/{discord_double.application_id}/{second.record.token}?wait=1"
    async with aiohttp.ClientSession() as session:
        async with session.post(follow_up, json={"content": "early"}) as reply:
            assert (reply.status, (await reply.json())["code"]) == (404, 10015)
        async with session.post(callback, json={"type": 5}) as reply:
            assert (await reply.json())["resource"]["message"]["flags"] == 128
        async with session.post(callback, json={"type": 5}) as reply:
            assert (reply.status, (await reply.json())["code"]) == (400, 40060)
    assert [v.kind for v in discord_double.violations] == ["protocol", "protocol"]
    discord_double.violations.clear()


async def test_invalid_command_definitions_are_rejected(discord_double: DiscordDouble) -> None:
    commands = [
        {"name": "Brief", "description": "", "type": 1},
        {
            "name": "timeline",
            "description": "ok",
            "options": [
                {"type": 3, "name": "to", "description": "end"},
                {"type": 3, "name": "from", "description": "start", "required": True},
            ],
        },
    ]
    url = f"{discord_double.api_base}/applications/{discord_double.application_id}/commands"
    headers = {"Authorization": f"Bot {discord_double.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.put(url, json=commands, headers=headers) as reply,
    ):
        assert (reply.status, (await reply.json())["code"]) == (400, 50035)
    messages = [violation.message for violation in discord_double.violations]
    assert any("lowercase" in message for message in messages)
    assert any("description" in message for message in messages)
    assert any("after an optional" in message for message in messages)
    discord_double.violations.clear()


async def test_injected_server_error_surfaces_in_discord_py(
    discord_double: DiscordDouble, bot: discord.Client
) -> None:
    discord_double.inject_status(r"^GET /channels/", 503)
    with pytest.raises(discord.DiscordServerError):
        await bot.fetch_channel(discord_double.channel.id)
    fetched = await bot.fetch_channel(discord_double.channel.id)
    assert fetched.id == discord_double.channel.id


def test_limits_count_the_embed_total_and_the_name_pattern() -> None:
    embeds = [{"title": "t" * 256, "description": "d" * 4000}, {"description": "d" * 2000}]
    assert any("6000" in problem for problem in message_problems({"embeds": embeds}, creating=True))
    assert message_problems({"content": "ok"}, creating=True) == []
    assert is_valid_command_name("brief")
    assert is_valid_command_name("समाचार")
    assert not is_valid_command_name("Brief")
    assert not is_valid_command_name("two words")
