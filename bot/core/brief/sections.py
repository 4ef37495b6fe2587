"""Section rules: sentences that report changes, stakes, outlook or advice, and page noise."""

from __future__ import annotations

import re
from enum import StrEnum

from bot.core.brief.chinese_cues import (
    chinese_change,
    chinese_forward,
    chinese_recommendation,
    chinese_stakes,
    is_chinese,
)
from bot.core.brief.stemming import word_count
from bot.core.models import CardSectionKind

# Characters whose ``str.lower`` differs from how ``re.IGNORECASE`` matches them against ASCII
# (dotted and dotless i, long s, Kelvin sign); text holding none can be lower-cased first.
_SPECIAL_CASES = ("\u0130", "\u0131", "\u017f", "\u212a")


class _Cue:
    """A case-insensitive pattern, run case-sensitively on lower-cased text where that is exact.

    ``re.IGNORECASE`` costs 3-7x on these long alternations; lower-casing the text first gives the
    same matches unless the text holds one of the few characters with special case rules.
    """

    __slots__ = ("_folded", "_ignoring_case")

    def __init__(self, pattern: str) -> None:
        if re.search(r"\\[A-Z]", pattern):
            # Lower-casing would turn \W, \S, \D or \B into their opposites.
            raise ValueError(f"upper-case escape in {pattern!r}")
        self._ignoring_case = re.compile(pattern, re.IGNORECASE)
        self._folded = re.compile(pattern.lower())

    @property
    def pattern(self) -> str:
        """The pattern as written."""
        return self._ignoring_case.pattern

    def _pattern_for(self, text: str) -> tuple[re.Pattern[str], str]:
        if text.isascii() or not any(ch in text for ch in _SPECIAL_CASES):
            return self._folded, text.lower()
        return self._ignoring_case, text

    def search(self, text: str) -> bool:
        """True when the pattern occurs anywhere in ``text``, ignoring case."""
        pattern, subject = self._pattern_for(text)
        return pattern.search(subject) is not None

    def first(self, text: str) -> int | None:
        """Where the pattern first occurs in ``text``, ignoring case; ``None`` when it does not."""
        pattern, subject = self._pattern_for(text)
        match = pattern.search(subject)
        return match.start() if match is not None else None

    def match_end(self, text: str) -> int | None:
        """Where a match at the start of ``text`` ends, ignoring case; ``None`` without one."""
        pattern, subject = self._pattern_for(text)
        found = pattern.match(subject)
        return None if found is None else found.end()


class Role(StrEnum):
    """The brief section a body sentence suits best, by its wording."""

    RECOMMENDATION = "recommendation"
    FORWARD = "forward"
    CHANGE = "change"
    STAKES = "stakes"
    OTHER = "other"


_RECOMMENDATION = _Cue(
    r"\b(?:should|must|ought to|needs? to|have to|has to|calls? for|called for|calling for|"
    r"urged?s?|urging|recommend(?:s|ed|ing)?|it is (?:high )?time to|it is (?:necessary|essential|"
    r"vital|imperative|important) (?:to|that)|advis(?:e|es|ed) (?:to|that))\b",
)
# Who a prescription is addressed to, when it is a state: countries, capitals, governments.
_GOVERNMENT_SUBJECT = re.compile(
    r"\b(?:China|Beijing|Washington|Taiwan|Japan|Korea|India|Russia|Europe|America|Chinese|US|U\.S\.|"
    r"United States|EU|Congress|Xi|[Tt]he (?:country|government|state|nation|authorities|administration)|"
    r"[Gg]overnments?|[Aa]uthorities|[Pp]olicymakers|[Ll]awmakers|[Mm]inistr(?:y|ies)|[Rr]egulators)\b"
)
_FORWARD = _Cue(
    r"\b(?:will|is expected to|are expected to|expected to|plans? to|planned|planning to|"
    r"is set to|are set to|is going to|are going to|aims? to|intends? to|scheduled|upcoming|"
    r"in the coming|over the next|next (?:week|month|year|quarter|decade|step|phase|five years|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"by (?:the end of )?(?:19|20)\d\d|by mid-century|forecast|outlook|future)\b",
)
# A sentence that opens on a past time and reports a finished action before any "will" tells what
# happened ("On Tuesday, Commerce released a strategy outlining how it will ..."), not what is next.
_PAST_LEAD = _Cue(
    r"^(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|"
    r"last (?:week|month|year|weekend)|earlier (?:this|that) (?:week|month|year))\b"
)
_PAST_ACTION = _Cue(
    r"\b(?:announced|adopted|approved|released|passed|signed|launched|unveiled|reviewed|"
    r"introduced|imposed|banned|restricted|issued|presented|published|decided|agreed|ordered|"
    r"began|started|opened|rolled out)\b"
)
_CHANGE = _Cue(
    r"\b(?:announced?|adopted|approved|released|passed|signed|launched|unveiled|reviewed|"
    r"introduced|imposed|banned|restricted|added|blacklisted|issued|presented|published|"
    r"decided|agreed|ordered|took action|takes action|began|started|opened|set up|rolled out|"
    r"raised|cut|lifted|expanded|extended|won|lost|acquired|reemphasi[sz]ed|identified|"
    r"has (?:\w+ed|laid out)|have (?:\w+ed|laid out)|new)\b",
)
_STAKES = _Cue(
    r"\b(?:because|as a result|result|so that|in order to|means|matters?|crucial|critical|key|"
    r"vital|important|significant|impact|risks?|threat|pressure|stakes|consequences?|boosts?|"
    r"counter(?:ing)?|combat(?:ing)?|cope|choke|isolate|due to|amid|in the face of|evidence|"
    r"reliance|dependence|advantages?|disadvantages?|bottlenecks?|priority|priorities)\b",
)

