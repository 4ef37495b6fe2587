"""Multi-outlet brief quality on ECB+ topics 1-35 through the real CLI, with the reference scorer.

Usage: .venv/bin/python bench/quality_briefs.py [-v] [--work DIR] [--wordings]
Runs ``../shared/eval/scripts/brief_eval.py`` (answered queries, references on topic and story,
faithful citations, section problems) against this checkout's ``briefbot``; ``-v`` lists every
failing item. ``--wordings`` then counts, over the same briefs, the other outlets shown as
disagreeing ("Sources differ") or corroborating, and prints each disagreement.
Topics 36-45 are held out by the data's owners and decide.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
_STORIES = _ROOT.parent / "shared" / "eval" / "stories"
_SCORER = _ROOT.parent / "shared" / "eval" / "scripts" / "brief_eval.py"


def main(argv: list[str] | None = None) -> int:
    """Run the reference brief scorer on the ECB+ store and return its exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing item")
    parser.add_argument("--work", type=Path, help="keep the scratch store in this folder")
    parser.add_argument(
        "--wordings", action="store_true", help="count disagreeing and corroborating outlets"
    )
    args = parser.parse_args(argv)
    if args.wordings and args.work is None:
        args.work = Path(tempfile.mkdtemp(prefix="brief-eval-"))
    if not _SCORER.exists():
        print(f"{_SCORER} is absent: ../shared is only beside team clones and CI", file=sys.stderr)
        return 2
    briefbot = Path(sys.executable).with_name("briefbot")
    command = [
        sys.executable,
        str(_SCORER),
        "--briefbot",
        str(briefbot),
        "--data",
        str(_STORIES / "ecbplus_topics_1-35.jsonl"),
        "--queries",
        str(_STORIES / "queries_topics_1-35.tsv"),
    ]
    if args.work:
        command += ["--work", str(args.work)]
    if args.verbose:
        command.append("-v")
    status = subprocess.run(command, check=False).returncode
    if args.wordings:
        _count_wordings(briefbot, args.work)
    return status


def _sentences(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if isinstance(value.get("text"), str) and "disagreements" in value:
            yield value
        for inner in value.values():
            yield from _sentences(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _sentences(inner)


def _count_wordings(briefbot: Path, work: Path) -> None:
    """Brief every query again on the scorer's store and count the other outlets' wordings."""
    env = dict(os.environ, HOME=str(work / "home"), BRIEFBOT_DATA_DIR=str(work / "data"))
    lines = (_STORIES / "queries_topics_1-35.tsv").read_text(encoding="utf-8").splitlines()[1:]
    disagreeing = corroborating = 0
    for line in filter(None, lines):
        query = line.split("\t")[2]
        result = subprocess.run(
            [str(briefbot), "brief", *query.split(), "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            continue
        for sentence in _sentences(json.loads(result.stdout)):
            corroborating += len(sentence["corroborations"])
            for other in sentence["disagreements"]:
                disagreeing += 1
                differs = "; ".join(f"{d['ours']} / {d['theirs']}" for d in other["differences"])
                print(f"differ {query!r}: {differs}")
    print(f"other outlets: {disagreeing} disagreeing, {corroborating} corroborating")


if __name__ == "__main__":
    sys.exit(main())
