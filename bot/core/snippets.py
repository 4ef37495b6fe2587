"""Search-hit snippets: the stretch of an article's text holding the most query phrases, marked.

Words are matched much as the store's word index matches them (unicode61 tokens, Latin diacritics
removed, case folded, Porter-stemmed), so a snippet marks what made the article a hit. Only the
first ``MAX_SCANNED`` characters of a text are searched, which bounds the work on huge pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.brief.stemming import stem

_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_TAIL = re.compile(r"[^\W_]*")
# Tokens shown before the first match of the chosen window, for context.
_LEAD_TOKENS = 3
_LOOK_BACK = 80
# Windows are compared by their estimated length in characters; only the chosen one is counted
# in tokens.
_CHARS_PER_TOKEN = 7
MAX_SCANNED = 100_000
# Trailing punctuation shown instead of an ellipsis when nothing else follows the window.
_CLOSING_CHARS = 20
# How far a cut moves to reach whitespace ("R&D", "U.S.-China" are one word to a reader); a
# longer run without spaces (a URL, a page of dashes) is cut at its token boundary instead.
_WORD_REACH = 40
_SPACE = re.compile(r"\s")


def _single_letter_fold(char: str) -> str:
    base = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    return base[0].lower() if len(base) == 1 else char


# Accented Latin letters (Latin-1, Extended-A/B and Extended Additional, as in "Việt") to their
# lower-case base letter, one character for one so offsets stay valid.
_LATIN_ACCENTED = (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
_FOLD = str.maketrans({chr(c): _single_letter_fold(chr(c)) for c in _LATIN_ACCENTED})


def fold(text: str) -> str:
    """Lower-case text with Latin diacritics removed, character for character."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):
        # A few letters lower-case to two characters ("İ"): keep those as they are.
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.translate(_FOLD)


@dataclass(frozen=True, slots=True)
class _Match:
    """One phrase occurrence: which phrase, and its character span."""

    phrase: int
    start: int
    end: int


