"""HTTP plumbing shared by the REST routes: Discord-shaped responses, body parsing, validation."""

from __future__ import annotations

import hashlib
import json
import mimetypes
import time
from dataclasses import dataclass, field

from aiohttp import BodyPartReader, web

from tests.discord_double.hub import DoubleHub, Fault
from tests.discord_double.limits import message_problems
from tests.discord_double.state import FakeAttachment, JsonObject, RecordedMessage

API_PREFIX = "/api/v10"
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
UNKNOWN_WEBHOOK = 10015
UNKNOWN_INTERACTION = 10062
MISSING_ACCESS = 50001
MISSING_PERMISSIONS = 50013
INVALID_FORM_BODY = 50035
ALREADY_ACKNOWLEDGED = 40060
EPHEMERAL_AND_SUPPRESS_FLAGS = (1 << 6) | (1 << 2) | (1 << 12) | (1 << 15)


@dataclass(slots=True)
class UploadedFile:
    """One ``files[n]`` part of a multipart request."""

    field_name: str
    filename: str
    data: bytes


@dataclass(slots=True)
class ParsedBody:
    """A request body: decoded JSON (from the body or ``payload_json``) and uploaded files."""

    json: object = None
    files: list[UploadedFile] = field(default_factory=list)


PARSED_BODY = web.RequestKey("parsed_body", ParsedBody)


def _bucket_for(request: web.Request) -> str:
    resource = request.match_info.route.resource
    canonical = resource.canonical if resource is not None else request.path
    return hashlib.sha1(f"{request.method} {canonical}".encode()).hexdigest()[:16]


def json_response(
    request: web.Request, data: object, *, status: int = 200, extra: dict[str, str] | None = None
) -> web.Response:
    """JSON with exactly ``Content-Type: application/json`` (discord.py compares the header)."""
    headers = {
        "Content-Type": "application/json",
        "X-RateLimit-Limit": "50",
        "X-RateLimit-Remaining": "49",
        "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
        "X-RateLimit-Bucket": _bucket_for(request),
        **(extra or {}),
    }
    return web.Response(body=json.dumps(data).encode(), status=status, headers=headers)


def no_content() -> web.Response:
    """An empty 204, as Discord answers deletes."""
    return web.Response(status=204)


def discord_error(
    request: web.Request, status: int, code: int, message: str, problems: list[str] | None = None
) -> web.Response:
    """A Discord-shaped error body: ``{"code", "message"[, "errors"]}``."""
    body: JsonObject = {"code": code, "message": message}
    if problems:
        body["errors"] = {
            "_errors": [{"code": "DOUBLE_VALIDATION", "message": text} for text in problems]
        }
    return json_response(request, body, status=status)


def fault_response(request: web.Request, fault: Fault) -> web.Response:
    """The scripted answer for an injected fault: a proper 429 or a bare server error."""
    if fault.status != 429:
        body = {"code": 0, "message": f"{fault.status}: injected by the double"}
        return json_response(request, body, status=fault.status)
    headers = {
        "Via": "1.1 google",
        "Retry-After": f"{fault.retry_after:.3f}",
        "X-RateLimit-Limit": "1",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": f"{fault.retry_after:.3f}",
        "X-RateLimit-Scope": "global" if fault.is_global else "user",
    }
    if fault.is_global:
        headers["X-RateLimit-Global"] = "true"
    body = {
        "message": "You are being rate limited.",
        "retry_after": fault.retry_after,
        "global": fault.is_global,
    }
    return json_response(request, body, status=429, extra=headers)


async def parse_body(request: web.Request) -> ParsedBody:
    """Decode a JSON or multipart (``payload_json`` + ``files[n]``) request body."""
    if request.content_type == "multipart/form-data":
        parsed = ParsedBody()
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                continue
            name = part.name or ""
            payload = await part.read()
            if name == "payload_json":
                parsed.json = json.loads(payload)
            else:
                parsed.files.append(UploadedFile(name, part.filename or name, bytes(payload)))
        return parsed
    raw = await request.read()
    return ParsedBody(json=json.loads(raw) if raw else None)


def body_problems(hub: DoubleHub, method: str, spec_path: str, body: object) -> list[str]:
    """Spec errors of a body, when the shared spec is present (else nothing to check against)."""
    if hub.spec is None:
        return []
    return [f"spec {error}" for error in hub.spec.errors(method, spec_path, body)]


def message_limit_problems(body: object, *, creating: bool, has_files: bool) -> list[str]:
    """Documented message limits the spec does not encode, prefixed for :func:`reject`."""
    if not isinstance(body, dict):
        return []
    found = message_problems(body, creating=creating, has_files=has_files)
    return [f"limit {text}" for text in found]


def reject(request: web.Request, hub: DoubleHub, problems: list[str]) -> web.Response:
    """Record each problem as a violation and answer 400 Invalid Form Body like Discord."""
    route = f"{request.method} {request.path.removeprefix(API_PREFIX)}"
    for problem in problems:
        kind, _, text = problem.partition(" ")
        hub.record(route, kind, text)
    return discord_error(request, 400, INVALID_FORM_BODY, "Invalid Form Body", problems)


def apply_message_body(
    hub: DoubleHub, message: RecordedMessage, body: JsonObject, files: list[UploadedFile]
) -> None:
    """Apply a create or edit body to a message, keeping fields the body leaves out."""
    if "content" in body:
        message.content = body["content"] or ""
    if "embeds" in body:
        message.embeds = list(body["embeds"] or [])
    if "components" in body:
        message.components = list(body["components"] or [])
    if "allowed_mentions" in body:
        message.allowed_mentions = body["allowed_mentions"]
    if "attachments" in body:
        kept = {str(item.get("id")) for item in body["attachments"] or []}
        message.attachments = [a for a in message.attachments if str(a.id) in kept]
    for upload in files:
        content_type, _ = mimetypes.guess_type(upload.filename)
        attachment = FakeAttachment(
            hub.world.ids.next_id(), upload.filename, content_type, upload.data
        )
        message.attachments.append(attachment)
