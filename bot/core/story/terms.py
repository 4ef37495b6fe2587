"""The words that identify an article's story: weighted stems of title and lead, names, CJK bigrams."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.brief.stemming import STOP_WORDS, stem
from bot.core.cjk import CJK_RUN, bigrams_of, cjk_runs

LEAD_WORDS = 150
TITLE_WEIGHT = 2.0
# A capitalised word inside a sentence is a name (person, place, organisation, team): the
# strongest sign of which event a report is about, so it counts twice.
NAME_WEIGHT = 2.0
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_OPENERS = frozenset('.!?:;"“”‘([—–-\n')
_CJK_STOP = frozenset("的了是在和有与也就都而及或被把对为中这那之其")


_stem = lru_cache(maxsize=100_000)(stem)


@dataclass(frozen=True, slots=True)
class StoryTerms:
    """An article's story features: weighted term counts and the names (stems) it mentions."""

    counts: dict[str, float]
    names: frozenset[str]


def _cjk_bigrams(run: str) -> list[str]:
    return bigrams_of("".join(c for c in run if c not in _CJK_STOP))


def _opens_sentence(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] == " ":
        index -= 1
    return index < 0 or text[index] in _OPENERS


def _add_text(text: str, weight: float, counts: dict[str, float], names: set[str]) -> None:
    name_weight = weight * NAME_WEIGHT
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if not token.isascii() and CJK_RUN.search(token):
            for run in cjk_runs(token):
                for gram in _cjk_bigrams(run):
                    counts[gram] = counts.get(gram, 0.0) + weight
            continue
        lower = token.lower()
        if lower in STOP_WORDS or len(lower) < 2:
            continue
        if lower.isdigit():
            if len(lower) != 4:
                continue  # a bare count or score says little; a year says when
            term = lower
        else:
            term = _stem(lower.replace("’", "'") if "’" in lower else lower)
        if lower.isdigit() or (token[0].isupper() and not _opens_sentence(text, match.start())):
            names.add(term)
            counts[term] = counts.get(term, 0.0) + (weight if lower.isdigit() else name_weight)
        else:
            counts[term] = counts.get(term, 0.0) + weight


def story_terms(title: str, body: str) -> StoryTerms:
    """Weighted terms of the title and the body's first ``LEAD_WORDS`` words."""
    counts: dict[str, float] = {}
    names: set[str] = set()
    _add_text(title, TITLE_WEIGHT, counts, names)
    lead_words = body.split()[:LEAD_WORDS]
    lead = " ".join(lead_words)
    if CJK_RUN.search(lead) and len(lead_words) < LEAD_WORDS // 4:
        # Unspaced CJK text: the lead is counted in characters instead of words.
        lead = body[: LEAD_WORDS * 2]
    _add_text(lead, 1.0, counts, names)
    return StoryTerms(counts, frozenset(names))