class Snippets:
    """Cuts snippets for one query's phrases; make one per search, call it per hit."""

    def __init__(
        self, phrases: Sequence[str], *, tokens: int, marks: tuple[str, str], ellipsis: str
    ) -> None:
        self.tokens = tokens
        self.marks = marks
        self.ellipsis = ellipsis
        self._phrases = [
            stems
            for stems in (tuple(stem(t) for t in _TOKEN.findall(fold(p))) for p in phrases)
            if stems
        ]
        # A prefix that starts with a shorter one would only find the same places again.
        prefixes = sorted({_search_prefix(s[0]) for s in self._phrases}, key=len)
        self._prefixes: list[str] = []
        for prefix in prefixes:
            if not any(prefix.startswith(kept) for kept in self._prefixes):
                self._prefixes.append(prefix)

    def cut(self, texts: Sequence[str]) -> str:
        """About ``tokens`` tokens of the text and place holding the most distinct phrases.

        ``texts`` are tried in order (title first); ties go to the earlier text and place.
        Without any match the snippet is the start of the first non-empty text.
        """
        chosen: tuple[tuple[int, int, int], int, list[_Match]] | None = None
        for index, text in enumerate(texts):
            matches = self._matches(text)
            if matches:
                score = self._best_window(matches)
                if chosen is None or score[:2] > chosen[0][:2]:
                    chosen = (score, index, matches)
        if chosen is None:
            text = next((t for t in texts if t.strip()), "")
            return self._assemble(text, *self._window(text, 0), [])
        (_, _, negative_start), index, matches = chosen
        text = texts[index]
        begin, end = self._window(text, -negative_start)
        # A phrase that starts inside the window is shown whole, even past its last token (but
        # not across a page of punctuation between its words).
        reach = self.tokens * _CHARS_PER_TOKEN
        inside = [m for m in matches if begin <= m.start < end and m.end <= end + reach]
        end = max([end, *(m.end for m in inside)])
        return self._assemble(text, begin, end, inside)

    def _matches(self, text: str) -> list[_Match]:
        folded = fold(text[:MAX_SCANNED])
        if len(text) > MAX_SCANNED:
            # Drop the word the cut went through: its end is not known.
            folded = folded[: _last_token_start(folded)]
        found: list[_Match] = []
        for prefix in self._prefixes:
            # str.find runs at memchr speed: several times faster than one regex alternation.
            start = folded.find(prefix)
            while start >= 0:
                if start == 0 or not _is_token_char(folded[start - 1]):
                    found.extend(self._phrases_at(folded, start))
                start = folded.find(prefix, start + 1)
        found.sort(key=lambda m: (m.start, m.phrase))
        return found

    def _phrases_at(self, folded: str, start: int) -> list[_Match]:
        tail = _TOKEN_TAIL.match(folded, start)
        end = tail.end() if tail is not None else start
        first = stem(folded[start:end])
        found = []
        for index, phrase in enumerate(self._phrases):
            if phrase[0] != first:
                continue
            last = end
            for wanted in phrase[1:]:
                following = _TOKEN.search(folded, last)
                if following is None or stem(following.group()) != wanted:
                    break
                last = following.end()
            else:
                found.append(_Match(index, start, last))
        return found

    def _best_window(self, matches: Sequence[_Match]) -> tuple[int, int, int]:
        """(distinct phrases, matches, -start) of the best window among those starting at a match."""
        reach = self.tokens * _CHARS_PER_TOKEN
        best = (0, 0, 0)
        counts: Counter[int] = Counter()
        stop = 0
        for anchor_index, anchor in enumerate(matches):
            while stop < len(matches) and matches[stop].start < anchor.start + reach:
                counts[matches[stop].phrase] += 1
                stop += 1
            best = max(best, (len(counts), stop - anchor_index, -anchor.start))
            counts[anchor.phrase] -= 1
            if counts[anchor.phrase] == 0:
                del counts[anchor.phrase]
        return best

    def _window(self, text: str, start: int) -> tuple[int, int]:
        """The span of ``tokens`` tokens beginning a few tokens before ``start``."""
        region = max(0, start - _LOOK_BACK)
        before = [m.start() for m in _TOKEN.finditer(text, region, start)]
        if region > 0:
            before = before[1:]  # the region may begin inside a word
        if len(before) >= _LEAD_TOKENS:
            begin = before[-_LEAD_TOKENS]
        elif region == 0:
            begin = 0
        else:
            begin = before[0] if before else start
        end = begin
        # Tokens, but also characters, are counted: a page of dashes is no short snippet.
        longest = 2 * self.tokens * _CHARS_PER_TOKEN
        for count, token in enumerate(_TOKEN.finditer(text, begin), start=1):
            if token.end() - begin > longest and end > begin:
                break
            end = token.end()
            if count >= self.tokens:
                break
        return _word_start(text, begin), _word_end(text, end)

    def _assemble(self, text: str, begin: int, end: int, matches: Sequence[_Match]) -> str:
        parts: list[str] = [self.ellipsis] if begin > 0 else []
        position = begin
        for match in matches:
            if match.start < position:
                continue  # overlapping phrases: the first one marked wins
            parts += [
                text[position : match.start],
                self.marks[0],
                text[match.start : match.end],
                self.marks[1],
            ]
            position = match.end
        rest = text[end:]
        if len(rest) <= _CLOSING_CHARS and _TOKEN.search(rest) is None:
            parts.append(text[position:])  # only closing punctuation is left: show it
        else:
            parts += [text[position:end], self.ellipsis]
        return " ".join("".join(parts).split())


def _word_start(text: str, begin: int) -> int:
    """``begin`` moved back to the start of its whitespace-separated word, if that is near."""
    start = begin
    while start > 0 and not text[start - 1].isspace():
        start -= 1
        if begin - start > _WORD_REACH:
            return begin
    return start


def _word_end(text: str, end: int) -> int:
    """``end`` moved on to the end of its whitespace-separated word, if that is near."""
    space = _SPACE.search(text, end, end + _WORD_REACH + 1)
    if space is not None:
        return space.start()
    return len(text) if len(text) - end <= _WORD_REACH else end


def _search_prefix(stem_text: str) -> str:
    """What every token with this stem starts with (checked on 18,000 English words)."""
    # Porter rewrites only a stem's last letters ("pay" -> "pai", "troubled" -> "troubl"): a
    # short stem keeps all but a final i or e, a longer one all but its last two letters.
    if len(stem_text) <= 4:
        return stem_text[:-1] if len(stem_text) > 1 and stem_text[-1] in "ie" else stem_text
    return stem_text[:-2]


def _last_token_start(text: str) -> int:
    """Where the token running to the end of ``text`` starts (its length if none does)."""
    start = len(text)
    while start > 0 and _is_token_char(text[start - 1]):
        start -= 1
    return start


def _is_token_char(char: str) -> bool:
    return char.isalnum()
