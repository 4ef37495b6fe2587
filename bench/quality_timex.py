"""Side-by-side TempEval-3 scores of our temporal tagger and dateparser, from the same run.

Usage: .venv/bin/python bench/quality_timex.py [--gold DIR] [--only-ours]
Scores with the reference scorer's own functions (``../shared/eval/scripts/timex_eval.py``,
loaded with importlib): strict and relaxed extent F1, value accuracy, value F1 (relaxed F1 x
value accuracy, as TE3 reports it) and documents per second. Default gold: TE3 platinum.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
_SCORER = _SHARED / "scripts" / "timex_eval.py"


def load_scorer() -> ModuleType | None:
    """The reference scorer as a module, or None when ``../shared`` is absent."""
    if not _SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("timex_eval", _SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(te: Any, tagger: Any, docs: list[dict[str, Any]]) -> dict[str, float]:
    """Strict/relaxed F1, value accuracy, value F1 and docs/s, counted as the scorer counts."""
    n_gold = n_sys = strict = relaxed = value_ok = 0
    seconds = 0.0
    for doc in docs:
        base = te.dct_to_datetime(doc["dct"])
        started = time.perf_counter()
        found = tagger.tag(doc["text"], base, "sentence")
        seconds += time.perf_counter() - started
        gold = doc["gold"]
        n_gold += len(gold)
        n_sys += len(found)
        for gi, si, exact in te.match(gold, found):
            relaxed += 1
            strict += exact
            value_ok += te.value_eq(gold[gi]["value"], found[si]["value"])
    accuracy = 100 * value_ok / relaxed if relaxed else 0.0
    relaxed_f1 = te.prf(relaxed, n_sys, n_gold)[2]
    return {
        "strict_f1": te.prf(strict, n_sys, n_gold)[2],
        "relaxed_f1": relaxed_f1,
        "value_accuracy": accuracy,
        "value_f1": relaxed_f1 * accuracy / 100,
        "docs_per_s": len(docs) / seconds if seconds else 0.0,
    }


def main() -> int:
    """Print ours beside dateparser on the chosen TimeML gold directory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=str(_SHARED / "tempeval3" / "te3-platinum"))
    parser.add_argument("--only-ours", action="store_true")
    args = parser.parse_args()
    te = load_scorer()
    if te is None:
        print(f"skipped: reference scorer not found at {_SCORER} (../shared is absent)")
        return 0
    files = sorted(glob.glob(os.path.join(args.gold, "**/*.tml"), recursive=True))
    docs = [te.parse_timeml(path) for path in files]
    taggers: list[tuple[str, Any]] = [
        ("briefbot timex", te.PluginTagger("py:bot.core.timex:tag_timexes"))
    ]
    if not args.only_ours:
        try:
            taggers.append(("dateparser search_dates", te.DateparserTagger()))
        except ImportError:
            print("dateparser not installed: showing ours only", file=sys.stderr)
    print(f"gold: {args.gold} ({len(docs)} documents, {sum(len(d['gold']) for d in docs)} TIMEX3)")
    print(f"{'tagger':26s} {'strict F1':>9s} {'relaxed F1':>10s} {'value acc':>9s} "
          f"{'value F1':>8s} {'docs/s':>8s}")  # fmt: skip
    for name, tagger in taggers:
        row = score(te, tagger, docs)
        print(f"{name:26s} {row['strict_f1']:9.1f} {row['relaxed_f1']:10.1f} "
              f"{row['value_accuracy']:9.1f} {row['value_f1']:8.1f} "
              f"{row['docs_per_s']:8.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
