"""A misbehaving news site on 127.0.0.1: RSS, Atom and article pages, plus failures on demand."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Story:
    """One article the site publishes: its slug, title, date and paragraphs."""

    slug: str
    title: str
    published_at: datetime | None
    paragraphs: tuple[str, ...]
    guid: str | None = None
    author: str | None = "Dana Reporter"


def story(slug: str, title: str, published_at: datetime | None, topic: str = "chips") -> Story:
    """A story with five distinct, sentence-rich paragraphs about ``topic``."""
    paragraphs = tuple(
        f"{title}: paragraph {n} explains how the {topic} decision affects suppliers, "
        f"buyers and regulators in detail, according to officials who spoke on {slug} day {n}."
        for n in range(1, 6)
    )
    return Story(slug, title, published_at, paragraphs)


def article_page(item: Story, *, site_name: str = "Test Wire", meta_date: str | None = None) -> str:
    """A realistic article page with navigation and footer around the story."""
    date_meta = (
        f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(item.title)}</title>"
        f'<meta property="og:site_name" content="{site_name}">'
        f'<meta name="author" content="{item.author or ""}">{date_meta}'
        "</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(item.title)}</h1>{body}</article>"
        "<footer>Copyright Test Wire. All rights reserved.</footer></body></html>"
    )


def rss(base: str, stories: Sequence[Story], *, title: str = "Test Wire: Tech") -> str:
    """An RSS 2.0 document whose items link to pages on ``base``."""
    items = []
    for item in stories:
        date = (
            f"<pubDate>{format_datetime(item.published_at)}</pubDate>" if item.published_at else ""
        )
        guid = f"<guid isPermaLink='false'>{escape(item.guid)}</guid>" if item.guid else ""
        items.append(
            f"<item><title>{escape(item.title)}</title>"
            f"<link>{base}/news/{item.slug}?utm_source=rss</link>{guid}{date}"
            f"<description>{escape(item.paragraphs[0])}</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>{base}/</link>"
        f"<description>Tech news</description>{''.join(items)}</channel></rss>"
    )


def atom(base: str, stories: Sequence[Story], *, title: str = "Atom Daily") -> str:
    """An Atom document carrying each story's full text (no page fetch needed)."""
    entries = []
    for item in stories:
        stamp = item.published_at.isoformat() if item.published_at else ""
        dates = f"<updated>{stamp}</updated><published>{stamp}</published>" if stamp else ""
        content = escape("".join(f"<p>{p}</p>" for p in item.paragraphs * 3))
        entries.append(
            f"<entry><title>{escape(item.title)}</title><id>urn:atom:{item.slug}</id>"
            f"<link href='{base}/atom/{item.slug}'/>{dates}"
            f"<author><name>{item.author}</name></author>"
            f"<content type='html'>{content}</content></entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{escape(title)}</title><id>urn:atom:feed</id>"
        f"<link href='{base}/'/>{''.join(entries)}</feed>"
    )


@dataclass
class Site:
    """The running site: its base address, routes that tests replace, and a request log."""

    base: str = ""
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The absolute address of ``path`` on the site."""
        return f"{self.base}{path}"

    def serve(
        self,
        path: str,
        body: str | bytes,
        *,
        content_type: str = "text/html",
        etag: str | None = None,
        modified: str | None = None,
    ) -> None:
        """Answer ``path`` with a fixed body; ETag/Last-Modified validators enable 304s."""
        data = body.encode() if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.StreamResponse:
            if etag and request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            if modified and request.headers.get("If-Modified-Since") == modified:
                return web.Response(status=304)
            out = {"Content-Type": content_type}
            if etag:
                out["ETag"] = etag
            if modified:
                out["Last-Modified"] = modified
            return web.Response(body=data, headers=out)

        self.routes[path] = handler

    def status(self, path: str, code: int) -> None:
        """Answer ``path`` with an error status."""

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=code, text=f"status {code}")

        self.routes[path] = handler

    def redirect(self, path: str, target: str, code: int = 302) -> None:
        """Redirect ``path`` to ``target``."""

        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=code, headers={"Location": target})

        self.routes[path] = handler

    def slow(self, path: str, seconds: float) -> None:
        """Answer ``path`` only after ``seconds``."""

        async def handler(request: web.Request) -> web.StreamResponse:
            await asyncio.sleep(seconds)
            return web.Response(text="late")

        self.routes[path] = handler

    def endless(self, path: str, *, content_type: str = "application/rss+xml") -> None:
        """Stream a body that never ends (bounded here so the server stops by itself)."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": content_type})
            await response.prepare(request)
            await response.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            chunk = b"<item><title>again</title></item>" * 2000
            for _ in range(2000):
                try:
                    await response.write(chunk)
                except (ConnectionResetError, RuntimeError):
                    break
            return response

        self.routes[path] = handler

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        """Route a request to its handler, logging it."""
        self.hits.append((request.path, dict(request.headers)))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="not found")
        return await handler(request)

    def count(self, path: str) -> int:
        """How many requests ``path`` received."""
        return sum(1 for hit, _ in self.hits if hit == path)
