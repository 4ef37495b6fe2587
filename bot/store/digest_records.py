"""The store's digests: per-server settings, once-only post claims and the attempts made."""

from __future__ import annotations

from datetime import datetime

from bot.core.digest_records import DigestAttempt, DigestSettings
from bot.store import digests
from bot.store.connections import StoreConnections


class DigestRecords(StoreConnections):
    """Digest methods of ``ArticleStore``."""

    async def digest_settings(self, guild_id: int) -> DigestSettings | None:
        """A guild's stored digest settings, or ``None``."""
        return await digests.get_settings(self._reader, guild_id)

    async def all_digest_settings(self) -> list[DigestSettings]:
        """Every guild's digest settings."""
        return await digests.all_settings(self._reader)

    async def save_digest_settings(self, settings: DigestSettings, *, updated_at: datetime) -> None:
        """Insert or replace a guild's digest settings."""
        async with self._write_lock:
            await digests.save_settings(self._writer, settings, updated_at=updated_at)

    async def claim_digest_post(
        self,
        key: tuple[int, int, str],
        *,
        token: str,
        claimed_at: datetime,
        stale_before_at: datetime,
        period_start_at: datetime,
        period_end_at: datetime,
        reclaim_skipped: bool = False,
    ) -> digests.Claim:
        """Claim (guild, channel, period) before posting; see ``bot.store.digests``."""
        async with self._write_lock:
            return await digests.claim_post(
                self._writer,
                key,
                token=token,
                claimed_at=claimed_at,
                stale_before_at=stale_before_at,
                period_start_at=period_start_at,
                period_end_at=period_end_at,
                reclaim_skipped=reclaim_skipped,
            )

    async def mark_digest_skipped(
        self, key: tuple[int, int, str], *, token: str, skipped_at: datetime
    ) -> bool:
        """Mark a claimed period as a skipped quiet week; ``False`` when the claim was lost."""
        async with self._write_lock:
            return await digests.mark_skipped(self._writer, key, token=token, skipped_at=skipped_at)

    async def digest_post_state(self, key: tuple[int, int, str]) -> str | None:
        """Whether (guild, channel, period) is claimed, posted or skipped (``None``: neither)."""
        return await digests.post_state(self._reader, key)

    async def mark_digest_posted(
        self,
        key: tuple[int, int, str],
        *,
        token: str,
        message_id: int,
        posted_at: datetime,
        snapshot: str,
    ) -> bool:
        """Mark a claimed digest posted; ``False`` when the claim was lost."""
        async with self._write_lock:
            return await digests.mark_posted(
                self._writer,
                key,
                token=token,
                message_id=message_id,
                posted_at=posted_at,
                snapshot=snapshot,
            )

    async def release_digest_claim(self, key: tuple[int, int, str], *, token: str) -> None:
        """Drop an unposted claim so the period can be claimed again."""
        async with self._write_lock:
            await digests.release_claim(self._writer, key, token=token)

    async def find_digest_post(self, key: tuple[int, int, str]) -> digests.PostedDigest | None:
        """The digest posted for (guild, channel, period), or ``None``."""
        return await digests.find_post(self._reader, key)

    async def last_digest_post(
        self, guild_id: int, channel_id: int, *, before_period: str
    ) -> digests.PostedDigest | None:
        """The latest digest posted to a channel for another period."""
        return await digests.last_posted(
            self._reader, guild_id, channel_id, before_period=before_period
        )

    async def record_digest_attempt(self, attempt: DigestAttempt) -> None:
        """Log one digest attempt."""
        async with self._write_lock:
            await digests.record_attempt(self._writer, attempt)

    async def digest_attempts(self, guild_id: int, *, limit: int = 5) -> list[DigestAttempt]:
        """A guild's latest digest attempts, newest first."""
        return await digests.recent_attempts(self._reader, guild_id, limit=limit)
