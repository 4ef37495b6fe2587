"""Interaction callbacks and interaction webhooks, with Discord's acknowledgement rules."""

from __future__ import annotations

import asyncio

from aiohttp import web

from tests.discord_double.hub import DoubleHub, InteractionRecord
from tests.discord_double.responses import (
    ALREADY_ACKNOWLEDGED,
    API_PREFIX,
    EPHEMERAL_AND_SUPPRESS_FLAGS,
    PARSED_BODY,
    UNKNOWN_INTERACTION,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    ParsedBody,
    apply_message_body,
    body_problems,
    discord_error,
    json_response,
    message_limit_problems,
    no_content,
    reject,
)
from tests.discord_double.state import EPHEMERAL_FLAG, LOADING_FLAG, JsonObject, RecordedMessage

CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9
_ALLOWED_CALLBACKS = {
    2: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    3: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL},
    4: {AUTOCOMPLETE_RESULT},
    5: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE},
}
_CALLBACK_PATH = "/interactions/{interaction_id}/{interaction_token}/callback"
_WEBHOOK_PATH = "/webhooks/{webhook_id}/{webhook_token}"


def _parsed(request: web.Request) -> ParsedBody:
    parsed = request[PARSED_BODY]
    assert isinstance(parsed, ParsedBody)
    return parsed


def _route(request: web.Request) -> str:
    return f"{request.method} {request.path.removeprefix(API_PREFIX)}"


