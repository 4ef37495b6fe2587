"""Chinese numerals in dates: 九月七日, 十二月, 二〇二二年 read as Arabic ones are."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
# The digits a year is written with, one by one (二〇二二); 两 counts, it never spells a year.
YEAR_DIGITS = "〇零一二三四五六七八九"
# A month's number, Arabic or Chinese (regular-expression text, no group).
MONTH_NUMBER = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
CHINESE_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"


def number(text: str) -> int | None:
    """An Arabic or simple Chinese numeral up to 99: 3, 十, 十四, 二十, 两."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.count("十") == 1 and len(text) <= 3:
        tens, _, ones = text.partition("十")
        high = DIGITS.get(tens) if tens else 1
        low = DIGITS.get(ones) if ones else 0
        return None if high is None or low is None else high * 10 + low
    return DIGITS.get(text) if len(text) == 1 else None


def count(text: str) -> int:
    """A month or day number the date patterns matched, Arabic or Chinese."""
    value = number(text)
    assert value is not None, text  # the patterns admit only numerals ``number`` reads
    return value


def year_number(text: str) -> int:
    """2022 or 二〇二二, digit by digit."""
    return int(text) if text.isdigit() else int("".join(str(DIGITS[ch]) for ch in text))
