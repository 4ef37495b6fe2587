"""The previous/next pager: live pages in memory, rebuilt from the buttons after a restart."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

import discord

from bot.cogs.followups import retry_rate_limited
from bot.cogs.page_keys import PageKey, PagePosition, decode_position, encode_position
from bot.render.embeds import Page

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
NOT_YOURS = "Only the person who asked can turn these pages; run the command yourself for a copy."
APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again later."
PREVIOUS_ID = "pager:previous"
NEXT_ID = "pager:next"


def expired_text(command: str | None) -> str:
    """The answer to a page turn the bot can no longer serve."""
    again = f"run /{command} again" if command else "run the command again"
    return f"These pages have expired; {again} for a fresh copy."


@dataclass(frozen=True, slots=True)
class PageBuilder:
    """How to build a kind of pages again from its key options (None: it cannot be rebuilt)."""

    command: str
    build: Callable[[discord.Interaction, tuple[str, ...]], Awaitable[Sequence[Page] | None]]


def to_embeds(page: Page) -> list[discord.Embed]:
    """A rendered page as discord.py embeds."""
    return [discord.Embed.from_dict(card.to_dict()) for card in page]


class PagerView(discord.ui.View):
    """Previous/next buttons over pages held in memory; only the invoker may turn them.

    The position button's custom_id carries the page, the owner and the key, so that
    ``RestartedPager`` can take over once this view has timed out or the process restarted.
    """

    def __init__(
        self,
        pages: Sequence[Page],
        *,
        owner_id: int,
        timeout: float,
        key: PageKey | None = None,
        index: int = 0,
    ) -> None:
        super().__init__(timeout=timeout)
        self.pages = [to_embeds(page) for page in pages]
        self.owner_id = owner_id
        self.key = key
        self.index = max(0, min(index, len(self.pages) - 1))
        self.message: discord.WebhookMessage | None = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous_page.disabled = self.index == 0
        self.next_page.disabled = self.index >= len(self.pages) - 1
        self.position.label = f"{self.index + 1}/{len(self.pages)}"
        self.position.custom_id = encode_position(
            self.key, index=self.index, owner_id=self.owner_id
        )

    @property
    def rebuildable(self) -> bool:
        """Whether a page turn after a restart can rebuild these pages."""
        position = decode_position(self.position.custom_id or "")
        return self.key is not None and position is not None and position.args is not None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Let only the invoker turn pages; tell anyone else why, privately."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def show(self, interaction: discord.Interaction, index: int) -> None:
        """Edit the clicked message to show page ``index`` (clamped)."""
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(embeds=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", custom_id=PREVIOUS_ID)
    async def previous_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Show the page before."""
        await self.show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", custom_id="pager:position", disabled=True)
    async def position(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Shows the page number; disabled, so never clicked."""
        await interaction.response.defer()

    @discord.ui.button(label="Next", custom_id=NEXT_ID, style=discord.ButtonStyle.primary)
    async def next_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Show the page after."""
        await self.show(interaction, self.index + 1)

    async def on_timeout(self) -> None:
        """Pages that can be rebuilt keep their buttons; others show they no longer turn."""
        if self.rebuildable:
            return
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=self, allowed_mentions=NO_MENTIONS)

    async def on_error(
        self,
        interaction: discord.Interaction,
        error: Exception,
        item: discord.ui.Item[PagerView],
    ) -> None:
        """Log a failed page turn with its context and apologise privately."""
        await _apologise(interaction, error)


async def _apologise(interaction: discord.Interaction, error: Exception) -> None:
    log.error(
        "page turn failed",
        exc_info=error,
        extra={"user_id": interaction.user.id, "guild_id": interaction.guild_id},
    )
    if interaction.response.is_done():
        await retry_rate_limited(
            interaction,
            lambda: interaction.followup.send(
                APOLOGY, ephemeral=True, allowed_mentions=NO_MENTIONS
            ),
        )
    else:
        await interaction.response.send_message(APOLOGY, ephemeral=True)


def _position_of(message: discord.Message | None) -> PagePosition | None:
    for row in message.components if message else ():
        for child in getattr(row, "children", ()):
            position = decode_position(getattr(child, "custom_id", None) or "")
            if position is not None:
                return position
    return None


def _disabled_copy(message: discord.Message) -> discord.ui.View:
    view = discord.ui.View.from_message(message, timeout=None)
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            item.disabled = True
    return view


class RestartedPager(discord.ui.View):
    """One persistent view for every pager whose live view is gone (timed out or restarted).

    It rebuilds the pages from the key in the position button, or says they expired and
    disables the buttons; a page turn is never left unanswered.
    """

    def __init__(self, builders: Mapping[str, PageBuilder], *, page_timeout: float) -> None:
        super().__init__(timeout=None)
        self.builders = builders
        self.page_timeout = page_timeout

    async def _turn(self, interaction: discord.Interaction, step: int) -> None:
        position = _position_of(interaction.message)
        if position is not None and interaction.user.id != position.owner_id:
            await interaction.response.send_message(NOT_YOURS, ephemeral=True)
            return
        # Rebuilding can take longer than the 3 s Discord allows for the first answer.
        await interaction.response.defer()
        builder = self.builders.get(position.kind) if position else None
        pages = None
        if builder is not None and position is not None and position.args is not None:
            pages = await builder.build(interaction, position.args)
        if not pages or position is None:
            await self._expired(interaction, builder.command if builder else None)
            return
        view = PagerView(
            pages,
            owner_id=position.owner_id,
            timeout=self.page_timeout,
            key=PageKey(position.kind, position.args or ()),
            index=position.index + step,
        )
        await retry_rate_limited(
            interaction,
            lambda: interaction.edit_original_response(
                embeds=view.pages[view.index], view=view, allowed_mentions=NO_MENTIONS
            ),
        )

    async def _expired(self, interaction: discord.Interaction, command: str | None) -> None:
        message = interaction.message
        if message is not None:
            disabled = _disabled_copy(message)
            await retry_rate_limited(
                interaction, lambda: interaction.edit_original_response(view=disabled)
            )
        await retry_rate_limited(
            interaction,
            lambda: interaction.followup.send(
                expired_text(command), ephemeral=True, allowed_mentions=NO_MENTIONS
            ),
        )

    @discord.ui.button(label="Previous", custom_id=PREVIOUS_ID)
    async def previous_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[RestartedPager]
    ) -> None:
        """Rebuild the pages and show the one before."""
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", custom_id=NEXT_ID, style=discord.ButtonStyle.primary)
    async def next_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[RestartedPager]
    ) -> None:
        """Rebuild the pages and show the one after."""
        await self._turn(interaction, +1)

    async def on_error(
        self,
        interaction: discord.Interaction,
        error: Exception,
        item: discord.ui.Item[RestartedPager],
    ) -> None:
        """Log a failed rebuild and apologise privately."""
        await _apologise(interaction, error)
