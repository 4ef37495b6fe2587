"""The ingest quality gate: size limit and the not-an-article checks, each with its reason."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.article_gate import ArticleGate, content_refusal, describe_size

ARTICLE = (
    "ASML shipped new EUV lithography tools this quarter, the company said on Tuesday. "
    "Buyers said supply stays tight, and prices for the machines rose again. "
) * 5


def test_an_article_passes() -> None:
    assert ArticleGate().refusal([ARTICLE, "A second paragraph ends here."]) is None


def test_a_text_over_the_limit_is_refused_with_its_size() -> None:
    gate = ArticleGate(max_text_bytes=300 * 1024)
    reason = gate.size_refusal("word " * 100_000)
    assert reason is not None
    assert "488 KB" in reason
    assert "300 KB limit" in reason
    assert gate.size_refusal("word " * 1000) is None


def test_describe_size() -> None:
    assert describe_size(812) == "812 bytes"
    assert describe_size(300 * 1024) == "300 KB"
    assert describe_size(20 * 1024 * 1024) == "20.0 MB"


def test_a_log_is_refused() -> None:
    log = "\n".join(
        f"2024-05-01 12:{i % 60:02d}:{i * 7 % 60:02d},123 INFO [worker-{i % 7}] request {i} "
        f"served in {i % 300} ms."
        for i in range(200)
    )
    assert (content_refusal(log) or "").startswith("The text looks like a log")


def test_a_table_dump_is_refused() -> None:
    table = "id,name,price,qty\n" + "\n".join(
        f"{i},Widget number {i},{i * 1.5:.2f},{i % 17}" for i in range(50)
    )
    reason = content_refusal(table) or ""
    assert reason.startswith("The text looks like a table dump")
    assert "comma-separated" in reason


def test_mostly_non_words_are_refused() -> None:
    reason = content_refusal(" ".join(f"{i:08x}" for i in range(500))) or ""
    assert reason.startswith("The text is mostly not words")


def test_a_long_text_without_sentences_is_refused() -> None:
    menu = "\n".join(["Home", "About us", "Contact", "Privacy policy", "Terms of use"] * 10)
    assert content_refusal(menu) == "The text has no sentences, so it is not an article."


def test_a_headline_note_and_chinese_prose_pass() -> None:
    assert content_refusal("Esther Williams, swimming star, dies at 91") is None
    assert (
        content_refusal(
            "中国将调动全国资源，突破芯片等核心技术。专家表示，这一计划将持续数年。" * 10
        )
        is None
    )


def test_prose_with_commas_and_times_passes() -> None:
    prose = "\n".join(
        f"At 10:3{i % 10}, the minister, who spoke in Paris, said prices, wages and rents rose."
        for i in range(20)
    )
    assert content_refusal(prose) is None


@given(st.text(max_size=2000))
def test_the_gate_is_total(text: str) -> None:
    reason = ArticleGate().refusal([text])
    assert reason is None or reason.endswith(".")
