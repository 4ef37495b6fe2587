"""Building INTERACTION_CREATE payloads for registered commands and awaiting the bot's answers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import Any

from tests.discord_double.hub import DoubleHub, InteractionRecord
from tests.discord_double.state import (
    ADMINISTRATOR,
    FakeChannel,
    FakeGuild,
    FakeUser,
    JsonObject,
    RecordedMessage,
)
from tests.discord_double.world import World

APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
APPLICATION_COMMAND_AUTOCOMPLETE = 4
_SUB_COMMAND = 1
_SUB_COMMAND_GROUP = 2
_STRING, _INTEGER, _BOOLEAN, _USER, _CHANNEL, _ROLE, _NUMBER = 3, 4, 5, 6, 7, 8, 10
_MESSAGE_RESPONSES = {4, 5, 6, 7}


class CommandUnavailableError(LookupError):
    """The user could not have invoked this: unknown command, or hidden by its permissions."""


def _option_value(
    option: JsonObject, value: object, guild: FakeGuild, resolved: dict[str, JsonObject]
) -> object:
    option_type = option.get("type")
    if option_type == _CHANNEL:
        channel_id = value.id if isinstance(value, FakeChannel) else int(str(value))
        channel = guild.channel(channel_id)
        if channel is None:
            raise CommandUnavailableError(f"channel {channel_id} is not in guild {guild.name}")
        entry = {**channel.payload(), "permissions": str(1 << 10)}
        resolved.setdefault("channels", {})[str(channel_id)] = entry
        return str(channel_id)
    if option_type == _USER:
        user_id = value.id if isinstance(value, FakeUser) else int(str(value))
        member = guild.member(user_id)
        if member is None:
            raise CommandUnavailableError(f"user {user_id} is not in guild {guild.name}")
        resolved.setdefault("users", {})[str(user_id)] = member.user.payload()
        member_entry = member.payload()
        del member_entry["user"]
        resolved.setdefault("members", {})[str(user_id)] = member_entry
        return str(user_id)
    if option_type == _ROLE:
        role = next((r for r in guild.roles if r.id == int(str(value))), None)
        if role is None:
            raise CommandUnavailableError(f"role {value} is not in guild {guild.name}")
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)
    if option_type == _INTEGER and not isinstance(value, int):
        raise TypeError(f"option {option['name']!r} takes an integer, got {value!r}")
    if option_type == _NUMBER and not isinstance(value, int | float):
        raise TypeError(f"option {option['name']!r} takes a number, got {value!r}")
    if option_type == _BOOLEAN and not isinstance(value, bool):
        raise TypeError(f"option {option['name']!r} takes a boolean, got {value!r}")
    if option_type == _STRING and not isinstance(value, str):
        raise TypeError(f"option {option['name']!r} takes a string, got {value!r}")
    choices = option.get("choices")
    if choices and value not in [choice["value"] for choice in choices]:
        raise ValueError(f"{value!r} is not one of the choices of {option['name']!r}")
    return value


def _leaf_options(
    definitions: list[JsonObject],
    values: Mapping[str, object],
    guild: FakeGuild,
    resolved: dict[str, JsonObject],
    focused: str | None,
) -> list[JsonObject]:
    by_name = {option["name"]: option for option in definitions}
    unknown = set(values) - set(by_name)
    if unknown:
        raise CommandUnavailableError(
            f"unknown options {sorted(unknown)}; known: {sorted(by_name)}"
        )
    built: list[JsonObject] = []
    for name, value in values.items():
        option = by_name[name]
        if name == focused:
            built.append({"name": name, "type": option["type"], "value": value, "focused": True})
            continue
        converted = _option_value(option, value, guild, resolved)
        built.append({"name": name, "type": option["type"], "value": converted})
    missing = [
        option["name"]
        for option in definitions
        if option.get("required") and option["name"] not in values
    ]
    if missing and focused is None:
        raise ValueError(f"required options missing: {missing}")
    return built


def build_command_data(
    command: JsonObject,
    path: list[str],
    values: Mapping[str, object],
    guild: FakeGuild,
    *,
    focused: str | None = None,
) -> JsonObject:
    """The ``data`` of an APPLICATION_COMMAND(_AUTOCOMPLETE) interaction for ``/name sub …``."""
    resolved: dict[str, JsonObject] = {}
    definitions: list[JsonObject] = list(command.get("options") or [])
    chain: list[JsonObject] = []
    for part in path:
        sub = next(
            (
                option
                for option in definitions
                if option["name"] == part and option["type"] in (_SUB_COMMAND, _SUB_COMMAND_GROUP)
            ),
            None,
        )
        if sub is None:
            raise CommandUnavailableError(f"/{command['name']} has no subcommand {part!r}")
        chain.append(sub)
        definitions = list(sub.get("options") or [])
    if any(option["type"] in (_SUB_COMMAND, _SUB_COMMAND_GROUP) for option in definitions):
        raise CommandUnavailableError(f"/{command['name']} {' '.join(path)} needs a subcommand")
    options = _leaf_options(definitions, values, guild, resolved, focused)
    for sub in reversed(chain):
        options = [{"name": sub["name"], "type": sub["type"], "options": options}]
    data: JsonObject = {
        "id": command["id"],
        "name": command["name"],
        "type": command.get("type", 1),
        "options": options,
    }
    if resolved:
        data["resolved"] = resolved
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    return data


def may_use(command: JsonObject, guild: FakeGuild, channel: FakeChannel, user: FakeUser) -> bool:
    """Whether Discord would show the command to the user (``default_member_permissions``)."""
    required = command.get("default_member_permissions")
    if required is None:
        return True
    permissions = guild.permissions_in(channel, user.id)
    needed = int(required)
    return needed != 0 and (permissions & needed == needed or bool(permissions & ADMINISTRATOR))


def build_interaction(
    world: World,
    *,
    interaction_id: int,
    token: str,
    interaction_type: int,
    data: JsonObject,
    guild: FakeGuild,
    channel: FakeChannel,
    user: FakeUser,
    message: RecordedMessage | None = None,
) -> JsonObject:
    """A complete INTERACTION_CREATE payload from a guild member in a guild channel."""
    member = guild.member(user.id)
    if member is None:
        raise CommandUnavailableError(f"{user.username} is not a member of {guild.name}")
    payload: JsonObject = {
        "id": str(interaction_id),
        "application_id": str(world.application_id),
        "type": interaction_type,
        "data": data,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
        "channel_id": str(channel.id),
        "channel": channel.payload(),
        "member": member.payload(permissions=guild.permissions_in(channel, user.id)),
        "token": token,
        "version": 1,
        "app_permissions": str(guild.permissions_in(channel, world.bot_user.id)),
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if message is not None:
        payload["message"] = message.payload()
    return payload


class InteractionHandle:
    """What a test holds after dispatching an interaction: await the bot's answers on it."""

    def __init__(self, hub: DoubleHub, record: InteractionRecord) -> None:
        self._hub = hub
        self.record = record

    @property
    def id(self) -> int:
        """The interaction id."""
        return self.record.id

    @property
    def response_type(self) -> int | None:
        """The callback type the bot answered with (4, 5, 6, 7, 8 or 9), if it answered."""
        return self.record.response_type

    @property
    def original(self) -> RecordedMessage | None:
        """The original response message (for button updates: the clicked message)."""
        return self._hub.message(self.record.original_message_id or 0)

    @property
    def messages(self) -> list[RecordedMessage]:
        """The original response and every follow-up still visible, in order."""
        ids = [self.record.original_message_id, *self.record.followup_ids]
        found = [self._hub.message(message_id or 0) for message_id in ids]
        return [message for message in found if message is not None and not message.deleted]

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate()`` holds (at most ``wait_limit`` s), re-checking on answers."""
        condition = self.record.changed
        async with asyncio.timeout(self._hub.wait_limit), condition:
            await condition.wait_for(predicate)

    async def acknowledged(self) -> int:
        """Wait for the initial response and return its callback type."""
        await self.wait_until(lambda: self.record.response_type is not None)
        assert self.record.response_type is not None
        return self.record.response_type

    async def choices(self) -> list[JsonObject]:
        """Wait for an autocomplete answer and return its choices."""
        await self.wait_until(lambda: self.record.autocomplete_choices is not None)
        return list(self.record.autocomplete_choices or [])

    def _has_settled_message(self) -> bool:
        if self.record.response_type not in _MESSAGE_RESPONSES:
            return False
        original = self.original
        if original is not None and original.loading:
            return False
        if self.record.response_type == 6:
            return (original is not None and original.edit_count > 0) or bool(
                self.record.followup_ids
            )
        return bool(self.messages)

    async def final_message(self, settle: float = 0.05) -> RecordedMessage:
        """The last visible message of this interaction once answered and quiet for ``settle`` s."""
        await self.wait_until(self._has_settled_message)
        async with asyncio.timeout(self._hub.wait_limit):
            while True:
                before = self._snapshot()
                await asyncio.sleep(settle)
                if self._snapshot() == before:
                    break
        return self.messages[-1]

    def _snapshot(self) -> tuple[Any, ...]:
        return tuple(
            (m.id, m.edit_count, m.flags, m.deleted, len(m.attachments)) for m in self.messages
        )
