"""Sentence and paragraph splitting, text normalisation and content hashing for articles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator

from bot.core.datelines import strip_headline, strip_stamp
from bot.core.models import ArticleDraft, CardSection, Sentence

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen gov sen rep rev lt col capt sgt cmdr adm pres
    inc corp co ltd llc plc bros dept univ assn est approx vs etc al fig no nos vol pp
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u e.g i.e a.m p.m d.c u.s.a
    """.split()  # noqa: SIM905 - one readable block beats 90 quoted words
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"""([.!?…]+["'”’»)\]]*)(\s+)(?=["'“‘«(\[]?[\w$€£¥])""")
_CJK_BOUNDARY = re.compile(r"([。！？；]+[”’」』）]*)")
_CJK_STOPS = "。！？；"
_CJK_OPENERS = "《「『“‘（"
_CJK_CLOSERS = "》」』”’）"
_WORD_RUN = re.compile(r"[\w.]+")
_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
_TAIL = 48
# Only runs that actually change: single spaces are left alone, which is most of the text.
_SPACE = re.compile(r"[ \t\u00a0\u3000]{2,}|[\t\u00a0\u3000]")
_CJK_END_SEARCH = re.compile("[。！？；!?]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_MARKS = re.compile("[™®©\"'`“”‘’«»„‚]")
_ANY_SPACE = re.compile(r"\s+")


def normalise_space(text: str) -> str:
    """Collapse runs of spaces and tabs, and trim the ends."""
    # Substring tests run at memchr speed; most paragraphs need no substitution at all.
    if "  " in text or "\t" in text or "\u00a0" in text or "\u3000" in text:
        text = _SPACE.sub(" ", text)
    return text.strip()


def fold_wording(text: str) -> str:
    """A sentence's words for comparing wordings: case, spacing, quote marks and ™/®/© folded."""
    folded = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return _ANY_SPACE.sub(" ", folded).strip().casefold()


def split_paragraphs(body: str) -> list[str]:
    """Split a body into non-empty paragraphs on blank lines."""
    return [
        p
        for p in (normalise_space(x.replace("\n", " ")) for x in _PARAGRAPH_BREAK.split(body))
        if p
    ]


def _is_abbreviation(chunk: str) -> bool:
    # The last run of word characters and dots before the closing stops, read backwards from a
    # reversed tail: a regex anchored at the end would be tried at every position of the chunk.
    stripped = chunk.rstrip(".!?…")
    backwards = stripped[: -_TAIL - 1 : -1]
    run = _WORD_RUN.match(backwards)
    if run is not None and run.end() == len(backwards) and len(backwards) < len(stripped):
        run = _WORD_RUN.match(stripped[::-1])
    if run is None:
        return False
    word = run.group()[::-1].rstrip(".").lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Initials such as "J." or "H.W." end no sentence.
    return _INITIALS.fullmatch(word) is not None


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, aware of abbreviations, initials, quotes and CJK stops."""
    text = normalise_space(paragraph)
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        chunk = text[start:end]
        single_stop = len(match.group(1).rstrip("\"'”’»)]")) == 1
        if match.group(1).startswith(".") and single_stop and _is_abbreviation(chunk):
            continue
        if (
            match.group(1) == "."
            and chunk[-2:-1].isdigit()
            and text[match.end() : match.end() + 1].isdigit()
        ):
            continue  # a decimal spaced out by the source's tokeniser: "a 6. 1 - magnitude quake"
        pieces.append(chunk.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    if _CJK_END_SEARCH.search(text) is None:
        return [s for s in pieces if s]
    out: list[str] = []
    for piece in pieces:
        out.extend(_split_cjk(piece))
    return [s for s in out if s]


def _split_cjk(text: str) -> Iterator[str]:
    if _CJK_END_SEARCH.search(text) is None:
        yield text
        return
    cuts = _cjk_cuts(text)
    if cuts is None:
        # Unbalanced quotes or title marks: nesting tells nothing, so every stop ends a sentence.
        cuts = [m.end() for m in _CJK_BOUNDARY.finditer(text)]
    start = 0
    for cut in cuts:
        piece = text[start:cut].strip()
        if piece:
            yield piece
        start = cut
    tail = text[start:].strip()
    if tail:
        yield tail


def _cjk_cuts(text: str) -> list[int] | None:
    # A stop inside 《》, 「」 or “” belongs to the quotation or title, not to the sentence around
    # it; a quotation closed right after its stop ends the sentence unless words follow at once,
    # so “产能将翻番。”他说。 keeps its speaker. None when the marks do not balance.
    cuts: list[int] = []
    depth = 0
    i = 0
    while i < len(text):
        char = text[i]
        if char in _CJK_OPENERS:
            depth += 1
        elif char in _CJK_CLOSERS:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and text[i - 1 : i] in _CJK_STOPS and _ends_here(text, i + 1):
                cuts.append(i + 1)
        elif depth == 0 and char in _CJK_STOPS:
            end = i + 1
            while end < len(text) and text[end] in _CJK_STOPS:
                end += 1
            cuts.append(end)
            i = end
            continue
        i += 1
    return cuts if depth == 0 else None


def _ends_here(text: str, index: int) -> bool:
    # After a closed quotation: the end, a space or a new quotation start a new sentence.
    return index >= len(text) or text[index].isspace() or text[index] in _CJK_OPENERS


def sentences_of(article_id: int, draft: ArticleDraft) -> list[Sentence]:
    """Number every sentence of a draft: body paragraphs first, then card section items.

    Positions are dense from 0 in that order, so a citation (article_id, position) is stable.
    A time stamp or the headline run into a sentence's start is split off; a sentence that is
    only a stamp is left out.
    """
    out: list[Sentence] = []
    position = 0
    paragraphs = split_paragraphs(draft.body)
    for paragraph_index, paragraph in enumerate(paragraphs):
        for piece in split_sentences(paragraph):
            text = strip_headline(strip_stamp(piece), draft.title)
            if not text:
                continue
            out.append(Sentence(article_id, position, paragraph_index, text))
            position += 1
    paragraph_index = len(paragraphs)
    for section in draft.card:
        for item in section.items:
            for text in split_sentences(item):
                out.append(Sentence(article_id, position, paragraph_index, text, section.kind))
                position += 1
            paragraph_index += 1
    return out


# On ASCII text, NFKC and casefold are lower(), and \w is [a-z0-9_]: a translation table does
# in one C pass what the regex does at a tenth of the speed (this runs on every ingested body).
_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


def fingerprint_text(text: str) -> str:
    """Reduce text to a comparison form: NFKC, lower case, letters and digits only, single spaces."""
    if text.isascii():
        return " ".join(text.lower().translate(_ASCII_NON_WORD).split())
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def content_hash(body: str, card: tuple[CardSection, ...] = ()) -> str:
    """A stable hash of an article's content, blind to whitespace, case and punctuation changes."""
    parts = [fingerprint_text(body)]
    parts.extend(fingerprint_text(item) for section in card for item in section.items)
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
