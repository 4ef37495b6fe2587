"""Sending rendered pages to Discord: embed conversion, the previous/next pager and replies."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

import discord

from bot.render.embed_library import notice
from bot.render.embeds import Page

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
NOT_YOURS = "Only the person who asked can turn these pages; run the command yourself for a copy."
APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again later."


def to_embeds(page: Page) -> list[discord.Embed]:
    """A rendered page as discord.py embeds."""
    return [discord.Embed.from_dict(card.to_dict()) for card in page]


class PagerView(discord.ui.View):
    """Previous/next buttons over pages; only the invoker may turn them, and they expire."""

    def __init__(self, pages: Sequence[Page], *, owner_id: int, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.pages = [to_embeds(page) for page in pages]
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.WebhookMessage | None = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.previous_page.disabled = self.index == 0
        self.next_page.disabled = self.index >= len(self.pages) - 1
        self.position.label = f"{self.index + 1}/{len(self.pages)}"

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Let only the invoker turn pages; tell anyone else why, privately."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._update_buttons()
        await interaction.response.edit_message(embeds=self.pages[self.index], view=self)

    @discord.ui.button(label="Previous", custom_id="pager:previous")
    async def previous_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Show the page before."""
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="1/1", custom_id="pager:position", disabled=True)
    async def position(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Shows the page number; disabled, so never clicked."""
        await interaction.response.defer()

    @discord.ui.button(label="Next", custom_id="pager:next", style=discord.ButtonStyle.primary)
    async def next_page(
        self, interaction: discord.Interaction, _: discord.ui.Button[PagerView]
    ) -> None:
        """Show the page after."""
        await self._show(interaction, self.index + 1)

    async def on_timeout(self) -> None:
        """Disable the buttons so the message shows it no longer turns."""
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
        log.error(
            "page turn failed",
            exc_info=error,
            extra={"user_id": interaction.user.id, "guild_id": interaction.guild_id},
        )
        await reply_privately(interaction, APOLOGY)


async def reply_privately(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral answer, whether or not the interaction was already acknowledged."""
    content = notice(text) if text not in (APOLOGY, NOT_YOURS) else text
    if interaction.response.is_done():
        await interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(
            content, ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def send_private_pages(
    interaction: discord.Interaction, pages: Sequence[Page], *, page_timeout: float
) -> None:
    """Fill an ephemeral deferred answer with pages (and a pager when there are several)."""
    view = PagerView(pages, owner_id=interaction.user.id, timeout=page_timeout)
    message = await interaction.followup.send(
        embeds=view.pages[0],
        ephemeral=True,
        allowed_mentions=NO_MENTIONS,
        wait=True,
        view=view if len(pages) > 1 else discord.utils.MISSING,
    )
    view.message = message


async def publish_pages(
    interaction: discord.Interaction,
    pages: Sequence[Page],
    *,
    note: str,
    page_timeout: float,
    files: Sequence[discord.File] = (),
) -> None:
    """Post pages publicly after an ephemeral defer, then remove the private "thinking…" note.

    Deferring privately keeps bad-input answers ephemeral; the result itself is a public follow-up.
    """
    await interaction.edit_original_response(content=note, allowed_mentions=NO_MENTIONS)
    view = PagerView(pages, owner_id=interaction.user.id, timeout=page_timeout)
    message = await interaction.followup.send(
        embeds=view.pages[0],
        allowed_mentions=NO_MENTIONS,
        wait=True,
        view=view if len(pages) > 1 else discord.utils.MISSING,
        files=list(files) or discord.utils.MISSING,
    )
    view.message = message
    with contextlib.suppress(discord.HTTPException):
        await interaction.delete_original_response()
