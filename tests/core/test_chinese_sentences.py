"""Chinese sentence splitting: full-width stops, closing quotes, no split inside 《》 or quotes."""

from __future__ import annotations

from bot.core.text import split_sentences

# Passages written for these tests in the register of Chinese business news (no third-party text).


def test_full_width_stops_and_semicolon_end_sentences() -> None:
    text = "中芯国际第三季度营收同比增长34%。公司称需求回暖！订单能否持续？分析师看法不一；部分机构下调预期。"
    assert split_sentences(text) == [
        "中芯国际第三季度营收同比增长34%。",
        "公司称需求回暖！",
        "订单能否持续？",
        "分析师看法不一；",
        "部分机构下调预期。",
    ]


def test_quotation_with_inner_stops_stays_with_its_speaker() -> None:
    text = "公司发言人表示，“我们将继续扩大产能。明年二季度新厂投产。”他补充说。记者随后离开。"
    assert split_sentences(text) == [
        "公司发言人表示，“我们将继续扩大产能。明年二季度新厂投产。”他补充说。",
        "记者随后离开。",
    ]


def test_closing_quote_after_stop_belongs_to_the_sentence() -> None:
    text = "商务部表示：“将依法保障企业合法权益。”“相关措施不针对特定国家。”"
    assert split_sentences(text) == [
        "商务部表示：“将依法保障企业合法权益。”",
        "“相关措施不针对特定国家。”",
    ]


def test_no_split_inside_title_marks_or_corner_quotes() -> None:
    text = "《芯片法案。实施细则》于本月公布。文件称「出口须申报。违者重罚」。"
    assert split_sentences(text) == [
        "《芯片法案。实施细则》于本月公布。",
        "文件称「出口须申报。违者重罚」。",
    ]


def test_unbalanced_quotes_fall_back_to_every_stop() -> None:
    text = "他说：“产能将翻番。明年投产。"
    assert split_sentences(text) == ["他说：“产能将翻番。", "明年投产。"]


def test_mixed_chinese_and_english_paragraph() -> None:
    text = "台积电称需求强劲。TSMC said demand was strong. Shares rose."
    assert split_sentences(text) == [
        "台积电称需求强劲。",
        "TSMC said demand was strong.",
        "Shares rose.",
    ]
