"""One warm polling process for ``bench.pg_poll_bench``: start, load, then one polling pass on cue.

A bot polls feeds from a process that has long started; this child stands for one. It opens the
store from its ``BRIEFBOT_*`` settings as the CLI does, loads what a first poll would load
(the feed parser, the language model), prints ``ready``, waits for a line on stdin, runs one
``Feeds.poll_due`` pass and prints the pass's seconds and the feeds it polled as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

from bot.core.article_gate import ArticleGate
from bot.ingest.feeds import parse_feed
from bot.ingest.language import detect_language
from bot.service import Briefings
from bot.service.feeds import FeedPolicy, Feeds
from bot.settings import load_settings
from bot.store import ArticleStore

_WARM_FEED = (
    "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>warm</title>"
    "<id>urn:warm</id><entry><title>Warm</title><id>urn:warm:1</id>"
    "<content type='html'>A sentence to load the parser with.</content></entry></feed>"
)


async def main() -> None:
    """Load, report ready, wait for the cue, poll once, report."""
    settings = load_settings()
    store = await ArticleStore.open(settings.store_location)
    try:
        gate = ArticleGate(max_text_bytes=settings.max_article_kb * 1024)
        service = Briefings(store, seeds_dir=settings.seeds_path, gate=gate)
        feeds = Feeds(service, policy=FeedPolicy.from_settings(settings))
        parse_feed(_WARM_FEED.encode(), url="http://127.0.0.1/warm", content_type=None)
        detect_language("Chipmakers said on Tuesday they would build three new plants.")
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)
        started = time.perf_counter()
        summary = await feeds.poll_due()
        seconds = time.perf_counter() - started
    finally:
        await store.close()
    print(json.dumps({"seconds": seconds, "polled": len(summary.results)}), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
