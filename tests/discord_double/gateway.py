"""Gateway v10 over a websocket: HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats, RESUME."""

from __future__ import annotations

import asyncio
import importlib
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_double.hub import DoubleHub, privileged_names
from tests.discord_double.state import JsonObject

OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_RESUME = 6
OP_RECONNECT = 7
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_INVALID_SHARD = 4010
CLOSE_INVALID_API_VERSION = 4012
CLOSE_INVALID_INTENTS = 4013
CLOSE_DISALLOWED_INTENTS = 4014

_SUPPORTED_COMPRESSION = ("zlib-stream", "zstd-stream")


class _StreamCompressor:
    """Transport compression of one connection, as negotiated through the URL query."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind
        self._zlib = zlib.compressobj() if kind == "zlib-stream" else None
        self._zstd: Any = None
        self._zstd_flush: Any = None
        if kind == "zstd-stream":
            # Only reachable when the client itself found zstandard, so the import succeeds.
            zstandard = importlib.import_module("zstandard")
            self._zstd = zstandard.ZstdCompressor().compressobj()
            self._zstd_flush = zstandard.COMPRESSOBJ_FLUSH_BLOCK

    def frame(self, text: str) -> str | bytes:
        """Encode one gateway message; each compressed frame ends on a flush boundary."""
        data = text.encode()
        if self._zlib is not None:
            return self._zlib.compress(data) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
        if self._zstd is not None:
            return bytes(self._zstd.compress(data) + self._zstd.flush(self._zstd_flush))
        return text


@dataclass(slots=True)
class GatewaySession:
    """A resumable gateway session: its sequence number and what was dispatched in it."""

    session_id: str
    sequence: int = 0
    dispatched: list[JsonObject] = field(default_factory=list)


def shard_of(guild_id: int, shard_count: int) -> int:
    """Discord's routing rule: the shard that gets a guild's events."""
    return (guild_id >> 22) % shard_count


@dataclass(slots=True)
class _Connection:
    socket: web.WebSocketResponse
    compressor: _StreamCompressor
    session: GatewaySession | None = None
    # [shard_id, num_shards] from IDENTIFY; an unsharded client is shard 0 of 1.
    shard: tuple[int, int] = (0, 1)

    def serves(self, guild_id: int) -> bool:
        """Whether this connection's shard receives the guild's events."""
        return shard_of(guild_id, self.shard[1]) == self.shard[0]

    async def send(self, payload: JsonObject) -> None:
        frame = self.compressor.frame(json.dumps(payload, separators=(",", ":")))
        if isinstance(frame, bytes):
            await self.socket.send_bytes(frame)
        else:
            await self.socket.send_str(frame)


class Gateway:
    """The gateway endpoint of the double and the bot's live connection to it."""

    def __init__(self, hub: DoubleHub, *, heartbeat_interval_ms: int = 41_250) -> None:
        self._hub = hub
        self._heartbeat_interval_ms = heartbeat_interval_ms
        self._sessions: dict[str, GatewaySession] = {}
        self._connections: set[web.WebSocketResponse] = set()
        self._current: _Connection | None = None
        self._shards: dict[int, _Connection] = {}
        self._shard_ready: dict[int, asyncio.Event] = {}
        self._ready = asyncio.Event()
        self._resumed = asyncio.Event()
        self.url = ""
        self.compression_seen: list[str | None] = []
        # (event, shard id) of every dispatch, to check events reach the right shard.
        self.dispatched_to: list[tuple[str, int]] = []
        # Several processes may connect as the same shard (two replicas of an unsharded bot);
        # with ``spread_interactions`` interactions take turns among every one serving the guild.
        self.spread_interactions = False
        self._identified: list[_Connection] = []
        self._turn = 0
        # (event, session id) of every dispatch: which connection (process) got it.
        self.dispatched_sessions: list[tuple[str, str]] = []
        self.heartbeats = 0

    @property
    def is_ready(self) -> bool:
        """Whether a session is identified and every guild was sent."""
        return self._ready.is_set()

    async def wait_ready(self) -> None:
        """Wait (at most ``wait_limit`` s) until the bot has identified and received its guilds."""
        async with asyncio.timeout(self._hub.wait_limit):
            await self._ready.wait()

    async def wait_shard_ready(self, shard_id: int) -> None:
        """Wait until shard ``shard_id`` has identified and received its guilds."""
        ready = self._shard_ready.setdefault(shard_id, asyncio.Event())
        async with asyncio.timeout(self._hub.wait_limit):
            await ready.wait()

    @property
    def connection_count(self) -> int:
        """How many identified connections are open (one per bot process and shard)."""
        return len(self._identified)

    @property
    def shards(self) -> dict[int, tuple[int, int]]:
        """The identified shards: shard id to (shard id, shard count)."""
        return {i: connection.shard for i, connection in self._shards.items()}

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Serve one websocket connection from the bot."""
        query = request.query
        socket = web.WebSocketResponse(max_msg_size=0)
        await socket.prepare(request)
        self._connections.add(socket)
        compression = query.get("compress")
        self.compression_seen.append(compression)
        try:
            if query.get("v") != "10" or query.get("encoding") != "json":
                self._hub.record("GATEWAY", "protocol", f"bad gateway query {dict(query)!r}")
                await socket.close(code=CLOSE_INVALID_API_VERSION, message=b"Invalid API version")
                return socket
            if compression is not None and compression not in _SUPPORTED_COMPRESSION:
                self._hub.record("GATEWAY", "protocol", f"unknown compression {compression!r}")
            connection = _Connection(socket, _StreamCompressor(compression))
            hello = {"heartbeat_interval": self._heartbeat_interval_ms, "_trace": ["double"]}
            await connection.send({"op": OP_HELLO, "d": hello, "s": None, "t": None})
            await self._serve(connection)
        finally:
            self._connections.discard(socket)
            self._identified = [live for live in self._identified if live.socket is not socket]
            for shard_id, live in list(self._shards.items()):
                if live.socket is socket:
                    del self._shards[shard_id]
                    self._shard_ready.setdefault(shard_id, asyncio.Event()).clear()
            if self._current is not None and self._current.socket is socket:
                self._current = None
                self._ready.clear()
        return socket

    async def _serve(self, connection: _Connection) -> None:
        async for message in connection.socket:
            if message.type is not WSMsgType.TEXT:
                self._hub.record("GATEWAY", "protocol", f"unexpected frame {message.type!r}")
                continue
            payload = json.loads(message.data)
            op = payload.get("op")
            if op == OP_HEARTBEAT:
                self.heartbeats += 1
                await connection.send({"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
            elif op == OP_IDENTIFY:
                await self._identify(connection, payload.get("d") or {})
            elif op == OP_RESUME:
                await self._resume(connection, payload.get("d") or {})

    async def _identify(self, connection: _Connection, data: JsonObject) -> None:
        self._hub.identify_payloads.append(data)
        if data.get("token") != self._hub.world.token:
            await connection.socket.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Bad token")
            return
        intents = data.get("intents")
        if not isinstance(intents, int):
            self._hub.record("GATEWAY", "protocol", "IDENTIFY without intents")
            await connection.socket.close(code=CLOSE_INVALID_INTENTS, message=b"Invalid intents")
            return
        shard = data.get("shard", [0, 1])
        if not (
            isinstance(shard, list)
            and len(shard) == 2
            and all(isinstance(part, int) for part in shard)
            and 0 <= shard[0] < shard[1]
        ):
            self._hub.record("GATEWAY", "protocol", f"IDENTIFY with an invalid shard {shard!r}")
            await connection.socket.close(code=CLOSE_INVALID_SHARD, message=b"Invalid shard")
            return
        connection.shard = (shard[0], shard[1])
        privileged = privileged_names(intents)
        if privileged:
            self._hub.record("GATEWAY", "intents", f"privileged intents requested: {privileged}")
            await connection.socket.close(
                code=CLOSE_DISALLOWED_INTENTS, message=b"Disallowed intent(s)."
            )
            return
        session = GatewaySession(session_id=f"session-{self._hub.world.ids.next_id()}")
        self._sessions[session.session_id] = session
        connection.session = session
        self._current = connection
        self._shards[connection.shard[0]] = connection
        self._identified.append(connection)
        world = self._hub.world
        guilds = [guild for guild in world.guilds if connection.serves(guild.id)]
        ready = {
            "v": 10,
            "user": world.bot_user.payload(),
            "guilds": [{"id": str(guild.id), "unavailable": True} for guild in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.url,
            "shard": list(connection.shard),
            "application": {"id": str(world.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
            "auth": {},
        }
        await self._dispatch_on(connection, "READY", ready)
        for guild in guilds:
            await self._dispatch_on(connection, "GUILD_CREATE", guild.payload())
        self._ready.set()
        self._shard_ready.setdefault(connection.shard[0], asyncio.Event()).set()

    async def _resume(self, connection: _Connection, data: JsonObject) -> None:
        session = self._sessions.get(str(data.get("session_id")))
        if data.get("token") != self._hub.world.token or session is None:
            await connection.send({"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        connection.session = session
        self._current = connection
        last_seen = data.get("seq") or 0
        for payload in session.dispatched:
            if payload["s"] > last_seen:
                await connection.send(payload)
        await self._dispatch_on(connection, "RESUMED", {})
        self._ready.set()
        self._resumed.set()

    async def _dispatch_on(self, connection: _Connection, event: str, data: JsonObject) -> None:
        session = connection.session
        if session is None:
            raise RuntimeError("dispatch before IDENTIFY")
        session.sequence += 1
        payload = {"op": OP_DISPATCH, "t": event, "s": session.sequence, "d": data}
        session.dispatched.append(payload)
        await connection.send(payload)

    async def dispatch(self, event: str, data: JsonObject) -> None:
        """Send a DISPATCH event to the connection whose shard serves the event's guild."""
        await self.wait_ready()
        target = self._current
        guild_id = data.get("guild_id")
        if guild_id is not None and self._shards:
            target = next((c for c in self._shards.values() if c.serves(int(str(guild_id)))), None)
        if self.spread_interactions and event == "INTERACTION_CREATE" and guild_id is not None:
            serving = [c for c in self._identified if c.serves(int(str(guild_id)))]
            if serving:
                target = serving[self._turn % len(serving)]
                self._turn += 1
        if target is None:
            raise RuntimeError(f"no connected shard serves guild {guild_id}")
        self.dispatched_to.append((event, target.shard[0]))
        if target.session is not None:
            self.dispatched_sessions.append((event, target.session.session_id))
        await self._dispatch_on(target, event, data)

    async def request_reconnect(self) -> None:
        """Ask the bot to reconnect (op 7) and wait until it has RESUMEd its session."""
        if self._current is None:
            raise RuntimeError("the bot is not connected to the gateway")
        self._resumed.clear()
        self._ready.clear()
        await self._current.send({"op": OP_RECONNECT, "d": None, "s": None, "t": None})
        async with asyncio.timeout(self._hub.wait_limit):
            await self._resumed.wait()

    async def close_all(self) -> None:
        """Close every websocket still open (going away), e.g. when the double stops."""
        for socket in list(self._connections):
            await socket.close(code=1001, message=b"double stopping")
