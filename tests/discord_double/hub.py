"""Shared mutable state of one double: violations, faults, commands, interactions, request log."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field

from tests.discord_double.holds import Hold
from tests.discord_double.spec import SpecValidator
from tests.discord_double.state import FakeUser, JsonObject, RecordedMessage
from tests.discord_double.world import World

PRIVILEGED_INTENTS = {
    1 << 1: "GUILD_MEMBERS",
    1 << 8: "GUILD_PRESENCES",
    1 << 15: "MESSAGE_CONTENT",
}


@dataclass(frozen=True, slots=True)
class Violation:
    """Something the bot sent that real Discord would reject or that breaks a documented rule."""

    route: str
    kind: str
    message: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.route}: {self.message}"


@dataclass(slots=True)
class Fault:
    """A scripted failure answered instead of the real route (rate limit or server error)."""

    pattern: re.Pattern[str]
    status: int
    remaining: int
    retry_after: float = 0.0
    is_global: bool = False

    def matches(self, request_line: str) -> bool:
        """Whether this fault still applies to ``"METHOD /path"``."""
        return self.remaining > 0 and self.pattern.search(request_line) is not None


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One REST request the bot made, as the double understood it."""

    method: str
    path: str
    query: dict[str, str]
    body: object
    file_names: tuple[str, ...]
    status: int


@dataclass(slots=True)
class InteractionRecord:
    """One interaction dispatched to the bot and everything it answered."""

    id: int
    token: str
    type: int
    user: FakeUser
    guild_id: int | None
    channel_id: int
    payload: JsonObject
    deadline_at: float
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    response_type: int | None = None
    original_message_id: int | None = None
    source_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    autocomplete_choices: list[JsonObject] | None = None
    modal: JsonObject | None = None
    callback_bodies: list[JsonObject] = field(default_factory=list)

    async def notify(self) -> None:
        """Wake every coroutine waiting on this interaction."""
        async with self.changed:
            self.changed.notify_all()


@dataclass(slots=True)
class DoubleHub:
    """What the gateway, the REST routes and the test-facing facade share."""

    world: World
    spec: SpecValidator | None
    response_deadline: float
    wait_limit: float = 5.0
    violations: list[Violation] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    global_commands: list[JsonObject] = field(default_factory=list)
    guild_commands: dict[int, list[JsonObject]] = field(default_factory=dict)
    interactions: dict[str, InteractionRecord] = field(default_factory=dict)
    identify_payloads: list[JsonObject] = field(default_factory=list)
    activity: asyncio.Condition = field(default_factory=asyncio.Condition)
    # Faults answered after the route ran, and recent enforced nonces: see ``delivery.py``.
    delivered_faults: list[Fault] = field(default_factory=list)
    nonces: dict[tuple[int, int, str], tuple[int, float]] = field(default_factory=dict)
    # Requests kept waiting until the test releases them: see ``holds.py``.
    holds: list[Hold] = field(default_factory=list)

    def record(self, route: str, kind: str, message: str) -> None:
        """Remember a violation; the fixture fails the test at teardown if any were recorded."""
        self.violations.append(Violation(route, kind, message))

    def take_fault(self, request_line: str) -> Fault | None:
        """Consume one use of the first scripted fault matching ``"METHOD /path"``."""
        for fault in self.faults:
            if fault.matches(request_line):
                fault.remaining -= 1
                return fault
        return None

    def message(self, message_id: int) -> RecordedMessage | None:
        """Return a recorded message by id."""
        return self.world.messages.get(message_id)

    def interaction_by_token(self, token: str) -> InteractionRecord | None:
        """Return the interaction a webhook token belongs to."""
        return self.interactions.get(token)

    async def notify_activity(self) -> None:
        """Wake coroutines waiting for any change (commands synced, messages sent)."""
        async with self.activity:
            self.activity.notify_all()

    def commands_for(self, guild_id: int | None) -> list[JsonObject]:
        """Commands a user in the guild can see: the guild's own first, then the global ones."""
        scoped = self.guild_commands.get(guild_id, []) if guild_id is not None else []
        return [*scoped, *self.global_commands]


def privileged_names(intents: int) -> list[str]:
    """Names of the privileged intents set in an IDENTIFY intents value."""
    return [name for bit, name in PRIVILEGED_INTENTS.items() if intents & bit]
