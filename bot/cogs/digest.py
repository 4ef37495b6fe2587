"""/digest preview|now|channel|schedule|off|status, and the poster that sends digests to channels."""

from __future__ import annotations

import functools
import zoneinfo

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.pages import NO_MENTIONS, reply_privately, send_private_pages, to_embeds
from bot.cogs.permissions import require_manage_server
from bot.core.digest import WEEKDAYS, Digest
from bot.render.digest_embeds import digest_marker, render_digest, render_digest_message
from bot.render.digest_text import (
    channel_refused_text,
    history_warning,
    post_result_text,
    settings_text,
    status_text,
)
from bot.render.embed_text import channel_mention
from bot.render.embeds import CHOICES_MAX
from bot.service.digests import Digests, DigestSettingsError, PostError, Trigger

MANAGE_SERVER = discord.Permissions(manage_guild=True)
DAY_CHOICES = [app_commands.Choice(name=day.capitalize(), value=day) for day in WEEKDAYS]
QUIET_CHOICES = [
    app_commands.Choice(name="post a short 'nothing new' note", value="post"),
    app_commands.Choice(name="post nothing", value="skip"),
]


HISTORY_SCANNED = 50
# What the digest needs in its channel (discord.Permissions attribute, the name Discord shows).
NEEDED_PERMISSIONS = (
    ("view_channel", "View Channel"),
    ("send_messages", "Send Messages"),
    ("embed_links", "Embed Links"),
)
HISTORY_PERMISSION = ("read_message_history", "Read Message History")


def _post_error(channel_id: int, error: discord.HTTPException, doing: str) -> PostError:
    where = channel_mention(channel_id)
    if isinstance(error, discord.NotFound):
        return PostError(f"channel {where} was not found (deleted?)", retryable=True)
    if isinstance(error, discord.Forbidden):
        return PostError(f"missing permission to {doing} in {where}", retryable=True)
    retryable = error.status >= 500 or error.status == 429
    # A 5xx may come after Discord stored the message (discord.py already retried 500/502/504).
    return PostError(
        f"Discord answered {error.status}", retryable=retryable, uncertain=error.status >= 500
    )


def _no_answer(error: Exception) -> PostError:
    # The request may have reached Discord: the result of the send is unknown.
    return PostError(
        f"no answer from Discord ({type(error).__name__})", retryable=True, uncertain=True
    )


def lacking(permissions: discord.Permissions, needed: tuple[tuple[str, str], ...]) -> list[str]:
    """The names of the ``needed`` permissions missing from ``permissions``."""
    return [name for attribute, name in needed if not getattr(permissions, attribute)]


class ChannelPoster:
    """Posts a digest as one message in a channel; Discord errors become ``PostError``."""

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def _messageable(self, channel_id: int) -> discord.abc.Messageable:
        channel = self.client.get_channel(channel_id) or await self.client.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            raise PostError(f"channel {channel_id} cannot hold messages", retryable=False)
        return channel

    async def post(self, channel_id: int, digest: Digest, *, period: str, nonce: str) -> int:
        """Send the digest, its footer marking the period, and return the message id.

        discord.py sends a nonce with ``enforce_nonce`` and itself repeats a POST answered 500,
        502 or 504: Discord then returns the message it already created instead of a second.
        """
        try:
            channel = await self._messageable(channel_id)
            embeds = to_embeds(render_digest_message(digest, period=period))
            message = await channel.send(embeds=embeds, allowed_mentions=NO_MENTIONS, nonce=nonce)
        except discord.HTTPException as error:
            raise _post_error(channel_id, error, "post") from None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise _no_answer(error) from None
        return message.id

    async def find_posted(self, channel_id: int, period: str) -> int | None:
        """The newest of the bot's recent messages whose embed footer marks this period."""
        marker = digest_marker(period)
        me = self.client.user
        try:
            channel = await self._messageable(channel_id)
            async for message in channel.history(limit=HISTORY_SCANNED):
                mine = me is not None and message.author.id == me.id
                if mine and any(embed.footer.text == marker for embed in message.embeds):
                    return message.id
        except discord.HTTPException as error:
            raise _post_error(channel_id, error, "read the history") from None
        except (aiohttp.ClientError, TimeoutError) as error:
            raise _no_answer(error) from None
        return None


