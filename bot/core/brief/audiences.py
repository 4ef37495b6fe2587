"""Who should care: audiences whose cue terms the cited articles use, explained by those cues."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.core.brief.facts import stem_spans_cached
from bot.core.brief.lexicon import AudienceLexicon, phrase_stems
from bot.core.brief.model import Audience
from bot.core.models import Article, CardSectionKind

MAX_CUES = 3
MIN_MENTIONS = 2
CARD_BONUS = 5.0


Phrase = tuple[str, ...]


@dataclass(slots=True)
class _Evidence:
    mentions: int = 0
    weight: float = 0.0
    named_by_card: bool = False
    phrases: Counter[Phrase] = field(default_factory=Counter)
    surface: dict[Phrase, str] = field(default_factory=dict)
    first_seen: dict[Phrase, int] = field(default_factory=dict)
    sources: defaultdict[Phrase, set[int]] = field(default_factory=lambda: defaultdict(set))
    card_sources: set[int] = field(default_factory=set)


def _inside(short: Phrase, long: Phrase) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


CueIndex = dict[str, list[tuple[Phrase, str]]]


def _cue_index(cues: dict[str, list[Phrase]]) -> CueIndex:
    """(cue, audience key) pairs by first stem, longest cue first."""
    index: CueIndex = {}
    pairs = {(cue, key) for key, phrases in cues.items() for cue in phrases}
    for cue, key in sorted(pairs, key=lambda pair: (-len(pair[0]), pair)):
        index.setdefault(cue[0], []).append((cue, key))
    return index


def _cue_phrases(
    text: str, spans: Sequence[tuple[str, int, int]], cues: CueIndex
) -> list[tuple[str, str]]:
    """(audience key, the text's own words) per cue match; one following noun extends a word."""
    stems = tuple(s for s, _, _ in spans)
    found: list[tuple[str, str]] = []
    busy_until: dict[str, int] = {}
    for index, token in enumerate(stems):
        for cue, key in cues.get(token, ()):
            if busy_until.get(key, -1) >= index or stems[index : index + len(cue)] != cue:
                continue
            end_index = index + len(cue) - 1
            busy_until[key] = end_index
            start, end = spans[index][1], spans[end_index][2]
            following = end_index + 1
            if len(cue) == 1 and following < len(spans):
                _, next_start, next_end = spans[following]
                next_word = text[next_start:next_end]
                if text[end:next_start] == " " and next_word.isalpha() and next_word.islower():
                    end = next_end
            found.append((key, text[start:end]))
    return found


def who_should_care(
    sourced: Sequence[tuple[int, Article]],
    audiences: AudienceLexicon,
    *,
    relevance: Callable[[str], float] | None = None,
    limit: int = 5,
) -> tuple[Audience, ...]:
    """Audiences the cited articles concern, each with up to three cited cue phrases.

    ``sourced`` pairs each cited article with its source number. An audience needs two cue
    mentions, or to be named by an article's own "Who should care" card section. Audiences rank
    by mentions, a mention in a topic sentence (``relevance`` of its text) counting up to double.
    """
    evidence: dict[str, _Evidence] = {key: _Evidence() for key in audiences}
    cue_index = _cue_index(
        {
            key: [c for c in (phrase_stems(cue) for cue in entry.cues) if c]
            for key, entry in audiences.items()
        }
    )
    alias_stems = {
        key: {phrase_stems(name) for name in (entry.name, *entry.aliases)} - {()}
        for key, entry in audiences.items()
    }
    order = 0
    for number, article in sourced:
        for sentence in article.sentences:
            if sentence.section is CardSectionKind.WHO_SHOULD_CARE:
                named = set(phrase_stems(sentence.text))
                for key, aliases in alias_stems.items():
                    if any(set(alias) <= named for alias in aliases):
                        evidence[key].named_by_card = True
                        evidence[key].card_sources.add(number)
                continue
            weight = 1.0 + (relevance(sentence.text) if relevance is not None else 0.0)
            spans = stem_spans_cached(sentence.text)
            for key, text in _cue_phrases(sentence.text, spans, cue_index):
                stems = phrase_stems(text)
                found = evidence[key]
                found.mentions += 1
                found.weight += weight
                found.phrases[stems] += 1
                found.surface.setdefault(stems, text)
                found.first_seen.setdefault(stems, order)
                found.sources[stems].add(number)
                order += 1
    chosen: list[tuple[float, str, Audience]] = []
    for key, found in evidence.items():
        if found.mentions < MIN_MENTIONS and not found.named_by_card:
            continue
        ordered = sorted(found.phrases, key=lambda p: (-found.phrases[p], found.first_seen[p]))
        kept: list[Phrase] = []
        for stems in ordered:
            if any(_inside(stems, k) or _inside(k, stems) for k in kept):
                continue
            kept.append(stems)
            if len(kept) == MAX_CUES:
                break
        numbers = set(found.card_sources)
        for stems in kept:
            numbers |= found.sources[stems]
        score = found.weight + (CARD_BONUS if found.named_by_card else 0)
        entry = audiences[key]
        shown = tuple(found.surface[p] for p in kept)
        chosen.append((score, key, Audience(key, entry.name, shown, tuple(sorted(numbers)))))
    chosen.sort(key=lambda item: (-item[0], item[1]))
    return tuple(audience for _, _, audience in chosen[:limit])
