"""Feed polling by one and by two ``briefbot feed poll`` processes sharing a PostgreSQL store.

Usage: .venv/bin/python -m bench.pg_poll_bench [--feeds 200] [--latency 0.3] [--rounds 3]
                                               [--json out.json]
Each run gets a new database on a throwaway local cluster (``tests.pg``), follows ``--feeds``
one-item Atom feeds served from 127.0.0.1 (``tests.processes.feed_site``: every answer waits
``--latency`` seconds, like a site across the internet), and times the real CLI processes from
their start to their exit ("wall", interpreter start-up included) and the site's first request
to its last answer ("span"). One-process and two-process runs alternate, so load on the machine
falls on both. Every run checks its work: each feed asked exactly once, each article stored once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.store import ArticleStore
from tests.pg import Cluster, missing_reason, start_cluster
from tests.processes.children import cli, start
from tests.processes.conftest import follow_all, poller_settings
from tests.processes.feed_site import FeedSite


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def one_run(
    cluster: Cluster, processes: int, args: argparse.Namespace, folder: Path
) -> dict[str, float]:
    """Poll every feed with ``processes`` CLI processes on a fresh database; the timings."""
    url = cluster.create_database()
    site = FeedSite(args.feeds, 1, published_at=datetime.now(UTC), latency=args.latency)
    await site.start()
    try:
        await follow_all(url, site)
        started = time.perf_counter()
        cpu_before = _children_cpu()
        pollers = [
            await start(cli("feed", "poll"), folder, poller_settings(url), name=f"poller{n}")
            for n in range(processes)
        ]
        statuses = [await poller.finish(within=600.0) for poller in pollers]
        wall = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if statuses != [0] * processes:
            raise RuntimeError(f"a poller failed: {[p.output()[-2000:] for p in pollers]}")
        twice = sorted(n for n, asked in site.requests.items() if asked != 1)
        if len(site.requests) != args.feeds or twice:
            raise RuntimeError(f"feeds not polled exactly once: {twice or 'some never'}")
        async with await ArticleStore.open(url, workers=1) as store:
            stored = await store.count_articles()
        if stored != args.feeds:
            raise RuntimeError(f"{stored} articles stored for {args.feeds} one-item feeds")
        return {"wall_s": wall, "span_s": site.span, "cpu_s": cpu}
    finally:
        await site.stop()
        cluster.drop_database(url)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Alternate one- and two-process runs for ``args.rounds`` rounds; medians and ratios."""
    cluster = start_cluster()
    samples: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    try:
        with tempfile.TemporaryDirectory(prefix="briefbot-poll-bench-") as folder:
            for round_number in range(args.rounds):
                for processes in (1, 2):
                    timing = await one_run(cluster, processes, args, Path(folder))
                    samples[processes].append(timing)
                    print(
                        f"round {round_number + 1}, {processes} process(es): "
                        f"wall {timing['wall_s']:.2f} s, span {timing['span_s']:.2f} s, "
                        f"CPU {timing['cpu_s']:.2f} s",
                        flush=True,
                    )
    finally:
        cluster.stop()
    medians = {
        processes: {
            key: statistics.median(t[key] for t in runs) for key in ("wall_s", "span_s", "cpu_s")
        }
        for processes, runs in samples.items()
    }
    return {
        "feeds": args.feeds,
        "latency_s": args.latency,
        "rounds": args.rounds,
        "one_process": medians[1],
        "two_processes": medians[2],
        "ratio_wall": medians[2]["wall_s"] / medians[1]["wall_s"],
        "ratio_span": medians[2]["span_s"] / medians[1]["span_s"],
        "samples": samples,
    }


def main() -> None:
    """Run the benchmark and print (or write) its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per feed request")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    reason = missing_reason()
    if reason is not None:
        raise SystemExit(f"cannot start a throwaway PostgreSQL cluster: {reason}")
    figures = asyncio.run(run(args))
    one, two = figures["one_process"], figures["two_processes"]
    print(
        f"{args.feeds} feeds at {args.latency * 1000:.0f} ms, median of {args.rounds}: "
        f"one process wall {one['wall_s']:.2f} s (span {one['span_s']:.2f} s, "
        f"CPU {one['cpu_s']:.2f} s), two processes wall {two['wall_s']:.2f} s "
        f"(span {two['span_s']:.2f} s, CPU {two['cpu_s']:.2f} s); "
        f"two/one = {figures['ratio_wall']:.2f} wall, {figures['ratio_span']:.2f} span"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
