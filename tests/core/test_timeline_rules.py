"""Timeline rules on hand-written sentences: ranges, one statement per article, trimming, attribution."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.models import Article, ArticleDraft, DatePrecision
from bot.core.statements import MAX_STATEMENT, MAX_WITH_SUBJECT, statement_of
from bot.core.text import sentences_of
from bot.core.timeline import Event, build_timeline
from bot.core.timex import Granularity

PUBLISHED_AT = datetime(2022, 9, 7, tzinfo=UTC)  # a Wednesday


def events_of(body: str) -> tuple[Event, ...]:
    draft = ArticleDraft(title="t", body=body)
    article = Article(
        id=1, title="t", body=body, content_hash="h", ingested_at=PUBLISHED_AT,
        published_at=PUBLISHED_AT, published_precision=DatePrecision.DAY,
        sentences=tuple(sentences_of(1, draft)),
    )  # fmt: skip
    return build_timeline([article], now_at=PUBLISHED_AT).events


def only_event(body: str) -> Event:
    events = events_of(body)
    assert len(events) == 1, [(e.value, e.statement) for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("body", "value", "starts", "ends"),
    [
        ("Ministers will meet in Los Angeles from Thursday to Friday.",
         "2022-09-08/2022-09-09", (2022, 9, 8), (2022, 9, 10)),
        ("The fair runs between March 3 and March 5, 2023.",
         "2023-03-03/2023-03-05", (2023, 3, 3), (2023, 3, 6)),
        ("The talks ran from Sept. 1 through Sept. 3.",
         "2022-09-01/2022-09-03", (2022, 9, 1), (2022, 9, 4)),
        ("He served as mayor from 2010 until 2015.", "2010/2015", (2010, 1, 1), (2016, 1, 1)),
        ("Output grew 2020–2022.", "2020/2022", (2020, 1, 1), (2023, 1, 1)),
        ("From January to March, exports fell.", "2022-01/2022-03", (2022, 1, 1), (2022, 4, 1)),
    ],
)  # fmt: skip
def test_a_range_is_one_event(
    body: str, value: str, starts: tuple[int, int, int], ends: tuple[int, int, int]
) -> None:
    event = only_event(body)
    assert event.value == value
    assert event.starts_at == datetime(*starts, tzinfo=UTC)
    assert event.ends_at == datetime(*ends, tzinfo=UTC)
    assert event.mod is None


def test_range_keeps_the_precision_of_its_ends() -> None:
    assert only_event("Ministers will meet from Thursday to Friday.").precision == Granularity.DAY
    assert only_event("He served from 2010 until 2015.").precision == Granularity.YEAR


def test_and_joins_a_range_only_after_between() -> None:
    event = only_event("Talks on Monday and Tuesday went well.")
    assert event.value == "2022-09-05"  # the sentence is told once, under its first date
    assert only_event("Talks ran between Monday and Tuesday.").value == "2022-09-05/2022-09-06"


def test_a_moved_date_keeps_the_new_one() -> None:
    assert only_event("The vote was postponed from March to June.").value == "2022-06"


def test_a_bare_clock_time_beside_a_day_dates_nothing_new() -> None:
    assert only_event("The meeting is on Friday at 9 a.m.").value == "2022-09-02"


def test_two_dates_in_a_long_sentence_get_their_own_clauses() -> None:
    events = events_of("Sales fell in 2020, but they rose again in 2021.")
    assert [e.value for e in events] == ["2020", "2021"]
    assert events[0].statement == "Sales fell in 2020"
    assert len({e.statement for e in events}) == 2


def test_a_repeated_sentence_is_one_event() -> None:
    events = events_of("The plant opened in May.\n\nThe plant opened in May.")
    assert len(events) == 1
    assert len(events[0].citations) == 1


def test_a_short_sentence_is_the_whole_statement() -> None:
    event = only_event("Xi identified “education, technology, and talent” on Sunday.")
    assert event.statement == "Xi identified “education, technology, and talent” on Sunday"


def test_no_clause_break_inside_a_quotation() -> None:
    sentence = (
        "In his speech before the congress on Sunday, Xi identified “education, technology, and "
        "talent” as the fundamental drivers of the continued efforts of the nation at "
        "modernization and economic development."
    )
    assert len(sentence) > MAX_STATEMENT
    statement = only_event(sentence).statement
    assert statement.startswith("In his speech before the congress on Sunday, Xi identified “")
    assert "talent”" in statement
    assert statement in sentence
    assert len(statement) <= MAX_STATEMENT
    assert statement.endswith("at modernization")  # cut before a connective, at a word end


def test_no_clause_break_inside_brackets() -> None:
    filler = "x" * 150
    sentence = (
        f"On Monday the firm (which makes chips, screens, and panels) said {filler} tomorrow."
    )
    start = sentence.index("Monday")
    statement = statement_of(sentence, start, start + 6)
    assert statement.count("(") == statement.count(")")
    assert "Monday" in statement


def test_an_opening_needing_its_neighbour_falls_back_to_the_dash_clause() -> None:
    sentence = (
        "It lists “greater self-reliance and strength in science and technology” as being among "
        "the priorities for the coming five years – a crucial period as the nation strives to "
        "become a tech powerhouse by mid-century."
    )
    assert MAX_STATEMENT < len(sentence) <= MAX_WITH_SUBJECT + 1
    statement = only_event(sentence).statement
    assert (
        statement
        == "… a crucial period as the nation strives to become a tech powerhouse by mid-century"
    )


def test_a_lower_case_clause_walks_back_to_the_sentence_start() -> None:
    sentence = (
        "At the meeting in Beijing with officials from every province and from many of the "
        "largest state firms, the commission adopted the guideline on Tuesday, and it will "
        "review the results of the first year of the plan in detail and in public next spring."
    )
    start = sentence.index("on Tuesday")
    statement = statement_of(sentence, start, start + 10)
    assert statement.startswith("At the meeting in Beijing")
    assert statement.endswith("on Tuesday")


def test_a_far_clause_drops_its_leading_conjunction() -> None:
    filler = ", ".join(f"the {word} industry grew steadily" for word in "abcdefghij")
    body = f"{filler}, and the ministers will meet next February in Tokyo, {filler}."
    event = only_event(body)
    assert event.statement.startswith("the ministers will meet next February in Tokyo")
    assert len(event.statement) <= MAX_STATEMENT


def test_statement_ends_on_a_word_not_a_function_word() -> None:
    sentence = "On Monday " + "the board met and talked of the plans of the " * 6 + "firm."
    statement = statement_of(sentence, 3, 9)
    assert statement.split()[-1].lower() not in {"of", "the", "and", "a"}
    assert len(statement) <= MAX_STATEMENT
    assert statement in sentence


def test_initialism_keeps_its_dot() -> None:
    assert only_event("The quake struck on Monday at 3:40 a.m.").statement.endswith("a.m.")


def test_attribution_dates_stay_out_beside_real_events() -> None:
    events = events_of("The plant opens in May, Hu told the Global Times on Wednesday.")
    assert [e.value for e in events] == ["2022-05"]
    assert events_of("It is not enough, Hu told the Global Times on Wednesday.") == ()


def test_a_pointing_back_opening_is_joined_and_commentary_left_out() -> None:
    body = (
        "Recent US moves indicate the administration wants to speed up its crackdown. "
        "These include passing the CHIPS Act in early August. "
        "China's 2026 'Dual Research' strategy aligns with the Plan's emphasis on innovation."
    )
    (event,) = events_of(body)
    assert event.value == "2022-08"
    assert event.statement.startswith("Recent US moves indicate")
    assert event.statement.endswith("These include passing the CHIPS Act in early August")
