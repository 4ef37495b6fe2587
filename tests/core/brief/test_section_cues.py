"""The fast, lower-cased section cues match exactly what case-insensitive regexes match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.brief import sections

CUES = {
    "recommendation": sections._RECOMMENDATION,
    "forward": sections._FORWARD,
    "change": sections._CHANGE,
    "stakes": sections._STAKES,
    "boilerplate": sections._BOILERPLATE,
    "connective": sections._CONNECTIVE,
}
# Words of the patterns in odd cases, next to characters with special case rules.
PIECES = [
    "Should",
    "WILL",
    "Next January",
    "By 2028",
    "Sign Up",
    "ſubscribe",
    "SUBSCRİBE",
    "sıgn up",
    "\u212aey",
    "©",
    "要查看或添加评论",
    "But,",
    "However",
    "Has Walked",
    "risks",
    "ß",
    "“quoted”",
    "Ǆ",
    "Ⅻ",
    "é",
    ".",
    "-",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.text(max_size=40),
)


@pytest.mark.parametrize("name", sorted(CUES))
@given(text=TEXTS)
def test_cue_matches_like_ignorecase(name: str, text: str) -> None:
    cue = CUES[name]
    reference = re.compile(cue.pattern, re.IGNORECASE)
    assert cue.search(text) is (reference.search(text) is not None)
    found = reference.match(text)
    assert cue.match_end(text) == (None if found is None else found.end())


def test_cue_refuses_upper_case_escapes() -> None:
    with pytest.raises(ValueError, match="upper-case escape"):
        sections._Cue(r"\W+")
