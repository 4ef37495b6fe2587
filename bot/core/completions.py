"""Autocomplete words: the index holds Porter stems ("chines"), people type and read words ("chinese")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from bot.core.brief.stemming import stem

# The index's unicode61 tokenizer splits at every non-letter, hyphens and apostrophes included.
_TOKEN = re.compile(r"[^\W_]+")


def surface_words(stems: Sequence[str], texts: Iterable[str]) -> list[str]:
    """For each stem, in order, the word in ``texts`` that people would type for it.

    The most frequent lower-case form whose stem it is wins (then the shorter, then the first in
    alphabetical order); stems no text spells out are left out rather than shown as stems.
    """
    wanted = set(stems)
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for lowered in _TOKEN.findall(text.casefold()):
            stemmed = stem(lowered)
            if stemmed in wanted:
                seen.setdefault(stemmed, Counter())[lowered] += 1
    out = []
    for stemmed in stems:
        forms = seen.get(stemmed)
        if forms:
            out.append(min(forms, key=lambda form: (-forms[form], len(form), form)))
    return out
