"""The words that identify an article's story: weighted stems of title and lead, names, CJK bigrams."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain

from bot.core.brief.stemming import STOP_WORDS, stem
from bot.core.cjk import CJK_RUN, bigrams_of, cjk_runs
from bot.core.story.state import count_into
from bot.core.timex.lexicon import MONTHS, WEEKDAYS

LEAD_WORDS = 150
# Weights are whole repeat counts: a title word counts as two lead words.
TITLE_WEIGHT = 2
# A capitalised word inside a sentence is a name (person, place, organisation, team): the
# strongest sign of which event a report is about, so it counts twice.
NAME_WEIGHT = 2
_WORD_CHARS = r"[^\W_]+(?:['’][^\W_]+)*"
_TOKEN = re.compile(_WORD_CHARS)
# A token at the text's start or after an opener (spaces between) begins a sentence, so its
# capital says nothing about it being a name.
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\"“”‘(\[—–\n-]) *(" + _WORD_CHARS + ")")
# The same for ASCII text, where only a capital A-Z can open a name; the text's start is
# matched apart (``_ascii_openings``): a search that must try ``^`` at every position is
# three times slower.
_ASCII_AFTER_OPENER = re.compile(r"[.!?:;\"(\[\n-] *([A-Z][^\W_]*(?:'[^\W_]+)*)", re.ASCII)
_ASCII_AT_START = re.compile(r" *([A-Z][^\W_]*(?:'[^\W_]+)*)", re.ASCII)
# In ASCII text every character but a letter, a digit or an apostrophe separates words, so
# translating those to spaces and splitting finds the tokens ``_TOKEN`` finds, in C and about
# four times faster. An apostrophe joins two letters or digits into one token; any other (at a
# word's edge, or two or more in a row) separates words, so it becomes a space too (in C: a loop
# over the chunks holding one was a sixth of the term extraction).
_LOOSE_APOSTROPHES = re.compile(r"'(?:'+|(?![A-Za-z0-9])|(?<![A-Za-z0-9]'))")
_ASCII_SEPARATORS = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "'"))
_ASCII_SPACES = bytes.maketrans(_ASCII_SEPARATORS, b" " * len(_ASCII_SEPARATORS))
# A weekday or a month is capitalised but names no event (every story has one): not a name.
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_CJK_STOP = frozenset("的了是在和有与也就都而及或被把对为中这那之其")

# Each raw token is analysed once (tokens repeat across articles by Zipf's law): its terms
# (none for a stop word, one stem, or CJK bigrams), whether it is a capitalised word (then its
# stem) and whether it is a year. The caches are dropped together when full: bounded memory,
# the same results.
_CACHE_SIZE = 200_000
_capitalised: dict[str, str] = {}
_years: set[str] = set()
# Both kinds of token: one pass over a text's tokens finds them, the few found are then sorted.
_names_or_years: set[str] = set()


class _TermsOf(dict[str, tuple[str, ...]]):
    """Raw token -> its terms, analysing a token the first time it is looked up."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        terms = self[token] = _analyse(token)
        return terms


_terms_of = _TermsOf()


class _AsciiTermOf(dict[str, str]):
    """ASCII token -> its one term, or "" for none: no tuple to unpack per occurrence."""

    def __missing__(self, token: str) -> str:
        term = self[token] = "".join(_analyse(token))
        return term


_ascii_term_of = _AsciiTermOf()


@dataclass(frozen=True, slots=True)
class StoryTerms:
    """An article's story features: weighted term counts and the names (stems) it mentions."""

    counts: Mapping[str, float]
    names: frozenset[str]


def _analyse(token: str) -> tuple[str, ...]:
    if not token.isascii() and CJK_RUN.search(token):
        return tuple(
            gram
            for run in cjk_runs(token)
            for gram in bigrams_of("".join(c for c in run if c not in _CJK_STOP))
        )
    lower = token.lower()
    if lower in STOP_WORDS or len(lower) < 2 or (lower.isdigit() and len(lower) != 4):
        return ()  # a bare count or score says little; a year says when
    if lower.isdigit():
        _years.add(token)
        _names_or_years.add(token)
        return (lower,)
    term = stem(lower.replace("’", "'"))
    if token[0].isupper() and lower not in _CALENDAR_WORDS:
        _capitalised[token] = term
        _names_or_years.add(token)
    return (term,)


def _ascii_tokens(text: str) -> list[str]:
    """``_TOKEN.findall`` for ASCII text."""
    spaced = text.encode("ascii").translate(_ASCII_SPACES).decode("ascii")
    if "'" in spaced:
        spaced = _LOOSE_APOSTROPHES.sub(" ", spaced)
    return spaced.split()


def _ascii_openings(text: str) -> list[str]:
    """The capitalised words that open a sentence of ASCII text (or the text itself)."""
    openings: list[str] = _ASCII_AFTER_OPENER.findall(text)
    first = _ASCII_AT_START.match(text)
    if first is not None:
        openings.append(first.group(1))
    return openings


def _tokens(text: str, names: set[str]) -> tuple[list[str], list[str]]:
    """A text's terms (one per occurrence) and its in-sentence name occurrences; adds names.

    Everything per occurrence runs in C (``findall``, ``map``, ``filter``): a capitalised
    token is a name as often as it occurs minus its sentence-opening occurrences, and every
    sentence-opening token is one of the text's tokens.
    """
    ascii_text = text.isascii()
    if ascii_text:
        # An ASCII token has at most one term (CJK bigrams need non-ASCII text).
        tokens = _ascii_tokens(text)
        terms = list(filter(None, map(_ascii_term_of.__getitem__, tokens)))
    else:
        tokens = _TOKEN.findall(text)
        terms = list(chain.from_iterable(map(_terms_of.__getitem__, tokens)))
    found = list(filter(_names_or_years.__contains__, tokens))
    capitals = list(filter(_capitalised.__contains__, found))
    if capitals:
        openings = _ascii_openings(text) if ascii_text else _SENTENCE_OPENING.findall(text)
        for opening in filter(_capitalised.__contains__, openings):
            capitals.remove(opening)
    in_sentence = list(map(_capitalised.__getitem__, capitals))
    names.update(in_sentence)
    names.update(filter(_years.__contains__, found))
    return terms, in_sentence


def story_terms(title: str, body: str) -> StoryTerms:
    """Weighted terms of the title and the body's first ``LEAD_WORDS`` words."""
    if len(_terms_of) + len(_ascii_term_of) >= _CACHE_SIZE:
        _terms_of.clear()
        _ascii_term_of.clear()
        _capitalised.clear()
        _years.clear()
        _names_or_years.clear()
    names: set[str] = set()
    title_terms, title_names = _tokens(title, names)
    lead_words = body.split(None, LEAD_WORDS)[:LEAD_WORDS]
    lead = " ".join(lead_words)
    if len(lead_words) < LEAD_WORDS // 4 and CJK_RUN.search(lead):
        # Unspaced CJK text: the lead is counted in characters instead of words.
        lead = body[: LEAD_WORDS * 2]
    lead_terms, lead_names = _tokens(lead, names)
    # A plain dict counted in C: no Counter set-up per article, and a dict of strings and ints
    # is no work for the garbage collector.
    counts: dict[str, int] = {}
    for _ in range(TITLE_WEIGHT):
        count_into(counts, title_terms)
    for _ in range(TITLE_WEIGHT * (NAME_WEIGHT - 1)):
        count_into(counts, title_names)
    count_into(counts, lead_terms)
    for _ in range(NAME_WEIGHT - 1):
        count_into(counts, lead_names)
    return StoryTerms(counts, frozenset(names))
