"""Content fingerprints: the ASCII fast path gives exactly the stored hashes' reference form."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bot.core.text import content_hash, fingerprint_text


def _reference(text: str) -> str:
    """The definition every stored content hash was computed with."""
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fingerprints_equal_the_reference_form(text: str) -> None:
    assert fingerprint_text(text) == _reference(text)


def test_hashes_ignore_case_spacing_and_punctuation_but_not_words() -> None:
    assert content_hash("Chips, export\ncontrols!") == content_hash("chips export   controls")
    assert content_hash("Chips export controls") != content_hash("Chips import controls")
    assert content_hash("Café ﬁne") == content_hash("CAFÉ fine")
