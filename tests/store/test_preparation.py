"""Row preparation: the lead shortcut agrees with the core paragraph splitter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.text import split_paragraphs
from bot.store.preparation import lead_of

_TEXT = st.text(alphabet=st.sampled_from(list("ab. \n\t\u00a0\u3000中。")), max_size=60)


@given(_TEXT)
def test_lead_is_the_first_paragraph_split_paragraphs_finds(body: str) -> None:
    paragraphs = split_paragraphs(body)
    assert lead_of(body) == (paragraphs[0] if paragraphs else "")
