"""HTTP fetching for feeds and article pages: conditional GET, timeouts, redirects, size and type caps."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from bot import __version__

USER_AGENT = f"briefbot/{__version__} (+https://github.com/briefbot/briefbot)"
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/xml",
    "text/xml",
    "application/x-rss+xml",
    "text/html",
    "text/plain",
    "application/octet-stream",
)
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


class FailureKind(StrEnum):
    """Why a fetch failed, in categories a person can act on."""

    ADDRESS = "address"  # not a usable http(s) address, or a private one
    DNS = "dns"
    CONNECT = "connect"
    TIMEOUT = "timeout"
    HTTP = "http"
    REDIRECTS = "redirects"
    TOO_LARGE = "too_large"
    CONTENT_TYPE = "content_type"
    NOT_A_FEED = "not_a_feed"
    PARSE = "parse"
    NO_TEXT = "no_text"


class FetchError(Exception):
    """A fetch that gave no usable body; ``reason`` is one plain sentence."""

    def __init__(self, kind: FailureKind, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How patient and how generous a fetch is."""

    timeout_seconds: float = 20.0
    connect_timeout_seconds: float = 10.0
    max_redirects: int = 5
    max_bytes: int = 5 * 1024 * 1024
    # Off by default so links pasted into Discord cannot make the bot probe the host's network.
    allow_private_hosts: bool = False
    connections: int = 32
    connections_per_host: int = 8


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response worth reading: final address, status, body and the validators to send next time."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True for a 304: the stored copy is still current and the body is empty."""
        return self.status == 304


