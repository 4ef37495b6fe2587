"""Side-by-side ROUGE of our summariser, Lead-3, sumy LexRank and TextRank on the CNN/DM 250 sample.

Usage: .venv/bin/python bench/quality_summary.py [--data PATH] [--k 3] [--only-ours]
Needs the dev tools ``rouge-score`` and ``sumy``; sentences are the pre-split ``article_lines``
and sumy gets a regex word tokenizer, as ``../shared/eval/scripts/run_summ_baselines.py`` does
(no NLTK punkt data needed).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.core.brief.selection import summarise

Summariser = Callable[[list[str], int], list[str]]

_DEFAULT_DATA = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "eval"
    / "cnndm"
    / "cnndm_test_250.jsonl"
)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)


class _RegexTokenizer:
    """A sumy-compatible tokenizer that needs no NLTK punkt data."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        """Split on terminal punctuation (unused: sentences come pre-split)."""
        return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s]

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Regex word tokens."""
        return tuple(_WORD.findall(sentence))


def _sumy(name: str) -> Summariser:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence  # type: ignore[import-untyped]
    from sumy.nlp.stemmers import Stemmer  # type: ignore[import-untyped]
    from sumy.summarizers.lex_rank import LexRankSummarizer  # type: ignore[import-untyped]
    from sumy.summarizers.text_rank import TextRankSummarizer  # type: ignore[import-untyped]
    from sumy.utils import get_stop_words  # type: ignore[import-untyped]

    cls: Any = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[name]
    summariser = cls(Stemmer("english"))
    summariser.stop_words = get_stop_words("english")
    tokenizer = _RegexTokenizer()

    def run(sentences: list[str], k: int) -> list[str]:
        document = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
        return [str(s) for s in summariser(document, k)]

    return run


def _lead(sentences: list[str], k: int) -> list[str]:
    return sentences[:k]


def _evaluate(system: Summariser, docs: list[dict[str, Any]], k: int) -> dict[str, float]:
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    started = time.perf_counter()
    outputs = [system(d["article_lines"], k) for d in docs]
    seconds = time.perf_counter() - started
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    for doc, output in zip(docs, outputs, strict=True):
        scores = scorer.score("\n".join(doc["reference_lines"]), "\n".join(output))
        for key in totals:
            totals[key] += 100 * scores[key].fmeasure
    result = {key: value / len(docs) for key, value in totals.items()}
    result["docs_per_s"] = len(docs) / seconds if seconds else math_inf()
    return result


def math_inf() -> float:
    """Infinity, for systems too fast to time."""
    return float("inf")


def main() -> int:
    """Print the ROUGE table; exit 2 when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=_DEFAULT_DATA)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--only-ours", action="store_true", help="skip the sumy peers")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no eval data at {args.data}", file=sys.stderr)
        return 2
    with args.data.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle if line.strip()]
    systems: dict[str, Summariser] = {"briefbot summarise": summarise, "Lead-3": _lead}
    if not args.only_ours:
        systems["LexRank (sumy)"] = _sumy("lexrank")
        systems["TextRank (sumy)"] = _sumy("textrank")
    print(f"N = {len(docs)} documents, k = {args.k} ({args.data.resolve()})\n")
    print("| system | R-1 | R-2 | R-Lsum | docs/s |")
    print("|---|---|---|---|---|")
    for name, system in systems.items():
        r = _evaluate(system, docs, args.k)
        print(
            f"| {name} | {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeLsum']:.2f} "
            f"| {r['docs_per_s']:.0f} |",
            flush=True,
        )
    print(f"\nmedian article length: {statistics.median(len(d['article_lines']) for d in docs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
