"""The Discord bot: BriefBot (cogs, command sync, error handling) and run_bot (start and stop)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Iterator

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.briefs import BriefCommands
from bot.cogs.digest import ChannelPoster, DigestCommands
from bot.cogs.feeds import FeedCommands, schedule_feed_polling
from bot.cogs.library import LibraryCommands
from bot.cogs.pager import RestartedPager
from bot.cogs.pages import APOLOGY, reply_privately
from bot.cogs.timeline import TimelineCommands
from bot.core.article_gate import ArticleGate
from bot.core.credentials import MALFORMED_TOKEN, is_bot_token_shaped
from bot.render.chart_fonts import FONT_ADVICE, prepare_chart_fonts
from bot.scheduler import DigestScheduler
from bot.service import Briefings, Lexicons
from bot.service.digests import DigestDefaults, Digests
from bot.service.feeds import FeedPolicy, Feeds
from bot.settings import Settings
from bot.store import ArticleStore

log = logging.getLogger(__name__)

PAGE_TIMEOUT_SECONDS = 600.0
_SHUTDOWN_SIGNALS = (signal.SIGTERM, signal.SIGINT)


# briefbot never joins a voice channel: discord.py's warning at start-up that the voice libraries
# are missing would only alarm whoever reads the log.
discord.voice_client.VoiceClient.warn_nacl = False
discord.voice_client.VoiceClient.warn_dave = False


class MissingTokenError(RuntimeError):
    """The bot cannot start without a BRIEFBOT_DISCORD_TOKEN shaped like a bot token."""


def bot_intents() -> discord.Intents:
    """Only the guilds intent: slash commands need nothing privileged."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


def _command_name(interaction: discord.Interaction) -> str:
    command = interaction.command
    return command.qualified_name if command is not None else "unknown"


class BriefTree(app_commands.CommandTree["BriefBot"]):
    """The command tree with one error handler for every slash command."""

    async def on_error(
        self, interaction: discord.Interaction[BriefBot], error: app_commands.AppCommandError
    ) -> None:
        """Refuse failed checks plainly; log anything else with context and apologise privately."""
        if isinstance(error, app_commands.CheckFailure):
            text = str(error) or "You cannot use this command here."
            await _answer_quietly(interaction, text)
            return
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        log.error(
            "/%s failed in guild %s for user %s",
            _command_name(interaction),
            interaction.guild_id,
            interaction.user.id,
            exc_info=cause,
            extra={
                "command": _command_name(interaction),
                "guild_id": interaction.guild_id,
                "channel_id": interaction.channel_id,
                "user_id": interaction.user.id,
            },
        )
        await _answer_quietly(interaction, APOLOGY)


async def _answer_quietly(interaction: discord.Interaction[BriefBot], text: str) -> None:
    if interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        await reply_privately(interaction, text)
    except (discord.HTTPException, RuntimeError):
        # The apology is best effort: the interaction may have expired or the bot be closing.
        log.warning("could not tell the user about a failed /%s", _command_name(interaction))


