"""Snippets: the window with the most query phrases, marked as the word index matches them."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.core.brief.stemming import stem
from bot.core.snippets import Snippets, fold

MARKS = ("«", "»")


def _snippets(*phrases: str, tokens: int = 12) -> Snippets:
    return Snippets(phrases, tokens=tokens, marks=MARKS, ellipsis="…")


def _marked(snippet: str) -> list[str]:
    return re.findall("«([^»]*)»", snippet)


def test_stemmed_forms_and_case_are_marked() -> None:
    text = "Semiconductor makers said Chips were scarce; the chip shortage eased."
    snippet = _snippets("chips").cut(["Other title", text])
    assert _marked(snippet) == ["Chips", "chip"]


def test_a_phrase_is_marked_only_where_its_words_follow_each_other() -> None:
    text = "Export rules tightened. The new export controls cover controls on exports."
    assert _marked(_snippets("export controls").cut([text])) == ["export controls"]


def test_the_window_with_more_distinct_phrases_wins_over_an_earlier_one() -> None:
    filler = " ".join(f"word{i}" for i in range(40))
    text = f"Tariffs rose. {filler}. Tariffs and subsidies and quotas changed together."
    snippet = _snippets("tariff", "subsidies", "quota").cut([text])
    assert _marked(snippet) == ["Tariffs", "subsidies", "quotas"]
    assert snippet.startswith("…")


def test_a_title_match_is_used_when_it_holds_as_much() -> None:
    snippet = _snippets("lithography").cut(["Lithography race", "The lithography tools ship."])
    assert snippet == "«Lithography» race"


def test_long_text_is_cut_with_ellipses_on_both_sides() -> None:
    words = [f"w{i}" for i in range(100)]
    words[50] = "wafers"
    snippet = _snippets("wafer", tokens=10).cut([" ".join(words)])
    assert snippet == "…w47 w48 w49 «wafers» w51 w52 w53 w54 w55 w56…"


def test_diacritics_and_text_without_matches() -> None:
    assert _marked(_snippets("cafe").cut(["Le Café de Flore"])) == ["Café"]
    assert _snippets("zebra", tokens=3).cut(["", "One two three four."]) == "One two three…"
    assert _snippets("zebra").cut([]) == ""


def test_short_stems_overlapping_prefixes_and_accents_beyond_latin_1() -> None:
    assert _snippets("pay").cut(["Headline", "Workers want more pay."]) == (
        "Workers want more «pay»."
    )
    assert _snippets("running", "runner").cut(["The runner ran."]) == "The «runner» ran."
    assert _marked(_snippets("istanbul").cut(["İSTANBUL news"])) == ["İSTANBUL"]
    assert _marked(_snippets("viet").cut(["Việt Nam"])) == ["Việt"]


def test_a_phrase_longer_than_the_window_is_shown_whole() -> None:
    phrase = "one two three four five six"
    assert _snippets(phrase, tokens=3).cut([f"Start {phrase} end and more."]) == (
        f"Start «{phrase}»…"
    )


def test_only_the_start_of_a_huge_text_is_searched() -> None:
    huge = "word " * 30_000 + "needle."
    assert _marked(_snippets("needle").cut([huge])) == []
    # The cut runs through "payments": half a word is no match.
    cut_word = "word " * 19_999 + "  payments are due soon"
    assert _marked(_snippets("pay").cut([cut_word])) == []


def test_snippets_stay_short_whatever_follows_the_window() -> None:
    dots = _snippets("payment").cut(["The payment was made today" + " ." * 5000])
    dashes = _snippets("new york").cut(["alpha beta new " + "— " * 20_000 + "york."])
    assert len(dots) < 200
    assert len(dashes) < 200


def test_a_word_inside_another_word_is_not_a_match() -> None:
    assert _marked(_snippets("port").cut(["Exports and support grew; the port reopened."])) == [
        "port"
    ]


_WORDS = st.sampled_from(
    ["chip", "chips", "chipping", "export", "exports", "controls", "the", "on", "Café", "tariffs"]
)


@given(
    words=st.lists(_WORDS, max_size=60),
    query=st.lists(_WORDS, min_size=1, max_size=2),
    separators=st.lists(st.sampled_from([" ", ", ", ". ", " - ", "\n"]), min_size=1),
)
def test_every_mark_is_a_query_phrase_and_the_rest_is_the_text(
    words: list[str], query: list[str], separators: list[str]
) -> None:
    text = "".join(w + separators[i % len(separators)] for i, w in enumerate(words))
    phrase = " ".join(query)
    snippet = _snippets(phrase).cut([text])
    wanted = [stem(fold(w)) for w in query]
    for marked in _marked(snippet):
        assert [stem(fold(w)) for w in re.findall(r"[^\W_]+", marked)] == wanted
    plain = snippet.replace("«", "").replace("»", "").strip("…").strip()
    assert plain in " ".join(text.split())


def test_a_snippet_is_cut_only_at_whitespace() -> None:
    # "R&D" is two tokens to the index but one word to a reader: never "…D impacts".
    text = "The fund covers basic research and R&D impacts AI chip innovation across the sector."
    snippet = _snippets("chip", tokens=5).cut([text])
    assert snippet == "…R&D impacts AI «chip» innovation…"
    ending = _snippets("basic", tokens=6).cut(["Funding for basic research in U.S.-China labs."])
    assert ending == "Funding for «basic» research in U.S.-China…"


@given(
    words=st.lists(
        st.sampled_from(["R&D", "U.S.", "chip", "tech-led", "a", "2024/25"]), max_size=40
    ),
    tokens=st.integers(min_value=2, max_value=8),
)
def test_every_snippet_starts_and_ends_on_a_whole_word(words: list[str], tokens: int) -> None:
    text = " ".join(words)
    plain = _snippets("chip", tokens=tokens).cut([text]).replace("«", "").replace("»", "")
    shown = plain.strip("…").split()
    if shown:
        assert shown[0] in words
        assert shown[-1] in words
