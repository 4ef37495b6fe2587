"""Quote attribution: who says a sentence, their role where given, and the quoted span."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.core.brief.chinese_cues import is_chinese
from bot.core.brief.chinese_voices import chinese_speaker
from bot.core.brief.stemming import word_count

_SPEECH = (
    r"(?:said|says|told|added|adds|noted|notes|stressed|stresses|warned|warns|explained|argued|"
    r"wrote|insisted|emphasi[sz]ed|pointed out|remarked|commented|urged|called for|recommended)"
)
_NAME = r"[A-Z][\w’'\-]+(?:\s+(?:[A-Z][\w’'\-]+|de|van|von|bin|al-\w+)){0,4}"
_GROUP = r"(?:experts|analysts|officials|sources|observers|economists|researchers|insiders|critics)"
_PRONOUN = r"(?:he|she|they)"
_WHO = rf"(?:{_NAME}|{_GROUP}|{_PRONOUN})"
_ROLE = r"(?P<role>[^,“”\"]{3,120}?)"

_SPEAKER_SPEECH = re.compile(
    rf"(?:^|(?<=[\s,“”\"]))(?P<who>{_WHO})(?:,\s*{_ROLE},)?\s+(?:also\s+|further\s+)?{_SPEECH}\b"
)
_SPEECH_SPEAKER = re.compile(
    rf"\b(?:said|says|added|noted|stressed|warned|explained|argued|wrote)\s+"
    rf"(?P<who>{_NAME}|{_GROUP})(?:,\s*{_ROLE}(?:,|\.|$))?"
)
_NAME_RUN = re.compile(_NAME)
_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+(?P<who>{_NAME}|{_GROUP})\b")
_TITLE_WORDS = frozenset(
    [
        "President",
        "Premier",
        "Minister",
        "Secretary",
        "General",
        "Chairman",
        "Chairwoman",
        "Chair",
        "CEO",
        "Director",
        "Professor",
        "Prof",
        "Dr",
        "Governor",
        "Senator",
        "Ambassador",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Vice",
        "Chief",
        "Commissioner",
        "Chinese",
        "American",
        "US",
        "Japanese",
        "Korean",
        "Taiwanese",
        "European",
        "British",
        "Foreign",
        "Commerce",
        "Trade",
    ]
)
_NOT_SPEAKERS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "There",
        "Here",
        "But",
        "And",
        "Yet",
        "So",
        "Also",
        "However",
        "While",
        "When",
        "If",
        "As",
        "In",
        "On",
        "At",
        "For",
        "With",
        "Without",
        "According",
        "Sometimes",
        "Some",
        "Many",
        "Most",
    ]
)
_QUOTE_OPEN = '“"'
_QUOTE_CLOSE = '”"'
_LOOKBACK = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence is attributed to, their role when given, and whether it quotes directly."""

    speaker: str
    role: str | None
    quoted: bool


def _split_title(name: str) -> tuple[str, str | None]:
    """Split "Chinese President Xi Jinping" into ("Xi Jinping", "Chinese President")."""
    words = name.split()
    cut = 0
    for index, word in enumerate(words[:-1]):
        if word in _TITLE_WORDS:
            cut = index + 1
    if cut == 0:
        return name, None
    return " ".join(words[cut:]), " ".join(words[:cut])


def _clean_speaker(raw: str) -> str | None:
    words = raw.split()
    while words and words[0] in _NOT_SPEAKERS:
        words = words[1:]
    return " ".join(words) or None


@lru_cache(maxsize=100_000)
def attribute(text: str) -> Attribution | None:
    """The speaker a single sentence names (a pronoun or surname stays as written), if any."""
    quoted = any(mark in text for mark in '“”"')
    if is_chinese(text):
        found = chinese_speaker(text)
        return None if found is None else Attribution(found[0], found[1], quoted)
    for pattern in (_SPEAKER_SPEECH, _SPEECH_SPEAKER, _ACCORDING):
        for match in pattern.finditer(text):
            speaker = _clean_speaker(match.group("who"))
            if speaker is None:
                continue
            role = match.groupdict().get("role")
            speaker, title = _split_title(speaker)
            role = (role or title or "").strip() or None
            return Attribution(speaker, role, quoted)
    return None


def attribute_all(texts: Sequence[str]) -> list[Attribution | None]:
    """Attribute every sentence of one article, resolving pronouns and surnames from earlier ones.

    A pronoun takes the most recent named speaker within three sentences; a lone surname or given
    name takes the earlier full name that contains it, with that mention's role.
    """
    known: list[Attribution] = []
    last_named: tuple[int, Attribution] | None = None
    out: list[Attribution | None] = []
    for index, text in enumerate(texts):
        found = attribute(text)
        known.extend(_mentions(text))
        if found is None:
            out.append(None)
            continue
        if found.speaker.lower() in {"he", "she", "they"}:
            if last_named is None or index - last_named[0] > _LOOKBACK:
                out.append(None)
                continue
            found = Attribution(last_named[1].speaker, last_named[1].role, found.quoted)
        elif len(found.speaker.split()) == 1 and found.speaker[0].isupper():
            found = _resolve_short_name(found, known)
        known.append(found)
        if found.speaker[0].isupper():
            last_named = (index, found)
        out.append(found)
    return out


def _resolve_short_name(found: Attribution, known: Sequence[Attribution]) -> Attribution:
    """Expand a lone surname or given name to the latest earlier full name holding it.

    That name's role comes from the latest of its mentions that gives one.
    """
    full = next(
        (
            k.speaker
            for k in reversed(known)
            if len(k.speaker.split()) > 1 and found.speaker in k.speaker.split()
        ),
        None,
    )
    if full is None:
        return found
    role = found.role or next(
        (k.role for k in reversed(known) if k.speaker == full and k.role), None
    )
    return Attribution(full, role, found.quoted)


@lru_cache(maxsize=100_000)
def _mentions(text: str) -> tuple[Attribution, ...]:
    """Full names (two words or more) the sentence mentions, with a title before them as role."""
    out: list[Attribution] = []
    for match in _NAME_RUN.finditer(text):
        cleaned = _clean_speaker(match.group().removesuffix("’s").removesuffix("'s"))
        if cleaned is None:
            continue
        name, title = _split_title(cleaned)
        if len(name.split()) >= 2:
            out.append(Attribution(name, title, quoted=False))
    return tuple(out)


def quoted_span(text: str) -> str:
    """The directly quoted part of a sentence (a verbatim span), or the sentence when unclear."""
    close = max(text.rfind(mark) for mark in _QUOTE_CLOSE)
    if close <= 0:
        return text
    opens = [text.find(mark) for mark in _QUOTE_OPEN if 0 <= text.find(mark) < close]
    start = min(opens) + 1 if opens else 0
    span = text[start:close].strip().rstrip(",").strip()
    # A short span inside a sentence is more often a scare-quoted phrase ("called it “a
    # disaster”"); one that opens the sentence ("“We are doubling capacity,” said …") is speech.
    opens_sentence = bool(opens) and not text[: start - 1].strip()
    return span if word_count(span) >= (2 if opens_sentence else 5) else text