_BOILERPLATE = _Cue(
    r"(?:leave a reply|your email address|required fields|no comments yet|start the discussion|"
    r"all (?:content )?rights (?:belong|reserved)|read (?:the )?original|original source|"
    r"ai-generated|ai-curated|curated digest|weekly ai recap|related updates|subscribe|sign up|"
    r"newsletter|cookie|click here|read more|share this|follow us|copyright|©|"
    r"要查看或添加评论|社区洞察|其他会员|的更多文章|collected in \d+)",
)
_TERMINAL = re.compile(r"""[.!?…。！？]["'”’»)\]]*$""")
_CONNECTIVE = _Cue(
    r"^(?:but|and|yet|so|also|besides|however|moreover|meanwhile|still|furthermore|further|"
    r"in addition|additionally|on the other hand|for one thing|thus|hence|indeed|in fact|"
    r"that said|nonetheless|nevertheless|instead|likewise|similarly|then)\b,?\s+",
)

CARD_SECTION_ROLE: dict[CardSectionKind, str] = {
    CardSectionKind.TLDR: "tldr",
    CardSectionKind.WHAT_CHANGED: "what_changed",
    CardSectionKind.WHY_IT_MATTERS: "why_it_matters",
    CardSectionKind.WHAT_TO_DO_NEXT: "what_to_do_next",
    CardSectionKind.KEY_TAKEAWAYS: "key_takeaways",
    CardSectionKind.FUTURE_IMPLICATIONS: "whats_next",
}


def is_boilerplate(text: str, *, card: bool = False) -> bool:
    """True for page furniture: comment prompts, rights notices, headings and other fragments.

    Card items (``card=True``) are often unpunctuated phrases, so only the heading rule is waived.
    """
    if _BOILERPLATE.search(text):
        return True
    words = word_count(text)
    if words < 4:
        return True
    # Headings ("Chip technology breakthroughs") lack terminal punctuation and are short.
    if not card and not _TERMINAL.search(text) and words < 12:
        return True
    letters = sum(map(str.isalpha, text))
    return letters < 0.5 * len(text)


def is_recommendation(text: str) -> bool:
    """True when the sentence prescribes or urges (should, must, need to, call for, urge, ...)."""
    return _RECOMMENDATION.search(text)


def is_government_prescription(text: str) -> bool:
    """True when what the sentence prescribes is for a government or country, not the reader.

    The team reading a brief is not China: "China should optimize the allocation of innovation
    resources" is a stake in the story, not an action for them.
    """
    cue_at = _RECOMMENDATION.first(text)
    if cue_at is None:
        return False
    return _GOVERNMENT_SUBJECT.search(text[:cue_at]) is not None


def is_forward(text: str) -> bool:
    """True when the sentence looks ahead (will, plans, expectations, deadlines, "by 2028").

    A sentence that opens on a past time and reports a finished action before its first forward
    cue is a report of what happened, not an outlook.
    """
    forward_at = _FORWARD.first(text)
    if forward_at is None:
        return False
    if _PAST_LEAD.search(text):
        action_at = _PAST_ACTION.first(text)
        if action_at is not None and action_at < forward_at:
            return False
    return True


def is_change(text: str) -> bool:
    """True when the sentence reports an action or decision."""
    return _CHANGE.search(text)


def is_stakes(text: str) -> bool:
    """True when the sentence gives consequences, stakes or causes."""
    return _STAKES.search(text)


def role_of(text: str) -> Role:
    """The single role of a body sentence; recommendations first, then outlook, change, stakes.

    A prescription for a government is never the reader's recommendation; it is read as stakes.
    """
    if is_chinese(text):
        return _chinese_role(text)
    if is_recommendation(text):
        return Role.STAKES if is_government_prescription(text) else Role.RECOMMENDATION
    if is_forward(text):
        return Role.FORWARD
    if is_change(text):
        return Role.CHANGE
    if is_stakes(text):
        return Role.STAKES
    return Role.OTHER


def _chinese_role(text: str) -> Role:
    if chinese_recommendation(text):
        return Role.RECOMMENDATION
    if chinese_forward(text):
        return Role.FORWARD
    if chinese_change(text):
        return Role.CHANGE
    if chinese_stakes(text):
        return Role.STAKES
    return Role.OTHER


def trim_connective(text: str) -> str:
    """Drop a leading connective ("But", "Besides,") and capitalise what follows; else unchanged."""
    end = _CONNECTIVE.match_end(text)
    if end is None:
        return text
    rest = text[end:]
    if len(rest.split()) < 4:
        return text
    return rest[0].upper() + rest[1:]
