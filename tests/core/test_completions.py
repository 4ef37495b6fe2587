"""Stored stems shown as the words people type: the most frequent spelling in the articles."""

from __future__ import annotations

from bot.core.completions import surface_words


def test_each_stem_gets_its_most_frequent_spelling() -> None:
    texts = [
        "Chinese chipmakers and China's lithography push.",
        "The Chinese government backs lithographic research; lithography tools are scarce.",
    ]
    assert surface_words(["chines", "lithographi"], texts) == ["chinese", "lithography"]


def test_ties_go_to_the_shorter_word_and_unspelled_stems_are_left_out() -> None:
    texts = ["Exacerbated shortages exacerbate prices.", "Self-reliance matters."]
    assert surface_words(["exacerb", "relianc", "zebra"], texts) == ["exacerbate", "reliance"]
