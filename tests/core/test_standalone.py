"""Sentences that cannot stand alone, taken from the seeds and the ECB+ news."""

from __future__ import annotations

import pytest

from bot.core.standalone import has_balanced_quotes, stands_alone


@pytest.mark.parametrize(
    "text",
    [
        "These include passing the CHIPS Act in early August that lures companies to the US.",
        "As a result, China could no longer buy the most advanced lithography machines.",
        "With such methods launched, the US intends to contain China's chip industry.",
        "He said it's the largest quake to hit the region in a decade.",
        "… at the current stage,” Hu Qimu, chief research fellow, said.",
        "social drinker\" who's no longer tempted to fall back into her old habits:",
        "for the nation's economy.",
    ],
)
def test_sentences_needing_their_neighbour_are_refused(text: str) -> None:
    assert not stands_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tara Reid has checked herself into Promises Treatment Center.",
        "“We are thrilled to have Ellen DeGeneres host the Oscars,” said Zadan and Meron jointly.",
        "DeGeneres wrote: \"It's official: I'm hosting the Oscars!\"",
        "This week's talks in Singapore end on Friday.",
    ],
)
def test_self_contained_sentences_pass(text: str) -> None:
    assert stands_alone(text)


def test_quotes_balance_counts_curly_pairs_and_straight_marks() -> None:
    assert has_balanced_quotes("“A” and “B”")
    assert not has_balanced_quotes("“A and B")
    assert not has_balanced_quotes('A" and B')