class InteractionRoutes:
    """``/interactions/.../callback`` and ``/webhooks/{application_id}/{token}...``."""

    def __init__(self, hub: DoubleHub) -> None:
        self._hub = hub

    def routes(self) -> list[web.RouteDef]:
        """The aiohttp route table for these endpoints."""
        p = API_PREFIX
        hook = f"{p}/webhooks/{{application_id}}/{{token}}"
        return [
            web.post(f"{p}/interactions/{{interaction_id}}/{{token}}/callback", self.callback),
            web.post(hook, self.follow_up),
            web.get(f"{hook}/messages/{{message_id}}", self.get_message),
            web.patch(f"{hook}/messages/{{message_id}}", self.edit_message),
            web.delete(f"{hook}/messages/{{message_id}}", self.delete_message),
        ]

    def _new_message(self, record: InteractionRecord, flags: int) -> RecordedMessage:
        world = self._hub.world
        message = RecordedMessage(
            id=world.ids.next_id(),
            channel_id=record.channel_id,
            guild_id=record.guild_id,
            author=world.bot_user,
            flags=flags,
            interaction_id=record.id,
            webhook_id=world.application_id,
        )
        world.messages[message.id] = message
        return message

    async def callback(self, request: web.Request) -> web.Response:
        """POST /interactions/{id}/{token}/callback (discord.py adds ``with_response=1``)."""
        hub = self._hub
        record = hub.interaction_by_token(request.match_info["token"])
        if record is None or str(record.id) != request.match_info["interaction_id"]:
            return discord_error(request, 404, UNKNOWN_INTERACTION, "Unknown interaction")
        late_by = asyncio.get_running_loop().time() - record.deadline_at
        if late_by > 0:
            hub.record(_route(request), "timing", f"initial response {late_by:.2f}s too late")
            return discord_error(request, 404, UNKNOWN_INTERACTION, "Unknown interaction")
        if record.response_type is not None:
            hub.record(_route(request), "protocol", "interaction acknowledged twice")
            text = "Interaction has already been acknowledged."
            return discord_error(request, 400, ALREADY_ACKNOWLEDGED, text)
        parsed = _parsed(request)
        body = parsed.json if isinstance(parsed.json, dict) else {}
        problems = body_problems(hub, "POST", _CALLBACK_PATH, parsed.json)
        raw_type = body.get("type")
        callback_type = raw_type if isinstance(raw_type, int) else 0
        data = body.get("data") or {}
        if callback_type not in _ALLOWED_CALLBACKS.get(record.type, set()):
            problems.append(f"protocol callback type {callback_type} for interaction {record.type}")
        if callback_type in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            creating = callback_type == CHANNEL_MESSAGE
            has_files = bool(parsed.files)
            problems.extend(message_limit_problems(data, creating=creating, has_files=has_files))
        if problems:
            return reject(request, hub, problems)
        record.response_type = callback_type
        record.callback_bodies.append(body)
        message = self._apply_callback(record, callback_type, data, parsed)
        await record.notify()
        return json_response(request, self._callback_result(record, callback_type, message))

    def _apply_callback(
        self, record: InteractionRecord, callback_type: int, data: JsonObject, parsed: ParsedBody
    ) -> RecordedMessage | None:
        ephemeral = (data.get("flags") or 0) & EPHEMERAL_FLAG
        if callback_type == CHANNEL_MESSAGE:
            flags = (data.get("flags") or 0) & EPHEMERAL_AND_SUPPRESS_FLAGS
            message = self._new_message(record, flags)
            apply_message_body(self._hub, message, data, parsed.files)
            record.original_message_id = message.id
            return message
        if callback_type == DEFERRED_CHANNEL_MESSAGE:
            message = self._new_message(record, LOADING_FLAG | ephemeral)
            record.original_message_id = message.id
            return message
        if callback_type in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            record.original_message_id = record.source_message_id
            source = self._hub.message(record.source_message_id or 0)
            if source is not None and callback_type == UPDATE_MESSAGE:
                apply_message_body(self._hub, source, data, parsed.files)
                source.edit_count += 1
            return source
        if callback_type == AUTOCOMPLETE_RESULT:
            record.autocomplete_choices = list(data.get("choices") or [])
        elif callback_type == MODAL:
            record.modal = data
        return None

    def _callback_result(
        self, record: InteractionRecord, callback_type: int, message: RecordedMessage | None
    ) -> JsonObject:
        interaction: JsonObject = {"id": str(record.id), "type": record.type}
        resource: JsonObject = {"type": callback_type}
        if message is not None:
            interaction["response_message_id"] = str(message.id)
            interaction["response_message_loading"] = message.loading
            interaction["response_message_ephemeral"] = message.ephemeral
            resource["message"] = message.payload()
        return {"interaction": interaction, "resource": resource}

    def _record_for_webhook(self, request: web.Request) -> InteractionRecord | web.Response:
        hub = self._hub
        record = hub.interaction_by_token(request.match_info["token"])
        if record is None or request.match_info["application_id"] != str(hub.world.application_id):
            return discord_error(request, 404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        if record.response_type is None:
            hub.record(
                _route(request), "protocol", "webhook used before the interaction was acknowledged"
            )
            return discord_error(request, 404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        return record

    async def follow_up(self, request: web.Request) -> web.Response:
        """POST /webhooks/{application_id}/{token}: the first one after a defer fills it in."""
        record = self._record_for_webhook(request)
        if isinstance(record, web.Response):
            return record
        hub = self._hub
        parsed = _parsed(request)
        body = parsed.json if isinstance(parsed.json, dict) else {}
        problems = body_problems(hub, "POST", _WEBHOOK_PATH, parsed.json)
        problems.extend(message_limit_problems(body, creating=True, has_files=bool(parsed.files)))
        if problems:
            return reject(request, hub, problems)
        original = hub.message(record.original_message_id or 0)
        fills_deferred = (
            record.response_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
            and not record.followup_ids
        )
        if fills_deferred and original is not None:
            message = original
            message.flags &= ~LOADING_FLAG
        else:
            flags = (body.get("flags") or 0) & EPHEMERAL_AND_SUPPRESS_FLAGS
            message = self._new_message(record, flags)
            record.followup_ids.append(message.id)
        apply_message_body(hub, message, body, parsed.files)
        await record.notify()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(request, message.payload())
        return no_content()

    def _target(
        self, request: web.Request
    ) -> tuple[InteractionRecord, RecordedMessage] | web.Response:
        record = self._record_for_webhook(request)
        if isinstance(record, web.Response):
            return record
        raw_id = request.match_info["message_id"]
        message_id = record.original_message_id if raw_id == "@original" else int(raw_id)
        owned = {record.original_message_id, *record.followup_ids}
        message = self._hub.message(message_id or 0)
        if message is None or message.deleted or message_id not in owned:
            return discord_error(request, 404, UNKNOWN_MESSAGE, "Unknown Message")
        return record, message

    async def get_message(self, request: web.Request) -> web.Response:
        """GET an interaction's original response or one of its follow-ups."""
        target = self._target(request)
        if isinstance(target, web.Response):
            return target
        return json_response(request, target[1].payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        """PATCH @original (fills a deferred response) or a follow-up."""
        target = self._target(request)
        if isinstance(target, web.Response):
            return target
        record, message = target
        parsed = _parsed(request)
        body = parsed.json if isinstance(parsed.json, dict) else {}
        raw_id = request.match_info["message_id"]
        spec_path = f"{_WEBHOOK_PATH}/messages/" + (
            "@original" if raw_id == "@original" else "{message_id}"
        )
        problems = body_problems(self._hub, "PATCH", spec_path, parsed.json)
        problems.extend(message_limit_problems(body, creating=False, has_files=bool(parsed.files)))
        if problems:
            return reject(request, self._hub, problems)
        apply_message_body(self._hub, message, body, parsed.files)
        if message.loading:
            message.flags &= ~LOADING_FLAG
        else:
            message.edit_count += 1
        await record.notify()
        return json_response(request, message.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        """DELETE @original or a follow-up."""
        target = self._target(request)
        if isinstance(target, web.Response):
            return target
        record, message = target
        message.deleted = True
        await record.notify()
        return no_content()
