"""The Discord double a test talks to: an aiohttp server on 127.0.0.1 plus test-facing helpers."""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType

from aiohttp import web

from tests.discord_double.gateway import Gateway
from tests.discord_double.holds import Hold
from tests.discord_double.hub import DoubleHub, Fault, InteractionRecord, RecordedRequest, Violation
from tests.discord_double.interactions import (
    APPLICATION_COMMAND,
    APPLICATION_COMMAND_AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    CommandUnavailableError,
    InteractionHandle,
    build_command_data,
    build_interaction,
    may_use,
)
from tests.discord_double.rest import BotRoutes, build_middleware
from tests.discord_double.spec import default_spec_path, load_spec_validator
from tests.discord_double.state import (
    FakeChannel,
    FakeGuild,
    FakeUser,
    JsonObject,
    RecordedMessage,
)
from tests.discord_double.webhooks import InteractionRoutes
from tests.discord_double.world import build_standard_world

# Shaped like a real bot token (id, time stamp, HMAC), since the bot checks the shape first.
DEFAULT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GdBlTo.double-bot-token-for-tests-only"


class DiscordDouble:
    """A protocol-level stand-in for Discord's gateway and REST API, for the real discord.py."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        response_deadline: float = 3.0,
        spec_path: Path | None = None,
        heartbeat_interval_ms: int = 41_250,
    ) -> None:
        world, cast = build_standard_world(token)
        path = (spec_path or default_spec_path()).resolve()
        spec = load_spec_validator(path) if path.exists() else None
        self.hub = DoubleHub(world=world, spec=spec, response_deadline=response_deadline)
        self.gateway = Gateway(self.hub, heartbeat_interval_ms=heartbeat_interval_ms)
        self.guild: FakeGuild = cast.guild
        self.channel: FakeChannel = cast.channel
        self.forbidden_channel: FakeChannel = cast.forbidden_channel
        self.admin: FakeUser = cast.admin
        self.member: FakeUser = cast.member
        self.owner: FakeUser = cast.owner
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def token(self) -> str:
        """The only bot token the double accepts."""
        return self.hub.world.token

    @property
    def application_id(self) -> int:
        """The bot's application id (equal to its user id, as on Discord)."""
        return self.hub.world.application_id

    @property
    def bot_user(self) -> FakeUser:
        """The bot's own user."""
        return self.hub.world.bot_user

    @property
    def spec_checked(self) -> bool:
        """Whether bodies are checked against the OpenAPI spec (False when ../shared is absent)."""
        return self.hub.spec is not None

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be set to."""
        return f"{self.url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` must point at."""
        return self.url.replace("http://", "ws://", 1) + "/gateway"

    @property
    def violations(self) -> list[Violation]:
        """Every rule the bot broke so far; the fixture fails the test if this is not empty."""
        return self.hub.violations

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST request the bot made, in order."""
        return self.hub.requests

    async def start(self) -> None:
        """Listen on a random port of 127.0.0.1."""
        app = web.Application(middlewares=[build_middleware(self.hub)])
        app.add_routes([web.get("/gateway", self.gateway.handle)])
        app.add_routes(BotRoutes(self.hub, lambda: self.gateway_url).routes())
        app.add_routes(InteractionRoutes(self.hub).routes())
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        self.gateway.url = self.gateway_url

    async def stop(self) -> None:
        """Close open websockets and stop listening."""
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordDouble:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def response_deadline(self) -> float:
        """Seconds the bot has to acknowledge an interaction (Discord: 3)."""
        return self.hub.response_deadline

    @response_deadline.setter
    def response_deadline(self, seconds: float) -> None:
        self.hub.response_deadline = seconds

    @property
    def wait_limit(self) -> float:
        """How long every ``wait…``/``final_message`` helper waits before failing (seconds)."""
        return self.hub.wait_limit

    @wait_limit.setter
    def wait_limit(self, seconds: float) -> None:
        self.hub.wait_limit = seconds

    async def wait_ready(self) -> None:
        """Wait until the bot has identified and received its guilds over the gateway."""
        await self.gateway.wait_ready()

    async def wait_until(self, predicate: Callable[[], bool]) -> None:
        """Wait until ``predicate()`` holds, re-checking after every REST request."""
        condition = self.hub.activity
        async with asyncio.timeout(self.hub.wait_limit), condition:
            await condition.wait_for(predicate)

    async def wait_for_commands(self, guild: FakeGuild | None = None) -> None:
        """Wait until the bot has registered commands (globally, or in ``guild``)."""
        await self.wait_until(lambda: bool(self.commands(guild)))

    def commands(self, guild: FakeGuild | None = None) -> list[JsonObject]:
        """Registered commands: global ones, or those registered in ``guild``."""
        if guild is None:
            return list(self.hub.global_commands)
        return list(self.hub.guild_commands.get(guild.id, []))

    def messages(
        self, channel: FakeChannel | int, *, include_ephemeral: bool = True
    ) -> list[RecordedMessage]:
        """What users see in a channel, oldest first, after every edit."""
        channel_id = channel.id if isinstance(channel, FakeChannel) else channel
        found = self.hub.world.channel_messages(channel_id)
        return [m for m in found if include_ephemeral or not m.ephemeral]

    def inject_rate_limit(
        self,
        route_pattern: str,
        times: int = 1,
        retry_after: float = 0.05,
        *,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``times`` requests matching ``"METHOD /path"`` (regex) with a 429."""
        pattern = re.compile(route_pattern)
        self.hub.faults.append(Fault(pattern, 429, times, retry_after, is_global))

    def inject_status(self, route_pattern: str, status: int, times: int = 1) -> None:
        """Answer the next ``times`` matching requests with ``status`` (e.g. 500 or 503)."""
        self.hub.faults.append(Fault(re.compile(route_pattern), status, times))

    def inject_status_after_delivery(self, route_pattern: str, status: int, times: int = 1) -> None:
        """Let the next ``times`` matching requests take effect, then answer ``status`` instead
        of their result (a message is created, the bot sees e.g. 502); see ``delivery.py``."""
        self.hub.delivered_faults.append(Fault(re.compile(route_pattern), status, times))

    def hold(self, route_pattern: str, *, after_delivery: bool = False, times: int = 1) -> Hold:
        """Keep the next ``times`` requests matching ``"METHOD /path"`` (regex) waiting until
        ``release()``: before the route runs, or with ``after_delivery`` once it took effect."""
        held = Hold(re.compile(route_pattern), after_delivery=after_delivery, remaining=times)
        self.hub.holds.append(held)
        return held

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT and wait until the bot RESUMEs."""
        await self.gateway.request_reconnect()

    def _command(self, name: str, guild: FakeGuild) -> JsonObject:
        command = next((c for c in self.hub.commands_for(guild.id) if c["name"] == name), None)
        if command is None:
            known = sorted(c["name"] for c in self.hub.commands_for(guild.id))
            raise CommandUnavailableError(f"/{name} is not registered; registered: {known}")
        return command

    async def _dispatch(
        self,
        interaction_type: int,
        data: JsonObject,
        *,
        user: FakeUser,
        guild: FakeGuild,
        channel: FakeChannel,
        message: RecordedMessage | None = None,
    ) -> InteractionHandle:
        world = self.hub.world
        interaction_id = world.ids.next_id()
        token = f"interaction-token-{interaction_id}"
        payload = build_interaction(
            world,
            interaction_id=interaction_id,
            token=token,
            interaction_type=interaction_type,
            data=data,
            guild=guild,
            channel=channel,
            user=user,
            message=message,
        )
        record = InteractionRecord(
            id=interaction_id,
            token=token,
            type=interaction_type,
            user=user,
            guild_id=guild.id,
            channel_id=channel.id,
            payload=payload,
            deadline_at=math.inf,
            source_message_id=None if message is None else message.id,
        )
        self.hub.interactions[token] = record
        await self.gateway.wait_ready()
        record.deadline_at = asyncio.get_running_loop().time() + self.hub.response_deadline
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return InteractionHandle(self.hub, record)

    async def invoke(
        self,
        command: str,
        options: Mapping[str, object] | None = None,
        *,
        user: FakeUser | None = None,
        guild: FakeGuild | None = None,
        channel: FakeChannel | None = None,
        permission_override: bool = False,
    ) -> InteractionHandle:
        """Run ``/command [sub …]`` as ``user`` (default: the admin) and return a handle.

        Raises CommandUnavailableError when Discord would not let the user run it; pass
        ``permission_override=True`` to simulate a server that granted the command anyway.
        """
        guild, channel, user = guild or self.guild, channel or self.channel, user or self.admin
        name, *path = command.split()
        definition = self._command(name, guild)
        if not permission_override and not may_use(definition, guild, channel, user):
            raise CommandUnavailableError(f"{user.username} lacks the permissions of /{name}")
        data = build_command_data(definition, path, options or {}, guild)
        return await self._dispatch(
            APPLICATION_COMMAND, data, user=user, guild=guild, channel=channel
        )

    async def autocomplete(
        self,
        command: str,
        options: Mapping[str, object],
        *,
        focused: str,
        user: FakeUser | None = None,
        guild: FakeGuild | None = None,
        channel: FakeChannel | None = None,
    ) -> InteractionHandle:
        """Send an autocomplete interaction for the ``focused`` option; see ``handle.choices()``."""
        guild, channel, user = guild or self.guild, channel or self.channel, user or self.admin
        name, *path = command.split()
        data = build_command_data(self._command(name, guild), path, options, guild, focused=focused)
        return await self._dispatch(
            APPLICATION_COMMAND_AUTOCOMPLETE, data, user=user, guild=guild, channel=channel
        )

    async def click(
        self,
        message: RecordedMessage,
        custom_id: str,
        *,
        user: FakeUser | None = None,
        values: list[str] | None = None,
    ) -> InteractionHandle:
        """Click a button (or pick select ``values``) on a message the bot sent."""
        component = _find_component(message.components, custom_id)
        if component is None:
            raise CommandUnavailableError(
                f"no component {custom_id!r}; the message has {message.custom_ids}"
            )
        if component.get("disabled"):
            raise CommandUnavailableError(f"component {custom_id!r} is disabled")
        if message.guild_id is None:
            raise CommandUnavailableError("only guild messages are supported")
        guild = self.hub.world.guild(message.guild_id)
        channel = guild.channel(message.channel_id) if guild is not None else None
        if guild is None or channel is None:
            raise CommandUnavailableError("the message's channel no longer exists")
        data: JsonObject = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        return await self._dispatch(
            MESSAGE_COMPONENT,
            data,
            user=user or self.admin,
            guild=guild,
            channel=channel,
            message=message,
        )


def _find_component(components: list[JsonObject], custom_id: str) -> JsonObject | None:
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        nested = _find_component(component.get("components") or [], custom_id)
        if nested is not None:
            return nested
    return None
