"""Time stamps and headlines glued to a sentence's start are split off (openings from ECB+ pages)."""

from __future__ import annotations

import pytest

from bot.core.datelines import strip_headline, strip_stamp
from bot.core.models import ArticleDraft
from bot.core.text import sentences_of

STAMPED = [
    (
        "May 3, 2013 at 7: 31 AM ET Updated 5: 40 p. m. ET Early Friday morning, around 1: 30 a. m., "
        "the 26 - year - old actress checked into Betty Ford Center.",
        "Early Friday morning, around 1: 30 a. m., the 26 - year - old actress checked into Betty "
        "Ford Center.",
    ),
    (
        "posted Jun 11th, 2012 at 1: 23 PM Apple is expected to unveil new laptops today.",
        "Apple is expected to unveil new laptops today.",
    ),
    (
        "on August 04 2011 5: 46 PM A San Antonio jury sentenced the man to life in prison.",
        "A San Antonio jury sentenced the man to life in prison.",
    ),
    (
        "UPDATED 05 / 03 / 2013 at 11: 00 AM EDT Originally published 05 / 03 / 2013 at 10: 20 AM "
        "EDT Lindsay Lohan checked into the Betty Ford Clinic on Thursday night.",
        "Lindsay Lohan checked into the Betty Ford Clinic on Thursday night.",
    ),
    (
        "POSTED: 1052 GMT (1852 HKT), April 10, 2007 A Michigan man shot to death one person.",
        "A Michigan man shot to death one person.",
    ),
    (
        "Lawyer: Lindsay Lohan checks into rehab facility Updated 4: 08 p. m. ET Lindsay Lohan's "
        "attorney said Thursday the actress checked into a rehab facility.",
        "Lindsay Lohan's attorney said Thursday the actress checked into a rehab facility.",
    ),
    (
        "2 October 2013, 15: 39 (GMT+05: 00) On October 1 - 2 Ashgabat hosts a seminar.",
        "On October 1 - 2 Ashgabat hosts a seminar.",
    ),
    ("PUBLISHED: WEDNESDAY, MARCH 13, 2013, 2: 29 PM", ""),
    ("Dec. 18 - 11:14 pm et", ""),
]

PROSE = [
    "At 2: 18 p. m., Horton and two other moms are seen approaching a Brownsville intersection.",
    "The bomb detonated around 5:30 p.m. at the bank in the 2500 block of Oregon 214.",
    "May 3 marks the anniversary of the first strike at the plant.",
    "On Tuesday, the US Department of Commerce released its strategy.",
    "By 6: 40 a. m. the fire was under control, Owen said.",
    "Voting will close at 6: 00 p.m. local time (1300 GMT) Sunday.",
]


@pytest.mark.parametrize(("sentence", "expected"), STAMPED)
def test_a_leading_stamp_is_split_off(sentence: str, expected: str) -> None:
    assert strip_stamp(sentence) == expected
    assert expected in sentence  # what stays is still the article's own words


@pytest.mark.parametrize("sentence", PROSE)
def test_times_and_dates_in_prose_stay(sentence: str) -> None:
    assert strip_stamp(sentence) == sentence


def test_the_headline_run_into_the_lead_is_split_off() -> None:
    title = "John Jenkin accused of Millom mother and sister murder"
    sentence = (
        "John Jenkin accused of Millom mother and sister murder A man has been remanded in "
        "custody after being charged with the murder of his mother and sister in Cumbria."
    )
    assert strip_headline(sentence, title).startswith("A man has been remanded")
    assert strip_headline("John Jenkin accused of murder, police said.", title) == (
        "John Jenkin accused of murder, police said."
    )


def test_stored_sentences_leave_stamps_out_and_stay_numbered_densely() -> None:
    draft = ArticleDraft(
        title="Ellen DeGeneres to host the Oscars",
        body=(
            "PUBLISHED: FRIDAY, AUGUST 2, 2013, 1: 32 PM\n\n"
            "Posted: 08 / 02 / 2013 11: 10 am EDT Ellen DeGeneres will host the Oscars. "
            "She hosted the show in 2007."
        ),
    )
    sentences = sentences_of(7, draft)
    assert [s.text for s in sentences] == [
        "Ellen DeGeneres will host the Oscars.",
        "She hosted the show in 2007.",
    ]
    assert [s.position for s in sentences] == [0, 1]
