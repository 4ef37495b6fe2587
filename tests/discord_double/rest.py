"""Bot-authenticated REST routes: gateway discovery, identity, commands and channel messages."""

from __future__ import annotations

import bisect
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.discord_double.delivery import remember_nonce, repeated_message, take_delivered_fault
from tests.discord_double.holds import client_gone, wait_if_held
from tests.discord_double.hub import DoubleHub, RecordedRequest
from tests.discord_double.limits import command_problems
from tests.discord_double.responses import (
    API_PREFIX,
    MISSING_ACCESS,
    MISSING_PERMISSIONS,
    PARSED_BODY,
    UNKNOWN_CHANNEL,
    UNKNOWN_MESSAGE,
    ParsedBody,
    apply_message_body,
    body_problems,
    discord_error,
    fault_response,
    json_response,
    message_limit_problems,
    no_content,
    parse_body,
    reject,
)
from tests.discord_double.state import (
    ATTACH_FILES,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    FakeGuild,
    JsonObject,
    RecordedMessage,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_UNAUTHENTICATED_PREFIXES = ("/webhooks/", "/interactions/")


def build_middleware(hub: DoubleHub) -> Any:
    """Faults, authentication, body parsing and the request log, in front of every route."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.path.removeprefix(API_PREFIX)
        if not request.path.startswith(API_PREFIX) or request.headers.get("Upgrade"):
            return await handler(request)
        body = await parse_body(request)
        request[PARSED_BODY] = body
        line = f"{request.method} {path}"
        if await wait_if_held(hub.holds, line, after_delivery=False) and await client_gone(request):
            # The process that sent it died while it was held: it never reached Discord.
            return web.Response(status=499)
        fault = hub.take_fault(line)
        if fault is not None:
            response: web.StreamResponse = fault_response(request, fault)
        elif (
            not path.startswith(_UNAUTHENTICATED_PREFIXES)
            and request.headers.get("Authorization") != f"Bot {hub.world.token}"
        ):
            response = discord_error(request, 401, 0, "401: Unauthorized")
        else:
            try:
                response = await handler(request)
            except web.HTTPNotFound:
                hub.record(f"{request.method} {path}", "unsupported", "route unknown to the double")
                response = discord_error(request, 404, 0, "404: Not Found")
            lost = take_delivered_fault(hub, line)
            if lost is not None and response.status < 300:
                response = fault_response(request, lost)
            await wait_if_held(hub.holds, line, after_delivery=True)
        hub.requests.append(
            RecordedRequest(
                request.method,
                path,
                dict(request.query),
                body.json,
                tuple(upload.filename for upload in body.files),
                response.status,
            )
        )
        await hub.notify_activity()
        return response

    return middleware


class BotRoutes:
    """Routes the bot calls with its own token."""

    def __init__(self, hub: DoubleHub, gateway_url: Callable[[], str]) -> None:
        self._hub = hub
        self._gateway_url = gateway_url

    def routes(self) -> list[web.RouteDef]:
        """The aiohttp route table for these endpoints."""
        p = API_PREFIX
        app = "/applications/{application_id}"
        return [
            web.get(f"{p}/gateway", self.get_gateway),
            web.get(f"{p}/gateway/bot", self.get_gateway_bot),
            web.get(f"{p}/users/@me", self.get_me),
            web.get(f"{p}/applications/@me", self.get_application),
            web.get(f"{p}/oauth2/applications/@me", self.get_application),
            web.get(f"{p}{app}/commands", self.get_commands),
            web.put(f"{p}{app}/commands", self.put_commands),
            web.get(f"{p}{app}/guilds/{{guild_id}}/commands", self.get_commands),
            web.put(f"{p}{app}/guilds/{{guild_id}}/commands", self.put_commands),
            web.get(f"{p}/channels/{{channel_id}}", self.get_channel),
            web.get(f"{p}/channels/{{channel_id}}/messages", self.get_messages),
            web.post(f"{p}/channels/{{channel_id}}/messages", self.post_message),
            web.get(f"{p}/channels/{{channel_id}}/messages/{{message_id}}", self.get_message),
            web.patch(f"{p}/channels/{{channel_id}}/messages/{{message_id}}", self.edit_message),
            web.delete(f"{p}/channels/{{channel_id}}/messages/{{message_id}}", self.delete_message),
        ]

    async def get_gateway(self, request: web.Request) -> web.Response:
        """GET /gateway."""
        return json_response(request, {"url": self._gateway_url()})

    async def get_gateway_bot(self, request: web.Request) -> web.Response:
        """GET /gateway/bot."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        body = {"url": self._gateway_url(), "shards": 1, "session_start_limit": limit}
        return json_response(request, body)

    async def get_me(self, request: web.Request) -> web.Response:
        """GET /users/@me."""
        me = self._hub.world.bot_user.payload()
        me.update({"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None})
        return json_response(request, me)

    async def get_application(self, request: web.Request) -> web.Response:
        """GET /applications/@me."""
        world = self._hub.world
        owner = next(g.owner_id for g in world.guilds) if world.guilds else world.bot_user.id
        body: JsonObject = {
            "id": str(world.application_id),
            "name": world.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": 0,
            "owner": {"id": str(owner), "username": "owner", "discriminator": "0", "avatar": None},
            "team": None,
            "bot": world.bot_user.payload(),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "integration_types_config": {"0": {}},
        }
        return json_response(request, body)

    def _scope(self, request: web.Request) -> tuple[str, int | None] | web.Response:
        world = self._hub.world
        if request.match_info["application_id"] != str(world.application_id):
            return discord_error(request, 403, MISSING_ACCESS, "Missing Access")
        raw_guild = request.match_info.get("guild_id")
        if raw_guild is None:
            return "/applications/{application_id}/commands", None
        if world.guild(int(raw_guild)) is None:
            return discord_error(request, 403, MISSING_ACCESS, "Missing Access")
        return "/applications/{application_id}/guilds/{guild_id}/commands", int(raw_guild)

    async def get_commands(self, request: web.Request) -> web.Response:
        """GET global or guild application commands."""
        scope = self._scope(request)
        if isinstance(scope, web.Response):
            return scope
        _, guild_id = scope
        hub = self._hub
        found = hub.global_commands if guild_id is None else hub.guild_commands.get(guild_id, [])
        return json_response(request, found)

    async def put_commands(self, request: web.Request) -> web.Response:
        """PUT (bulk overwrite) global or guild application commands."""
        scope = self._scope(request)
        if isinstance(scope, web.Response):
            return scope
        spec_path, guild_id = scope
        body = _parsed(request).json
        problems = body_problems(self._hub, "PUT", spec_path, body)
        if isinstance(body, list):
            problems.extend(f"limit {text}" for text in command_problems(body))
        if problems or not isinstance(body, list):
            return reject(request, self._hub, problems or ["spec body must be a list"])
        registered = [self._register(command, guild_id) for command in body]
        if guild_id is None:
            self._hub.global_commands = registered
        else:
            self._hub.guild_commands[guild_id] = registered
        return json_response(request, registered)

    def _register(self, command: JsonObject, guild_id: int | None) -> JsonObject:
        registered: JsonObject = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            **command,
            "id": str(self._hub.world.ids.next_id()),
            "application_id": str(self._hub.world.application_id),
            "version": str(self._hub.world.ids.next_id()),
        }
        if guild_id is not None:
            registered["guild_id"] = str(guild_id)
        return registered

    def _channel(self, request: web.Request) -> tuple[FakeGuild, FakeChannel] | web.Response:
        raw = request.match_info["channel_id"]
        found = self._hub.world.find_channel(int(raw)) if raw.isdigit() else None
        if found is None:
            return discord_error(request, 404, UNKNOWN_CHANNEL, "Unknown Channel")
        guild, channel = found
        if not guild.permissions_in(channel, self._hub.world.bot_user.id) & VIEW_CHANNEL:
            return discord_error(request, 403, MISSING_ACCESS, "Missing Access")
        return found

    async def get_channel(self, request: web.Request) -> web.Response:
        """GET /channels/{channel_id}."""
        found = self._channel(request)
        if isinstance(found, web.Response):
            return found
        return json_response(request, found[1].payload())

    async def get_messages(self, request: web.Request) -> web.Response:
        """GET /channels/{channel_id}/messages: newest first, like Discord.

        Without READ_MESSAGE_HISTORY Discord answers an empty list rather than an error.
        """
        found = self._channel(request)
        if isinstance(found, web.Response):
            return found
        guild, channel = found
        problems = history_query_problems(dict(request.query))
        if problems:
            return reject(request, self._hub, problems)
        if not guild.permissions_in(channel, self._hub.world.bot_user.id) & READ_MESSAGE_HISTORY:
            return json_response(request, [])
        visible = [m for m in self._hub.world.channel_messages(channel.id) if not m.ephemeral]
        picked = pick_history(sorted(visible, key=lambda m: m.id), dict(request.query))
        return json_response(request, [m.payload() for m in picked])

    async def post_message(self, request: web.Request) -> web.Response:
        """POST /channels/{channel_id}/messages (JSON or multipart with files)."""
        found = self._channel(request)
        if isinstance(found, web.Response):
            return found
        guild, channel = found
        hub = self._hub
        parsed = _parsed(request)
        permissions = guild.permissions_in(channel, hub.world.bot_user.id)
        needed = SEND_MESSAGES | (ATTACH_FILES if parsed.files else 0)
        if permissions & needed != needed:
            return discord_error(request, 403, MISSING_PERMISSIONS, "Missing Permissions")
        body = parsed.json if isinstance(parsed.json, dict) else {}
        problems = body_problems(hub, "POST", "/channels/{channel_id}/messages", parsed.json)
        problems.extend(message_limit_problems(body, creating=True, has_files=bool(parsed.files)))
        if problems:
            return reject(request, hub, problems)
        repeated = repeated_message(hub, channel.id, hub.world.bot_user.id, body)
        if repeated is not None:
            return json_response(request, repeated.payload())
        message = RecordedMessage(hub.world.ids.next_id(), channel.id, guild.id, hub.world.bot_user)
        apply_message_body(hub, message, body, parsed.files)
        hub.world.messages[message.id] = message
        remember_nonce(hub, message, body)
        return json_response(request, message.payload())

    def _own_message(self, request: web.Request) -> RecordedMessage | web.Response:
        found = self._channel(request)
        if isinstance(found, web.Response):
            return found
        message = self._hub.message(int(request.match_info["message_id"]))
        # Ephemeral messages exist only for their interaction's webhook, never in the channel.
        hidden = message is None or message.deleted or message.ephemeral
        if hidden or message is None or message.channel_id != found[1].id:
            return discord_error(request, 404, UNKNOWN_MESSAGE, "Unknown Message")
        return message

    async def get_message(self, request: web.Request) -> web.Response:
        """GET /channels/{channel_id}/messages/{message_id}."""
        message = self._own_message(request)
        if isinstance(message, web.Response):
            return message
        return json_response(request, message.payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        """PATCH /channels/{channel_id}/messages/{message_id}."""
        message = self._own_message(request)
        if isinstance(message, web.Response):
            return message
        parsed = _parsed(request)
        body = parsed.json if isinstance(parsed.json, dict) else {}
        spec_path = "/channels/{channel_id}/messages/{message_id}"
        problems = body_problems(self._hub, "PATCH", spec_path, parsed.json)
        problems.extend(message_limit_problems(body, creating=False, has_files=bool(parsed.files)))
        if problems:
            return reject(request, self._hub, problems)
        apply_message_body(self._hub, message, body, parsed.files)
        message.edit_count += 1
        return json_response(request, message.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        """DELETE /channels/{channel_id}/messages/{message_id}."""
        message = self._own_message(request)
        if isinstance(message, web.Response):
            return message
        message.deleted = True
        return no_content()


_HISTORY_ANCHORS = ("around", "before", "after")


def history_query_problems(query: dict[str, str]) -> list[str]:
    """What the spec and docs reject in a message-history query (limit 1-100, one anchor)."""
    problems = []
    limit = query.get("limit", "50")
    if not limit.isdigit() or not 1 <= int(limit) <= 100:
        problems.append(f"spec query limit: {limit!r} is not an integer from 1 to 100")
    for name in _HISTORY_ANCHORS:
        if name in query and not query[name].isdigit():
            problems.append(f"spec query {name}: {query[name]!r} is not a snowflake")
    anchors = [name for name in _HISTORY_ANCHORS if name in query]
    if len(anchors) > 1:
        problems.append(f"limit query {', '.join(anchors)}: at most one of them may be passed")
    return problems


def pick_history(
    oldest_first: list[RecordedMessage], query: dict[str, str]
) -> list[RecordedMessage]:
    """The page of history a valid query selects, newest first."""
    limit = int(query.get("limit", "50"))
    ids = [m.id for m in oldest_first]
    if "before" in query:
        older = [m for m in oldest_first if m.id < int(query["before"])]
        page = older[-limit:]
    elif "after" in query:
        page = [m for m in oldest_first if m.id > int(query["after"])][:limit]
    elif "around" in query:
        centre = bisect.bisect_left(ids, int(query["around"]))
        start = max(0, min(centre - limit // 2, len(ids) - limit))
        page = oldest_first[start : start + limit]
    else:
        page = oldest_first[-limit:]
    return page[::-1]


def _parsed(request: web.Request) -> ParsedBody:
    parsed = request[PARSED_BODY]
    assert isinstance(parsed, ParsedBody)
    return parsed