class BriefBot(commands.AutoShardedBot):
    """briefbot on Discord: slash commands over the shared service, no privileged intents.

    One process runs the shards ``BRIEFBOT_SHARD_IDS`` of ``BRIEFBOT_SHARD_COUNT`` (default: the
    only shard); it answers its own servers' interactions and posts only their digests.
    """

    def __init__(
        self,
        service: Briefings,
        settings: Settings,
        *,
        page_timeout: float = PAGE_TIMEOUT_SECONDS,
        sync_on_start: bool = True,
        start_scheduler: bool = True,
        guild_ready_timeout: float = 2.0,
        feeds: Feeds | None = None,
    ) -> None:
        self.shard_plan = settings.shard_plan
        super().__init__(
            shard_count=self.shard_plan.count,
            shard_ids=list(self.shard_plan.shard_ids),
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=bot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=BriefTree,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.service = service
        self.settings = settings
        self.page_timeout = page_timeout
        self.sync_on_start = sync_on_start
        self.start_scheduler = start_scheduler
        defaults = DigestDefaults.from_settings(settings)
        self.digests = Digests(
            service.store, defaults, clock=service.clock, stories=service.stories
        )
        self.digest_poster = ChannelPoster(self)
        self.digest_scheduler = DigestScheduler(
            self.digests, self.digest_poster, clock=service.clock, serves=self.shard_plan.serves
        )
        self.feeds = feeds or Feeds(service, policy=FeedPolicy.from_settings(settings))
        self.feed_commands = FeedCommands(self.feeds, page_timeout=page_timeout)

    async def setup_hook(self) -> None:
        """Load the cogs and the restarted-pager view, then sync the commands when asked to at start."""
        briefs = BriefCommands(self.service, page_timeout=self.page_timeout)
        timelines = TimelineCommands(self.service, page_timeout=self.page_timeout)
        await self.add_cog(briefs)
        await self.add_cog(timelines)
        # Page turns on messages sent before a restart (or after their view timed out).
        builders = {**briefs.page_builders(), **timelines.page_builders()}
        self.add_view(RestartedPager(builders, page_timeout=self.page_timeout))
        await self.add_cog(LibraryCommands(self.service, page_timeout=self.page_timeout))
        digest_cog = DigestCommands(
            self.digests, self.digest_poster, page_timeout=self.page_timeout
        )
        await self.add_cog(digest_cog)
        await self.add_cog(self.feed_commands)
        if self.sync_on_start:
            await self.sync_commands()
        if self.start_scheduler:
            await self.digest_scheduler.start()
            schedule_feed_polling(self.digest_scheduler.scheduler, self.feeds)

    async def close(self) -> None:
        """Close the Discord connection, then stop the digest scheduler (the store closes last)."""
        await super().close()
        await self.digest_scheduler.stop()

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Register the commands: to the development guild when set (instant), else globally."""
        guild_id = self.settings.dev_guild_id
        if guild_id is None:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))
            return synced
        guild = discord.Object(guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("synced %d commands to guild %s", len(synced), guild_id)
        return synced


def require_token(settings: Settings) -> str:
    """The bot token, or MissingTokenError with one plain sentence."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise MissingTokenError(
            "BRIEFBOT_DISCORD_TOKEN is not set; copy the bot token from the Discord developer "
            "portal into it (or into .env) to run the bot."
        )
    if not is_bot_token_shaped(token):
        raise MissingTokenError(MALFORMED_TOKEN)  # before a login that could only fail
    return token


@contextlib.contextmanager
def _stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    loop = asyncio.get_running_loop()
    installed = []
    for sig in _SHUTDOWN_SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def _prepare_chart_fonts(settings: Settings) -> None:
    """Add BRIEFBOT_CHART_FONT to the chart's fonts and say which face will draw Chinese."""
    if family := prepare_chart_fonts(settings.chart_font):
        log.info("timeline charts draw Chinese with %s", family)
    else:
        log.warning(
            "no installed font draws Chinese: timeline charts of Chinese articles will show empty "
            "boxes (%s)",
            FONT_ADVICE,
        )


async def run_bot(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
) -> None:
    """Open the store, load seeds, run the bot until SIGTERM/SIGINT (or ``stop``), then close.

    Shutdown order: the Discord connection, then (when it exists) the scheduler, then the store.
    """
    token = require_token(settings)
    stop = stop or asyncio.Event()
    lexicons = Lexicons.from_file(settings.topics_file)
    _prepare_chart_fonts(settings)
    store = await ArticleStore.open(settings.store_location)
    try:
        gate = ArticleGate(max_text_bytes=settings.max_article_kb * 1024)
        service = Briefings(store, seeds_dir=settings.seeds_path, lexicons=lexicons, gate=gate)
        if settings.seed:
            report = await service.ensure_seeded()
            if report is not None and report.added:
                log.info("loaded %d seed articles", len(report.added))
        bot = BriefBot(service, settings)
        with _stop_on_signals(stop):
            await _serve(bot, token, stop)
    finally:
        await store.close()
        log.info("store closed")


async def _serve(bot: BriefBot, token: str, stop: asyncio.Event) -> None:
    async with bot:
        runner = asyncio.create_task(bot.start(token), name="briefbot-discord")
        stopping = asyncio.create_task(stop.wait(), name="briefbot-stop")
        try:
            await asyncio.wait({runner, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            log.info("closing the Discord connection")
            await bot.close()
            with contextlib.suppress(asyncio.CancelledError):
                await runner
        # bot.close() stopped the digest scheduler after Discord; run_bot closes the store next.
