"""Discord sharding: which shard a server lives on, and which servers one process serves."""

from __future__ import annotations

from dataclasses import dataclass

# Discord's rule: shard_id = (guild_id >> 22) % shard_count (the snowflake's timestamp bits).
_TIMESTAMP_SHIFT = 22


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard that receives a server's events and interactions."""
    return (guild_id >> _TIMESTAMP_SHIFT) % shard_count


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """The shards one process runs out of ``count``; ``None`` ids: a single unsharded process."""

    count: int = 1
    ids: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"The shard count is at least 1, not {self.count}.")
        if self.ids is not None:
            if not self.ids:
                raise ValueError("Give at least one shard id.")
            wrong = [i for i in self.ids if not 0 <= i < self.count]
            if wrong:
                raise ValueError(
                    f"Shard id {wrong[0]} is outside 0–{self.count - 1} for {self.count} shards."
                )
            if len(set(self.ids)) != len(self.ids):
                raise ValueError("Each shard id is given once.")

    @property
    def is_sharded(self) -> bool:
        """Whether this process runs only some of the shards (or names them explicitly)."""
        return self.ids is not None or self.count > 1

    @property
    def shard_ids(self) -> tuple[int, ...]:
        """The shards this process runs."""
        return self.ids if self.ids is not None else tuple(range(self.count))

    def serves(self, guild_id: int) -> bool:
        """Whether this process handles the server's interactions and scheduled digests."""
        return shard_of(guild_id, self.count) in self.shard_ids
