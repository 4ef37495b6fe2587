"""Where outlets' versions of one sentence disagree, on real pairs from the ECB+ multi-outlet news."""

from __future__ import annotations

import pytest

from bot.core.brief import build_brief, load_topic_lexicon, rank_articles, resolve_topic
from bot.core.brief.discrepancy import DifferenceKind, compare_versions, find_differences
from bot.core.brief.model import Brief
from bot.core.models import SearchHit
from tests.core.brief.seed_articles import NOW_AT
from tests.core.brief.test_brief_rules import make_article

# Pairs of near-duplicate sentences from two outlets each (ECB+ topics 8, 14, 20, 24, 32), or
# the issue's own examples, with the words each side holds.
DISAGREEING = [
    (
        "The 6. 1 - magnitude quake struck Qeshm island, home to 120, 000 people, and the city of "
        "Bandar Abbas, state media said.",
        "The 5. 9 - magnitude quake struck Qeshm island, home to 120, 000 people, and the city of "
        "Bandar Abbas, state media said.",
        DifferenceKind.NUMBER,
        "6. 1",
        "5. 9",
    ),
    (
        "The 6.1-magnitude quake struck Qeshm island in the Gulf on Sunday, state media said.",
        "The 5.9-magnitude quake struck Qeshm island in the Gulf on Sunday, state media said.",
        DifferenceKind.NUMBER,
        "6.1-magnitude",
        "5.9-magnitude",
    ),
    (
        "A fire gutted the 20-storey tower in the city centre overnight, firefighters said.",
        "A fire gutted the 30-storey tower in the city centre overnight, firefighters said.",
        DifferenceKind.NUMBER,
        "20-storey",
        "30-storey",
    ),
    (
        "A firebomb attack on a bank in Greece killed at least three people today as police fought "
        "pitched battles with striking protesters.",
        "A FIRE - BOMB attack on a bank in Athens left at least three people dead as police fought "
        "pitched battles with striking protesters.",
        DifferenceKind.NAME,
        "Greece killed",
        "Athens left",
    ),
    (
        "Taban Deng, governor of Unity state, accused Sudan of carrying out the attack.",
        "Taban Deng, governor of Unity state, accused Khartoum of carrying out the attack.",
        DifferenceKind.NAME,
        "Sudan",
        "Khartoum",
    ),
    (
        "At least 10 people were killed in the blast, police said.",
        "At least twelve people were killed in the blast, police said.",
        DifferenceKind.NUMBER,
        "10",
        "twelve",
    ),
    (
        "The jewels, worth £88m, were taken on Nov. 12, police said.",
        "The jewels, worth £88m, were taken on Nov. 13, police said.",
        DifferenceKind.DATE,
        "12",
        "13",
    ),
    (
        "The launch was delayed on Friday, the agency said.",
        "The launch was confirmed on Friday, the agency said.",
        DifferenceKind.NEGATION,
        "delayed",
        "confirmed",
    ),
    (
        "Police said the driver was not wearing a seat belt.",
        "Police said the driver was wearing a seat belt.",
        DifferenceKind.NEGATION,
        "not",
        "",
    ),
]

# Same fact, different words: units, spellings, accents, abbreviations, who was told, moved
# negations, a detail only one side gives (ECB+ topics 1, 5, 18, 23, 24, 29, 35).
AGREEING = [
    (
        "Sheriff's deputies and state police chased him for 48km, at speeds up to 193km / h.",
        "Sheriff's deputies and state police chased him for 30 miles, at speeds up to 120 mph.",
    ),
    (
        "At the end of July, an armed man made off with jewellery worth 103 million euros.",
        "At the end of July, an armed man made off with jewellery worth £88m.",
    ),
    (
        "The heist near the upscale Place Vendome is the latest to hit France.",
        "The heist near the upscale Place Vendôme is the latest to hit France.",
    ),
    (
        "LaCalamita was listed among the staff on the website of Gordon Advisers, a firm.",
        "LaCalamita was listed among the staff on the website of Gordon Advisors, a firm.",
    ),
    (
        '"Tara Reid has checked herself into Promises Treatment Center," Reid\'s rep told Us.',
        '"Tara Reid has checked herself into Promises Treatment Center," her rep told '
        "UsMagazine.com.",
    ),
    (
        '"I feel on the floor we weren\'t executing the philosophy that we want," he said.',
        '"I didn\'t feel on the floor we were executing the philosophy we wanted," he said.',
    ),
    ("Police could not say how many shots were fired.", "Police couldn't say how many shots."),
    (
        "Manning threw for 364 yards, and the Colts secured the No. 5 seed in the AFC playoffs.",
        "Manning threw for 364 yards, and the Colts secured the No. 5 seed in the American "
        "Football Conference playoffs.",
    ),
    (
        "Cheeks is the fifth coach fired this season, after PJ Carlesimo of Oklahoma City.",
        "Cheeks is the fifth coach fired this season, after P.J. Carlesimo of Oklahoma City.",
    ),
    (
        "Anyone with information is asked to call Crimestoppers on 0800 555 111.",
        "Anyone with information is asked to call Crimestoppers on 0800 555111.",
    ),
    (
        "Bettie Page passed away at 6:41pm PST this evening in a Los Angeles hospital.",
        "Bettie Page passed away at 18:41 this evening in a Los Angeles hospital.",
    ),
    (
        '"We appreciate your respect," the 33-year-old actress\'s rep Jack Ketsoyan said.',
        '"We appreciate your respect," the actress\'s rep Jack Ketsoyan said.',
    ),
    (
        "The bodies of Ms McMeekin and Miss Jenkin were found in Newton Street on Saturday.",
        "The bodies of Alice McMeekin and Kathryn Jenkin were found in Newton Street on Saturday.",
    ),
    (
        "The bodies of Alice McMeekin, 58, and Kathryn Jenkin, 20, were found at a terraced house "
        "in Newton Street, Millom, on Saturday.",
        "The bodies of Alice McMeekin and Katie Jenkin were found at their Newton Street home in "
        "Millom on Saturday morning.",
    ),
    (
        "Parliamentary elections in Turkmenistan will be held on a two-party basis, according to "
        "the Central Elections Commission of Turkmenistan.",
        "Parliamentary elections in Turkmenistan will be held on a two-party basis, according to "
        "the Central Commission for Elections and Referenda of Turkmenistan.",
    ),
    (
        "John Jenkin accused of Millom mother and sister murder: a man has been charged with the "
        "murder of his mother and sister in Cumbria.",
        "John Jenkin accused of Millom mother and sister murder: a man has been charged with the "
        "murder of his mother and sister in Millom.",
    ),
]


