"""Feed polling throughput: a full pass over local feeds, a pass where all answer 304, extraction rate.

Usage: .venv/bin/python -m bench.feeds_bench [--feeds 200] [--items 50] [--keep PATH]
A separate process serves FEEDS RSS feeds of ITEMS items each (distinct article pages with
navigation and footer) on 127.0.0.1 with ETags. The real ``Feeds`` service polls them all into a
fresh store: every item's page is fetched and extracted by trafilatura, then stored (dedup
included). A second pass, where every feed answers 304, measures the cost of an idle poll.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from aiohttp import web

from bot.ingest.fetch import FetchLimits
from bot.service import Briefings
from bot.service.feeds import FeedPolicy, Feeds
from bot.store import ArticleStore

NOW_AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
_WORDS = (  # noqa: SIM905 - one readable block beats 35 quoted words
    "chip export rule supplier foundry wafer memory price demand tariff market lithography "
    "regulator minister company quarter profit shipment factory order capacity plan talks deal "
    "analyst forecast growth decline investment subsidy research design tool license ban"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(14, 24))]
    return " ".join(words).capitalize() + "."


def _page(feed: int, item: int) -> bytes:
    rng = random.Random(feed * 1000 + item)
    paragraphs = "".join(
        f"<p>{' '.join(_sentence(rng) for _ in range(3))}</p>" for _ in range(rng.randint(5, 9))
    )
    title = f"Feed {feed} story {item}: {_sentence(rng)[:60]}"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Wire {feed}'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/tech'>Tech</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<aside>Most read: other stories</aside><footer>Copyright Wire.</footer></body></html>"
    ).encode()


def _feed(base: str, feed: int, items: int) -> bytes:
    entries = "".join(
        f"<item><title>Feed {feed} story {n}</title><link>{base}/p/{feed}/{n}?utm_source=rss</link>"
        f"<guid>{base}/p/{feed}/{n}</guid>"
        f"<pubDate>{format_datetime(NOW_AT - timedelta(hours=n))}</pubDate>"
        f"<description>Summary of story {n}.</description></item>"
        for n in range(items)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Wire {feed}</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def _serve(port_queue: multiprocessing.Queue[int], feeds: int, items: int) -> None:
    async def main() -> None:
        base_box: list[str] = []

        async def feed(request: web.Request) -> web.StreamResponse:
            number = int(request.match_info["feed"])
            etag = f'"feed-{number}"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(
                body=_feed(base_box[0], number, items),
                headers={"ETag": etag, "Content-Type": "application/rss+xml"},
            )

        async def page(request: web.Request) -> web.StreamResponse:
            body = _page(int(request.match_info["feed"]), int(request.match_info["item"]))
            return web.Response(body=body, content_type="text/html")

        app = web.Application()
        app.router.add_get("/f/{feed}.xml", feed)
        app.router.add_get("/p/{feed}/{item}", page)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        port = runner.addresses[0][1]
        base_box.append(f"http://127.0.0.1:{port}")
        port_queue.put(port)
        await asyncio.sleep(3600)  # the parent terminates this process when done

    asyncio.run(main())


async def run(feeds: int, items: int, base: str, path: Path) -> None:
    """Add the feeds, time the full pass and the 304 pass, and print the figures."""
    store = await ArticleStore.open(path)
    clock_at = [NOW_AT]
    try:
        briefings = Briefings(store, seeds_dir=path.parent / "no-seeds", clock=lambda: clock_at[0])
        limits = FetchLimits(timeout_seconds=60.0, allow_private_hosts=True, connections=64)
        policy = FeedPolicy(limits=limits, concurrent_feeds=16, concurrent_pages=32)
        service = Feeds(briefings, policy=policy, clock=lambda: clock_at[0])
        for number in range(feeds):
            await store.add_feed(
                f"{base}/f/{number}.xml", title=None, interval_minutes=30, added_at=NOW_AT
            )
        started = time.perf_counter()
        full = await service.poll_due()
        full_seconds = time.perf_counter() - started
        clock_at[0] += timedelta(hours=1)
        started = time.perf_counter()
        idle = await service.poll_due()
        idle_seconds = time.perf_counter() - started
        stored = await store.count_articles()
    finally:
        await store.close()
    not_modified = sum(r.not_modified for r in idle.results)
    print(f"feeds {feeds} x items {items} = {feeds * items} items")
    print(
        f"full pass: {full_seconds:.1f} s, {full.added} articles added, {full.failed} feeds failed,"
        f" {stored} stored"
    )
    print(f"pages fetched, extracted (trafilatura) and stored: {full.added / full_seconds:.1f} /s")
    print(f"304 pass: {idle_seconds:.2f} s, {not_modified}/{len(idle.results)} not modified")


def main() -> None:
    """Parse arguments, start the local site in its own process, run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--keep", type=Path, help="store file to write (default: a temp file)")
    args = parser.parse_args()
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(queue, args.feeds, args.items))
    server.start()
    try:
        base = f"http://127.0.0.1:{queue.get(timeout=30)}"
        with tempfile.TemporaryDirectory() as folder:
            path = args.keep or Path(folder) / "feeds-bench.db"
            asyncio.run(run(args.feeds, args.items, base, path))
    finally:
        server.terminate()
        server.join(10)


if __name__ == "__main__":
    main()
