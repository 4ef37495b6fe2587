"""Word tokens, stop words and the Porter (1980) stemmer, as SQLite FTS5's ``porter`` applies it."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import chain

from bot.core.cjk import CJK_RUN, bigrams_of

_WORD = re.compile(r"[^\W_]+(?:['’\-&][^\W_]+)*")
_VOWELS = frozenset("aeiou")

STOP_WORDS = frozenset(
    """
        a about above after again against all also although am among an and any are aren't
        as at be because been before being below between both but by can cannot could
        couldn't did didn't do does doesn't doing don't down during each either else even
        ever every few for from further had hadn't has hasn't have haven't having he he'd
        he'll he's her here here's hers herself him himself his how how's however i i'd i'll
        i'm i've if in into is isn't it it's its itself just let's like made make many may
        me might more most much must mustn't my myself neither no nor not now of off often
        on once one only or other ought our ours ourselves out over own per perhaps rather
        really said same say says shall shan't she she'd she'll she's should shouldn't since
        so some still such than that that's the their theirs them themselves then there
        there's these they they'd they'll they're they've this those though through thus to
        too under until up upon us very via was wasn't we we'd we'll we're we've were
        weren't what what's when when's where where's whether which while who who's whom
        whose why why's will with within without won't would wouldn't yet you you'd you'll
        you're you've your yours yourself yourselves mr mrs ms told new year years also
    """.split()  # noqa: SIM905
)


def words_of(text: str) -> list[str]:
    """Split text into lower-case word tokens (letters, digits, inner apostrophes and hyphens)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=200_000)
def _word_stems(word: str) -> tuple[str, ...]:
    word = word.replace("’", "'")
    if word in STOP_WORDS:
        return ()
    if not word.isascii() and CJK_RUN.search(word) is not None:
        return _cjk_stems(word)
    if "-" not in word:
        return (_porter(word),) if len(word) > 1 else ()
    return tuple(
        _porter(part) for part in word.split("-") if len(part) > 1 and part not in STOP_WORDS
    )


def _cjk_stems(word: str) -> tuple[str, ...]:
    # Chinese has no spaces: a run is its overlapping bigrams, as the store's CJK index holds it,
    # so "芯片" typed matches "中芯国际芯片出口" and "光刻机" is the sequence 光刻, 刻机.
    out: list[str] = []
    start = 0
    for run in CJK_RUN.finditer(word):
        if run.start() > start:
            out.extend(_word_stems(word[start : run.start()]))
        out.extend(bigrams_of(run.group()))
        start = run.end()
    tail = word[start:]
    if tail:
        out.extend(_word_stems(tail))
    return tuple(out)


def word_count(text: str) -> int:
    """How many words a text has, a Chinese run counting one word per two characters."""
    if text.isascii():
        return len(text.split())
    cjk = sum(len(run) for run in CJK_RUN.findall(text))
    return len(CJK_RUN.sub(" ", text).split()) + (cjk + 1) // 2


def content_stems(text: str) -> list[str]:
    """Stems of the non-stop-word tokens of a text, in order, hyphenated words split into parts."""
    return list(chain.from_iterable(map(_word_stems, _WORD.findall(text.lower()))))


_CV_TABLE = str.maketrans(
    {
        chr(c): ("v" if chr(c) in _VOWELS else "c")
        for c in range(ord("a"), ord("z") + 1)
        if c != ord("y")
    }
)


@lru_cache(maxsize=100_000)
def sentence_stems(text: str) -> tuple[str, ...]:
    """``content_stems`` of a stored sentence, cached: briefs revisit the same sentences."""
    return tuple(content_stems(text))


def _cv(word: str) -> str:
    """The word as a c/v pattern: ``y`` is a vowel after a consonant, else a consonant."""
    pattern = word.translate(_CV_TABLE)
    if "y" not in pattern:
        return pattern
    out: list[str] = []
    previous = "v"
    for ch in pattern:
        kind = ("v" if previous == "c" else "c") if ch == "y" else ch
        out.append(kind)
        previous = kind
    return "".join(out)


def _measure(stem_part: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in the stem."""
    return _cv(stem_part).count("vc")


def _has_vowel(stem_part: str) -> bool:
    return "v" in _cv(stem_part)


def _ends_double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _cv(word[-2:])[-1] == "c"


def _ends_cvc(word: str) -> bool:
    return len(word) >= 3 and word[-1] not in "wxy" and _cv(word).endswith("cvc")


Rules = dict[str, tuple[tuple[str, str], ...]]


def _by_tail(rules: tuple[tuple[str, str], ...]) -> Rules:
    """Suffix rules by their last two letters, longest first (where Porter's rule lists agree)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for suffix, replacement in sorted(rules, key=lambda rule: -len(rule[0])):
        out.setdefault(suffix[-2:], []).append((suffix, replacement))
    return {tail: tuple(found) for tail, found in out.items()}


def _replace(word: str, rules: Rules, min_measure: int) -> str:
    for suffix, replacement in rules.get(word[-2:], ()):
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            return base + replacement if _measure(base) > min_measure else word
    return word


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP2_RULES = _by_tail(_STEP2)
_STEP3_RULES = _by_tail(_STEP3)
_STEP4 = "al ance ence er ic able ible ant ement ment ent ion ou ism ate iti ous ive ize"
_STEP4_RULES = _by_tail(tuple((suffix, "") for suffix in _STEP4.split()))


def _step1(word: str) -> str:
    if word[-1] == "s":
        if word.endswith(("sses", "ies")):
            word = word[:-2]
        elif not word.endswith("ss"):
            word = word[:-1]
    if word[-1] not in "dg":
        return word
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            word = word[: -len(suffix)]
            if word.endswith(("at", "bl", "iz")):
                return word + "e"
            if _ends_double_consonant(word) and word[-1] not in "lsz":
                return word[:-1]
            if _measure(word) == 1 and _ends_cvc(word):
                return word + "e"
            return word
    return word


def _step4(word: str) -> str:
    # Longest matching suffix wins; "ion" only after s or t.
    for suffix, _ in _STEP4_RULES.get(word[-2:], ()):
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if suffix == "ion" and not base.endswith(("s", "t")):
                return word
            return base if _measure(base) > 1 else word
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter-stem one lower-case word; words of two letters or fewer are kept as they are."""
    return _porter(word)


def _porter(word: str) -> str:
    if len(word) <= 2 or not word.isalpha():
        return word
    word = _step1(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, _STEP2_RULES, 0)
    word = _replace(word, _STEP3_RULES, 0)
    word = _step4(word)
    if word.endswith("e"):
        base = word[:-1]
        measure = _measure(base)
        if measure > 1 or (measure == 1 and not _ends_cvc(base)):
            word = base
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


@lru_cache(maxsize=200_000)
def _word_spans(word: str) -> tuple[tuple[str, int, int], ...]:
    lowered = word.lower().replace("’", "'")
    if lowered in STOP_WORDS:
        return ()
    out: list[tuple[str, int, int]] = []
    offset = 0
    for part in lowered.split("-"):
        if len(part) > 1 and part not in STOP_WORDS:
            out.append((stem(part), offset, offset + len(part)))
        offset += len(part) + 1
    return tuple(out)


def stem_spans(text: str) -> list[tuple[str, int, int]]:
    """Content stems with their character spans in ``text`` (hyphenated words split into parts)."""
    out: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(text):
        parts = _word_spans(match.group())
        if parts:
            start = match.start()
            out.extend((token, start + begin, start + end) for token, begin, end in parts)
    return out
