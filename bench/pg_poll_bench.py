"""Feed polling by one and by two processes sharing a PostgreSQL store: no feed polled twice.

Usage: .venv/bin/python -m bench.pg_poll_bench [--feeds 200] [--latency 0.3] [--rounds 3]
                                               [--json out.json]
Each run gets a new database on a throwaway local cluster (``tests.pg``), follows ``--feeds``
one-item Atom feeds served from 127.0.0.1 (``tests.processes.feed_site``: every answer waits
``--latency`` seconds, like a site across the internet) and polls them all with one or with two
processes, in two ways:

- cold: ``briefbot feed poll`` processes (the CLI, as from cron), timed from their start to
  their exit ("wall", interpreter start-up and first loads included);
- warm: processes that have started and loaded (``bench.poll_child``, as a running bot is) and
  then run one ``Feeds.poll_due`` pass together, timed from the cue to the last one's end.

"span" is the site's first request to its last answer. Runs alternate (one process, then two),
so load on the machine falls on both. Every run checks its work: each feed asked exactly once,
each article stored once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.store import ArticleStore
from tests.pg import Cluster, missing_reason, start_cluster
from tests.processes.children import child_environment, cli, start
from tests.processes.conftest import follow_all, poller_settings
from tests.processes.feed_site import FeedSite


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


async def _cold_pass(url: str, processes: int, folder: Path) -> float:
    """``processes`` CLI ``feed poll`` processes from start to exit; the seconds."""
    started = time.perf_counter()
    pollers = [
        await start(cli("feed", "poll"), folder, poller_settings(url), name=f"poller{n}")
        for n in range(processes)
    ]
    statuses = [await poller.finish(within=600.0) for poller in pollers]
    wall = time.perf_counter() - started
    if statuses != [0] * processes:
        raise RuntimeError(f"a poller failed: {[p.output()[-2000:] for p in pollers]}")
    return wall


async def _warm_pass(url: str, processes: int, folder: Path) -> float:
    """``processes`` loaded ``bench.poll_child`` processes, one pass from the cue; the seconds."""
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.poll_child",
            cwd=folder,
            env=child_environment(folder / f"warm{n}", poller_settings(url)),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        for n in range(processes)
    ]
    for child in children:
        assert child.stdout is not None
        if (await child.stdout.readline()).strip() != b"ready":
            raise RuntimeError("a warm poller did not start")
    started = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write(b"go\n")
        await child.stdin.drain()
    outputs = [await child.communicate() for child in children]
    wall = time.perf_counter() - started
    if any(child.returncode != 0 for child in children):
        raise RuntimeError(f"a warm poller failed: {outputs}")
    return wall


async def one_run(
    cluster: Cluster, processes: int, args: argparse.Namespace, folder: Path, *, warm: bool
) -> dict[str, float]:
    """Poll every feed with ``processes`` processes on a fresh database; the timings."""
    url = cluster.create_database()
    site = FeedSite(args.feeds, 1, published_at=datetime.now(UTC), latency=args.latency)
    await site.start()
    try:
        await follow_all(url, site)
        cpu_before = _children_cpu()
        if warm:
            wall = await _warm_pass(url, processes, folder)
        else:
            wall = await _cold_pass(url, processes, folder)
        cpu = _children_cpu() - cpu_before
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
    samples: dict[str, list[dict[str, float]]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="briefbot-poll-bench-") as folder:
            for round_number in range(args.rounds):
                for warm in (False, True):
                    for processes in (1, 2):
                        name = f"{'warm' if warm else 'cold'}_{processes}"
                        timing = await one_run(cluster, processes, args, Path(folder), warm=warm)
                        samples.setdefault(name, []).append(timing)
                        print(
                            f"round {round_number + 1}, {name}: wall {timing['wall_s']:.2f} s, "
                            f"span {timing['span_s']:.2f} s, CPU {timing['cpu_s']:.2f} s",
                            flush=True,
                        )
    finally:
        cluster.stop()
    medians = {
        name: {
            key: statistics.median(t[key] for t in runs) for key in ("wall_s", "span_s", "cpu_s")
        }
        for name, runs in samples.items()
    }
    ratios = {
        f"{mode}_{key}": medians[f"{mode}_2"][key] / medians[f"{mode}_1"][key]
        for mode in ("cold", "warm")
        for key in ("wall_s", "span_s")
    }
    return {
        "feeds": args.feeds,
        "latency_s": args.latency,
        "rounds": args.rounds,
        "medians": medians,
        "two_over_one": ratios,
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
    print(f"{args.feeds} feeds at {args.latency * 1000:.0f} ms, medians of {args.rounds}:")
    for mode in ("cold", "warm"):
        one, two = figures["medians"][f"{mode}_1"], figures["medians"][f"{mode}_2"]
        ratio = figures["two_over_one"]
        print(
            f"  {mode}: one process wall {one['wall_s']:.2f} s, span {one['span_s']:.2f} s, "
            f"CPU {one['cpu_s']:.2f} s; two processes wall {two['wall_s']:.2f} s, "
            f"span {two['span_s']:.2f} s, CPU {two['cpu_s']:.2f} s; two/one "
            f"{ratio[f'{mode}_wall_s']:.2f} wall, {ratio[f'{mode}_span_s']:.2f} span"
        )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