@functools.cache
def _time_zones() -> tuple[str, ...]:
    # available_timezones() walks the zoneinfo folders: once per process, not per keystroke.
    return tuple(sorted(zoneinfo.available_timezones()))


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class DigestCommands(commands.GroupCog, group_name="digest", group_description="Weekly digest"):
    """The weekly digest: preview, post now, and its per-server schedule (Manage Server only)."""

    def __init__(self, digests: Digests, poster: ChannelPoster, *, page_timeout: float) -> None:
        self.digests = digests
        self.poster = poster
        self.page_timeout = page_timeout
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Refuse, privately, anyone without Manage Server (even if an admin granted the command)."""
        return require_manage_server(interaction)

    @app_commands.command(name="preview", description="See this week's digest privately")
    async def preview(self, interaction: discord.Interaction) -> None:
        """Show the digest as it would be posted now, only to the caller."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        digest = await self.digests.preview(interaction.guild_id)
        await send_private_pages(interaction, render_digest(digest), page_timeout=self.page_timeout)

    @app_commands.command(name="now", description="Post this week's digest to the digest channel")
    async def now(self, interaction: discord.Interaction) -> None:
        """Post the digest now (once per period: a repeat says where it already is)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None  # guild_only
        result = await self.digests.post(interaction.guild_id, self.poster, trigger=Trigger.NOW)
        await reply_privately(interaction, post_result_text(result))

    @app_commands.command(name="channel", description="Choose the channel the digest goes to")
    @app_commands.describe(channel="Where the weekly digest is posted")
    async def channel(self, interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        """Set the digest channel (and turn the digest on) if briefbot can post there."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild is not None
        me = interaction.guild.me
        allowed = channel.permissions_for(me) if me is not None else None
        missing = lacking(allowed, NEEDED_PERMISSIONS) if allowed is not None else []
        if missing:
            await reply_privately(interaction, channel_refused_text(channel.id, missing))
            return
        settings = await self.digests.configure_channel(interaction.guild.id, channel.id)
        lines = [settings_text(settings)]
        if allowed is not None and lacking(allowed, (HISTORY_PERMISSION,)):
            lines.append(history_warning(channel.id))
        await reply_privately(interaction, "\n".join(lines))

    @app_commands.command(name="schedule", description="Set the digest's day, time and time zone")
    @app_commands.describe(
        day="Day of the week",
        time="Local time, HH:MM (24-hour)",
        timezone="IANA time zone, e.g. Europe/Paris",
        quiet_weeks="What to do when nothing new was published",
    )
    @app_commands.choices(day=DAY_CHOICES, quiet_weeks=QUIET_CHOICES)
    async def schedule(
        self,
        interaction: discord.Interaction,
        day: app_commands.Choice[str] | None = None,
        time: app_commands.Range[str, 1, 5] | None = None,
        timezone: app_commands.Range[str, 1, 64] | None = None,
        quiet_weeks: app_commands.Choice[str] | None = None,
    ) -> None:
        """Change the schedule live; a bad time or zone gets one plain sentence."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None
        quiet = None if quiet_weeks is None else quiet_weeks.value == "post"
        try:
            settings = await self.digests.configure_schedule(
                interaction.guild_id,
                weekday=day.value if day else None,
                time_of_day=time,
                timezone=timezone,
                post_when_quiet=quiet,
            )
        except DigestSettingsError as error:
            await reply_privately(interaction, str(error))
            return
        await reply_privately(interaction, settings_text(settings))

    @schedule.autocomplete("timezone")
    async def schedule_zones(
        self, _: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """IANA zones containing what has been typed."""
        typed = current.strip().lower().replace(" ", "_")
        zones = [z for z in _time_zones() if typed in z.lower()]
        return [app_commands.Choice(name=z, value=z) for z in zones[:CHOICES_MAX]]

    @app_commands.command(name="off", description="Stop the scheduled digest")
    async def off(self, interaction: discord.Interaction) -> None:
        """Turn the scheduled digest off (settings are kept)."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None
        settings = await self.digests.turn_off(interaction.guild_id)
        await reply_privately(interaction, settings_text(settings))

    @app_commands.command(name="status", description="Digest settings, next run and last attempts")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show the settings, the next run and the latest attempts with their reasons."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        assert interaction.guild_id is not None
        await reply_privately(
            interaction, status_text(await self.digests.status(interaction.guild_id))
        )
