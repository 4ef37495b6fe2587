"""Sending rendered pages and notices to Discord: private replies, public posts with a pager."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import discord

from bot.cogs.followups import retry_rate_limited
from bot.cogs.page_keys import PageKey
from bot.cogs.pager import APOLOGY, NO_MENTIONS, NOT_YOURS, PagerView, to_embeds
from bot.render.embed_library import notice
from bot.render.embeds import Page

__all__ = [
    "APOLOGY",
    "BLANK_TOPIC",
    "NOT_YOURS",
    "NO_MENTIONS",
    "publish_pages",
    "reply_privately",
    "send_followup",
    "send_private_pages",
    "to_embeds",
]

BLANK_TOPIC = "The topic is blank; type a word or phrase, e.g. /{command} topic:chips."


async def send_followup(interaction: discord.Interaction, content: str) -> None:
    """Send content already made safe as an ephemeral follow-up, retried past 429 bursts."""
    await retry_rate_limited(
        interaction,
        lambda: interaction.followup.send(content, ephemeral=True, allowed_mentions=NO_MENTIONS),
    )


async def reply_privately(interaction: discord.Interaction, text: str) -> None:
    """An ephemeral answer, whether or not the interaction was already acknowledged.

    The text is escaped by ``notice`` (its line breaks and "- " items kept).
    """
    content = notice(text) if text not in (APOLOGY, NOT_YOURS) else text
    if interaction.response.is_done():
        await send_followup(interaction, content)
    else:
        await interaction.response.send_message(
            content, ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def send_private_pages(
    interaction: discord.Interaction,
    pages: Sequence[Page],
    *,
    page_timeout: float,
) -> None:
    """Fill an ephemeral deferred answer with pages (and a pager when there are several)."""
    view = PagerView(pages, owner_id=interaction.user.id, timeout=page_timeout)
    message = await retry_rate_limited(
        interaction,
        lambda: interaction.followup.send(
            embeds=view.pages[0],
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
            wait=True,
            view=view if len(pages) > 1 else discord.utils.MISSING,
        ),
    )
    view.message = message


async def publish_pages(
    interaction: discord.Interaction,
    pages: Sequence[Page],
    *,
    note: str,
    page_timeout: float,
    files: Sequence[discord.File] = (),
    key: PageKey | None = None,
) -> None:
    """Post pages publicly after an ephemeral defer, then remove the private "thinking…" note.

    Deferring privately keeps bad-input answers ephemeral; the result itself is a public follow-up.
    """
    await retry_rate_limited(
        interaction,
        lambda: interaction.edit_original_response(content=note, allowed_mentions=NO_MENTIONS),
    )
    view = PagerView(pages, owner_id=interaction.user.id, timeout=page_timeout, key=key)

    async def post() -> discord.WebhookMessage:
        for file in files:
            # A retry after a 429 sends the files again from their start.
            file.reset(seek=True)
        return await interaction.followup.send(
            embeds=view.pages[0],
            allowed_mentions=NO_MENTIONS,
            wait=True,
            view=view if len(pages) > 1 else discord.utils.MISSING,
            files=list(files) or discord.utils.MISSING,
        )

    view.message = await retry_rate_limited(interaction, post)
    with contextlib.suppress(discord.HTTPException):
        await interaction.delete_original_response()
