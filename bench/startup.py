"""Start-up benchmark: wall time of ``briefbot --help``, ``articles`` and ``search`` vs ``python -c pass``.

Usage: .venv/bin/python -m bench.startup [--repeat 21] [--json out.json]
Every command runs as a fresh subprocess, interleaved round by round so a noisy neighbour slows all
of them alike; the store is a temporary data folder loaded from the seeds by one untimed run first.
Targets (issue 16): at most 10x ``python -c pass`` for ``--help`` and 15x for ``articles``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGETS = {"briefbot --help": 10.0, "briefbot articles": 15.0}


def briefbot_command() -> list[str]:
    """The installed ``briefbot`` script next to this interpreter, else ``python -m bot``."""
    script = Path(sys.executable).with_name("briefbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def commands() -> dict[str, list[str]]:
    """Each measured command line by its label; the first is the baseline."""
    briefbot = briefbot_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "briefbot --help": [*briefbot, "--help"],
        "briefbot articles": [*briefbot, "articles"],
        "briefbot search chips": [*briefbot, "search", "chips"],
    }


def bench_environment(data_dir: Path) -> dict[str, str]:
    """The caller's environment without its briefbot settings, pointed at a temporary store."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    environment.update(BRIEFBOT_DATA_DIR=str(data_dir), BRIEFBOT_SEEDS_DIR=str(SEEDS), NO_COLOR="1")
    return environment


def run_once(argv: list[str], environment: dict[str, str], cwd: Path) -> float:
    """Wall seconds of one run; a failing command stops the benchmark (its figure would lie)."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=environment, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def measure(repeat: int, folder: Path) -> dict[str, float]:
    """Median wall seconds of each command over ``repeat`` interleaved rounds."""
    environment = bench_environment(folder / "data")
    lines = commands()
    # Untimed: seeds the store and warms the file cache and the bytecode caches.
    for argv in lines.values():
        run_once(argv, environment, folder)
    samples: dict[str, list[float]] = {label: [] for label in lines}
    for _ in range(repeat):
        for label, argv in lines.items():
            samples[label].append(run_once(argv, environment, folder))
    return {label: statistics.median(times) for label, times in samples.items()}


def report(medians: dict[str, float]) -> list[dict[str, object]]:
    """Print one line per command (median and ratio to the baseline) and return the rows."""
    baseline = medians["python -c pass"]
    rows: list[dict[str, object]] = []
    print(f"{'command':<24}{'median ms':>10}{'x pass':>8}  target")
    for label, seconds in medians.items():
        ratio = seconds / baseline
        target = TARGETS.get(label)
        verdict = (
            "" if target is None else f"<= {target:g}x " + ("ok" if ratio <= target else "MISSED")
        )
        print(f"{label:<24}{seconds * 1000:>10.1f}{ratio:>7.1f}x  {verdict}")
        rows.append(
            {"command": label, "median_ms": seconds * 1000, "ratio": ratio, "target": target}
        )
    return rows


def main() -> None:
    """Measure the start-up of the light commands against a bare interpreter."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21, help="timed runs of each command")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="briefbot-startup-"))
    try:
        print(f"{args.repeat} runs each, median; briefbot is {' '.join(briefbot_command())}")
        rows = report(measure(args.repeat, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
