"""The similarity index finds exactly the vectors that pairwise cosine comparison finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.brief.selection import SentenceVector, cosine, vectorise
from bot.core.brief.similarity import SimilarityIndex

WORDS = ["chip", "export", "control", "wafer", "lithography", "tariff", "quantum", "rules"]
SENTENCES = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)


@given(
    texts=st.lists(SENTENCES, max_size=12),
    probe=SENTENCES,
    threshold=st.sampled_from([0.3, 0.55, 0.72, 1.0]),
)
def test_near_matches_pairwise_cosine(texts: list[str], probe: str, threshold: float) -> None:
    vectors = [vectorise(text) for text in texts]
    probe_vector = vectorise(probe)
    expected = [i for i, v in enumerate(vectors) if cosine(v, probe_vector) >= threshold]
    assert SimilarityIndex(vectors).near(probe_vector, threshold) == expected


def test_identical_sentences_are_near_and_empty_ones_never() -> None:
    vectors = [vectorise("Export controls on chips."), vectorise("the of and"), vectorise("Chips.")]
    index = SimilarityIndex(vectors)
    assert index.near(vectorise("Chips export controls!"), 0.99) == [0]
    assert index.near(SentenceVector({}, 0.0, 0), 0.1) == []