@pytest.mark.parametrize(("ours", "theirs", "kind", "ours_words", "theirs_words"), DISAGREEING)
def test_a_fact_that_differs_is_found_with_each_sides_words(
    ours: str, theirs: str, kind: DifferenceKind, ours_words: str, theirs_words: str
) -> None:
    (difference,) = find_differences(ours, theirs)
    assert (difference.kind, difference.ours, difference.theirs) == (
        kind,
        ours_words,
        theirs_words,
    )
    # Seen from the other outlet, the same disagreement with the sides swapped.
    (mirrored,) = find_differences(theirs, ours)
    assert (mirrored.ours, mirrored.theirs) == (theirs_words, ours_words)


@pytest.mark.parametrize(("ours", "theirs"), AGREEING)
def test_the_same_fact_in_other_words_is_no_disagreement(ours: str, theirs: str) -> None:
    assert find_differences(ours, theirs) == ()
    assert find_differences(theirs, ours) == ()


def test_unrelated_sentences_are_not_compared() -> None:
    comparison = compare_versions(
        "The jury convicted the 32-year-old Peterson on Nov. 12 of murder.",
        "The same jury that recommended Peterson's penalty found him guilty in 2004.",
    )
    assert comparison.alignment < 0.6
    assert comparison.differences == ()


# Further sentences of the ECB+ quake reports, so the pool's term weights are a story's, not two lines'.
_CONTEXT = (
    "Iran's Red Crescent said rescue teams were sent to the area.",
    "Several villages near Bandar Abbas lost power, the governor said.",
    "Aftershocks were felt across Hormozgan province overnight.",
)


def _brief(*articles_text: tuple[str, str], stories: dict[int, str] | None = None) -> Brief:
    articles = [
        make_article(i + 1, title, body, _CONTEXT[i % len(_CONTEXT)])
        for i, (title, body) in enumerate(articles_text)
    ]
    query = resolve_topic("qeshm quake", load_topic_lexicon())
    hits = [SearchHit(a, 2.0 - 0.1 * i, "") for i, a in enumerate(articles)]
    brief = build_brief(query, rank_articles(query, hits, now_at=NOW_AT), stories=stories)
    assert isinstance(brief, Brief)
    return brief


def test_outlets_differ_only_within_one_story() -> None:
    texts = (
        ("Quake strikes Qeshm island", DISAGREEING[0][0]),
        ("Strong quake hits Qeshm", DISAGREEING[0][1]),
    )
    assert _brief(*texts, stories={1: "s1", 2: "s1"}).disputed_sentences()
    # Two quakes on Qeshm, placed in two stories: their magnitudes are two facts, not a dispute.
    apart = _brief(*texts, stories={1: "s1", 2: "s2"})
    assert not apart.disputed_sentences()
    assert not any(s.corroborations for s in apart.cited_sentences())


def test_a_brief_shows_both_wordings_each_with_its_own_source() -> None:
    brief = _brief(
        ("Quake strikes Qeshm island", DISAGREEING[0][0]),
        ("Strong quake hits Qeshm", DISAGREEING[0][1]),
    )
    (disputed,) = brief.disputed_sentences()
    (other,) = disputed.disagreements
    shown_source = next(s for s in brief.sources if s.number == disputed.citations[0])
    other_source = next(s for s in brief.sources if s.number == other.citation)
    assert {shown_source.article_id, other_source.article_id} == {1, 2}
    assert other.citation not in disputed.citations  # [n] still only for who wrote the shown words
    assert other.text in (DISAGREEING[0][0], DISAGREEING[0][1])
    assert other.text != disputed.text
    assert other.differences[0].kind is DifferenceKind.NUMBER


def test_a_corroborating_outlet_is_listed_with_its_own_sentence() -> None:
    own = "The 6. 1 - magnitude quake struck Qeshm island on Sunday, state media said."
    paraphrase = "The 6. 1 - magnitude quake hit Qeshm island on Sunday, state media reported."
    brief = _brief(("Quake strikes Qeshm island", own), ("Strong quake hits Qeshm", paraphrase))
    sentence = next(s for s in brief.cited_sentences() if s.corroborations)
    (other,) = sentence.corroborations
    assert {sentence.text, other.text} == {own, paraphrase}
    assert other.citation not in sentence.citations
    assert not brief.disputed_sentences()