def _is_private(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    return not ip.is_global or ip.is_multicast


class _PublicResolver(AbstractResolver):
    """Resolves names, dropping private and loopback addresses (no SSRF through DNS)."""

    def __init__(self) -> None:
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The public addresses of ``host``; an ``OSError`` when none are left."""
        found = [
            r for r in await self._inner.resolve(host, port, family) if not _is_private(r["host"])
        ]
        if not found:
            raise OSError(f"{host} resolves only to private addresses")
        return found

    async def close(self) -> None:
        """Release the inner resolver."""
        await self._inner.close()


def check_address(url: str, *, allow_private_hosts: bool = False) -> str:
    """The address trimmed, or ``FetchError`` when it is not a fetchable http(s) address."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        host = parts.hostname
        _ = parts.port
    except ValueError:
        raise FetchError(FailureKind.ADDRESS, f"{text} is not a valid web address.") from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError(
            FailureKind.ADDRESS, f"{text} is not a web address (it must start with http(s)://)."
        )
    private_name = host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    if not allow_private_hosts and (private_name or _is_private(host)):
        raise FetchError(
            FailureKind.ADDRESS,
            f"{text} points at a private or local address, which is refused "
            "(set BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS=true to allow).",
        )
    return text


def _media_type(response: aiohttp.ClientResponse) -> tuple[str, str | None]:
    return (response.content_type or "application/octet-stream").lower(), response.charset


class Fetcher:
    """One shared aiohttp session: use ``async with Fetcher() as fetcher``."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        self.limits = limits or FetchLimits()
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        resolver: AbstractResolver = (
            aiohttp.ThreadedResolver() if limits.allow_private_hosts else _PublicResolver()
        )
        connector = aiohttp.TCPConnector(
            limit=limits.connections, limit_per_host=limits.connections_per_host, resolver=resolver
        )
        timeout = aiohttp.ClientTimeout(
            total=limits.timeout_seconds,
            sock_connect=limits.connect_timeout_seconds,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
            auto_decompress=True,
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """A feed document, or a 304 when the validators still match."""
        headers = {"Accept": _FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self.fetch(url, headers=headers, accept_types=FEED_TYPES)

    async def fetch_page(self, url: str) -> Fetched:
        """An article page (HTML)."""
        return await self.fetch(url, headers={"Accept": _PAGE_ACCEPT}, accept_types=PAGE_TYPES)

    async def fetch(
        self, url: str, *, headers: dict[str, str], accept_types: tuple[str, ...]
    ) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` redirects; ``FetchError`` on any failure."""
        if self._session is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        try:
            async with asyncio.timeout(self.limits.timeout_seconds):
                return await self._follow(self._session, url, headers, accept_types)
        except TimeoutError:
            raise FetchError(
                FailureKind.TIMEOUT,
                f"{url} did not answer within {self.limits.timeout_seconds:g} seconds.",
            ) from None

    async def _follow(
        self,
        session: aiohttp.ClientSession,
        url: str,
        headers: dict[str, str],
        accept_types: tuple[str, ...],
    ) -> Fetched:
        visited: list[str] = []
        current = url
        while True:
            current = check_address(current, allow_private_hosts=self.limits.allow_private_hosts)
            if current in visited:
                raise FetchError(FailureKind.REDIRECTS, f"{url} redirects in a loop.")
            if len(visited) > self.limits.max_redirects:
                raise FetchError(
                    FailureKind.REDIRECTS,
                    f"{url} redirects more than {self.limits.max_redirects} times.",
                )
            visited.append(current)
            try:
                async with session.get(current, headers=headers, allow_redirects=False) as response:
                    if response.status in _REDIRECTS and "Location" in response.headers:
                        current = urljoin(current, response.headers["Location"])
                        continue
                    return await self._read(current, response, accept_types)
            except aiohttp.ClientConnectorDNSError as error:
                raise FetchError(
                    FailureKind.DNS,
                    f"The host of {current} could not be found ({dns_reason(error.os_error)}).",
                ) from None
            except aiohttp.ClientConnectorError as error:
                raise FetchError(
                    FailureKind.CONNECT,
                    f"Could not connect to {current} ({connect_reason(error.os_error)}).",
                ) from None
            except aiohttp.ServerTimeoutError:
                raise TimeoutError from None
            except aiohttp.ClientPayloadError as error:
                raise FetchError(
                    FailureKind.CONNECT, f"{current} sent a broken response body ({error})."
                ) from None
            except aiohttp.ClientError as error:
                raise FetchError(
                    FailureKind.CONNECT, f"{current} could not be fetched ({_describe(error)})."
                ) from None

    async def _read(
        self, url: str, response: aiohttp.ClientResponse, accept_types: tuple[str, ...]
    ) -> Fetched:
        media_type, charset = _media_type(response)
        validators: dict[str, Any] = {
            "etag": response.headers.get("ETag"),
            "last_modified": response.headers.get("Last-Modified"),
        }
        if response.status == 304:
            return Fetched(url, 304, b"", media_type, charset, **validators)
        if response.status >= 400:
            reason = response.reason or "error"
            raise FetchError(
                FailureKind.HTTP,
                f"{url} answered HTTP {response.status} {reason}.",
                status=response.status,
            )
        if response.status != 200:
            raise FetchError(
                FailureKind.HTTP,
                f"{url} answered HTTP {response.status} instead of a document.",
                status=response.status,
            )
        if media_type not in accept_types and not media_type.endswith(("+xml", "/xml")):
            raise FetchError(
                FailureKind.CONTENT_TYPE, f"{url} serves {media_type}, not a feed or web page."
            )
        cap = self.limits.max_bytes
        if response.content_length is not None and response.content_length > cap:
            raise FetchError(FailureKind.TOO_LARGE, _too_large(url, cap))
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):
            body.extend(chunk)
            if len(body) > cap:
                raise FetchError(FailureKind.TOO_LARGE, _too_large(url, cap))
        return Fetched(url, response.status, bytes(body), media_type, charset, **validators)


def _too_large(url: str, cap: int) -> str:
    return f"{url} is larger than the {cap // 1024} KiB limit."


# The resolver's and the socket's own texts ("[Errno -2] Name or service not known", "[Errno
# 111] Connect call failed ('127.0.0.1', 1)") say it in C library terms; these say it in words.
_DNS_REASONS = {
    socket.EAI_NONAME: "no such host",
    socket.EAI_AGAIN: "the name server did not answer; try again later",
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME): "no such host",
}
_CONNECT_REASONS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "the connection was reset",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "timed out",
}


def dns_reason(error: OSError) -> str:
    """Why a host name did not resolve, in words: 'no such host'."""
    return _in_words(error, _DNS_REASONS, "the name could not be looked up")


def connect_reason(error: OSError) -> str:
    """Why a connection failed, in words: 'connection refused'."""
    fallback = (error.strerror or "the connection failed").rstrip(".").lower()
    return _in_words(error, _CONNECT_REASONS, fallback)


def _in_words(error: OSError, known: dict[int, str], fallback: str) -> str:
    if error.errno is None and str(error):  # our own resolver's sentence (private addresses)
        return str(error)
    return known.get(error.errno or 0, fallback)


def _describe(error: aiohttp.ClientError) -> str:
    text = str(error).strip()
    return text or type(error).__name__
