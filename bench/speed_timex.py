"""Documents per second of the temporal tagger on one core (median of several runs).

Usage: .venv/bin/python bench/speed_timex.py [--gold DIR] [--runs 7]
Texts are the TE3 platinum documents (``../shared/eval``) when present, else the seed articles.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import statistics
import time
from datetime import datetime
from pathlib import Path
from types import ModuleType

from bot.core.timex import tag

_ROOT = Path(__file__).resolve().parents[1]
_GOLD = _ROOT / ".." / "shared" / "eval" / "tempeval3" / "te3-platinum"


def load_scorer() -> ModuleType | None:
    """The reference scorer as a module, or None when ``../shared`` is absent."""
    path = _ROOT / ".." / "shared" / "eval" / "scripts" / "timex_eval.py"
    spec = importlib.util.spec_from_file_location("timex_eval", path)
    if not path.exists() or spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(gold: str) -> tuple[str, list[tuple[str, datetime]]]:
    """The texts to tag with their creation times, and where they came from."""
    te = load_scorer()
    files = sorted(glob.glob(os.path.join(gold, "**/*.tml"), recursive=True))
    if te is not None and files:
        docs = [te.parse_timeml(path) for path in files]
        return gold, [(d["text"], te.dct_to_datetime(d["dct"])) for d in docs]
    seeds = sorted((_ROOT / "seeds").glob("*.txt"))
    return "seeds", [(p.read_text(encoding="utf-8"), datetime(2022, 9, 7, 12)) for p in seeds]


def main() -> int:
    """Tag the corpus ``runs`` times after a warm-up and print the median docs/s."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=str(_GOLD))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    source, docs = corpus(args.gold)
    for text, dct in docs:
        tag(text, dct)
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for text, dct in docs:
            tag(text, dct)
        rates.append(len(docs) / (time.perf_counter() - started))
    words = sum(len(text.split()) for text, _ in docs) / len(docs)
    print(f"corpus: {source} ({len(docs)} docs, {words:.0f} words/doc)")
    print(f"docs/s median of {args.runs}: {statistics.median(rates):.0f} "
          f"(min {min(rates):.0f}, max {max(rates):.0f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
