"""Multi-outlet brief quality on ECB+ topics 1-35 through the real CLI, with the reference scorer.

Usage: .venv/bin/python bench/quality_briefs.py [-v] [--work DIR]
Runs ``../shared/eval/scripts/brief_eval.py`` (answered queries, references on topic and story,
faithful citations, section problems) against this checkout's ``briefbot``; ``-v`` lists every
failing item. Topics 36-45 are held out by the data's owners and decide.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
_STORIES = _ROOT.parent / "shared" / "eval" / "stories"
_SCORER = _ROOT.parent / "shared" / "eval" / "scripts" / "brief_eval.py"


def main(argv: list[str] | None = None) -> int:
    """Run the reference brief scorer on the ECB+ store and return its exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing item")
    parser.add_argument("--work", type=Path, help="keep the scratch store in this folder")
    args = parser.parse_args(argv)
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
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
