"""Whether a sentence can be shown alone: no missing referent, no half quotation, no fragment."""

from __future__ import annotations

import re

# Openings whose referent sits in the sentence before ("These include…", "He said it's…").
_DANGLING = re.compile(
    r"^(?:These|Those|Such)\b"
    r"|^(?:As a result|With such|By using (?:it|this|them)|In (?:this|that) way|To this end"
    r"|That is why|Because of this|For this reason)\b"
    r"|^This (?:is|was|means|has|will|would|could|shows|includes|requires|makes)\b"
    r"|^(?:He|She|They|It) (?:said|added|noted|told|says)\b"
)


# The timeline's wider test: any sentence opening on a pronoun that names no one ("It lists…",
# "They include…"); the expletive "It is…"/"It will…" stands alone.
_OPENS_ON_PREVIOUS = re.compile(
    r"^(?:It|They)\s+(?!(?:is|was|are|were|will|would|may|might|could|can|has\s+been|"
    r"had\s+been|remains|seems|appears)\b)[a-z]+\b"
)


# Chinese openings on a referent named before: 公司 ("the company"), 该/此/这/其, pronouns, 新规定.
_ZH_OPENS_ON_PREVIOUS = re.compile(r"^(?:该|此(?!外)|这|其|他|她|它|上述|对此|为此|公司|新规定?)")


def has_balanced_quotes(text: str) -> bool:
    """Whether every quotation the sentence opens it also closes (curly pairs, straight pairs)."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def stands_alone(text: str) -> bool:
    """Whether a reader understands the sentence without the one before it."""
    stripped = text.strip()
    if not stripped or stripped[0].islower():
        return False
    return has_balanced_quotes(stripped) and _DANGLING.search(stripped) is None


def opens_on_previous(text: str) -> bool:
    """Whether the sentence's opening points back to the one before ("These include…", "公司预计…")."""
    stripped = text.strip()
    return (
        _DANGLING.search(stripped) is not None
        or _OPENS_ON_PREVIOUS.search(stripped) is not None
        or _ZH_OPENS_ON_PREVIOUS.search(stripped) is not None
    )
