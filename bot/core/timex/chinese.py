"""Chinese date rules: 2022年9月7日, 9月7日, 明年2月, 下周四, 上个月, 今年年底, 十四五期间.

Each resolves against the anchor with the English rules' precision checks (``needs``,
``month_year``, ``shift_reading``): a week-dated article gets its weekdays flagged
approximate, a year-dated one gets no guessed month.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.core.timex import chinese_numerals as numerals
from bot.core.timex.absolute import Handler
from bot.core.timex.chinese_context import SPRING_FESTIVAL, chinese_tense, nearest_festival
from bot.core.timex.context import Context
from bot.core.timex.model import Granularity, Reading, TimexType
from bot.core.timex.resolve import (
    day_value,
    month_value,
    month_year,
    needs,
    safe_day,
    shift_reading,
    unresolved,
    week_day,
    week_value,
    weekday_day,
)

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_REL_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_REL_STEPS = {"上上": -2, "上个": -1, "上": -1, "本": 0, "这个": 0, "这": 0, "下个": 1, "下": 1,
              "下下": 2}  # fmt: skip
_MONTH_PARTS = {"上旬": "START", "初": "START", "中旬": "MID", "下旬": "END", "底": "END",
                "末": "END"}  # fmt: skip
_YEAR_PARTS = {"初": "START", "中": "MID", "底": "END", "末": "END"}
_SEASONS = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
_FIXED_HOLIDAYS = {"元旦": (1, 1), "国庆节": (10, 1)}
_AGO_UNITS = {
    "年": "Y",
    "个月": "M",
    "个多月": "M",
    "周": "W",
    "个星期": "W",
    "星期": "W",
    "天": "D",
}

# Lookbehinds keep words that merely contain a date word out: 目前年产 (前年), 说明年度 (明年),
# 至今年均 (今年), 过去年份 (去年), 日本周边 (本周), 以上月份 (上月), 线下周末 (下周末).
_MING = r"(?<![说表证声阐发透光文聪分鲜简标注查])明"
_YEAR_WORD = (
    rf"(?:(?<![目此之提以当眼空超])前年|(?<![过失除离])去年|(?<![至迄如现而])今年|{_MING}年|"
    r"(?<![此之以然最往先落])后年)"
)
_REL = (
    r"(?:(?<![以线向马之其加])上上|(?<![以线之其地天低南])下下|(?<![以线向马之其加])上个?|"
    r"(?<![以线之其地天低南])下个?|(?<![日根基资成版剧文样账课范脚标原书])本|这个?)"
)
# Months, days and years in Chinese numerals too: 九月七日, 十二月, 二〇二二年.
_DAY = rf"(?P<d>3[01]|[12]\d|0?[1-9]|{numerals.CHINESE_DAY})[日号]"
_MONTH = rf"(?P<m>{numerals.MONTH_NUMBER})月份?"
_MONTH_PART = r"(?P<mpart>上旬|中旬|下旬|初|底|末)"
# A year part is no part when it starts a word: 初步 (initial), 年中国 (year + China).
_YEAR_PART = r"年?(?P<ypart>初|底|末)(?![步次级心中衷稿审选赛创线部])|年(?P<ymid>中)(?![国方美欧日共央小期企外资])"
_RANGE = r"(?:至|到|—|–|-|～|~)"
_WEEK_WORD = r"(?:周|星期|礼拜)"
# 周期 (cycle), 周年 (anniversary), 周边 (surroundings) and the like are no weeks.
_NOT_WEEK = r"(?![期年边围全到密转长刊报])"


def _year(m: re.Match[str], ctx: Context) -> int | None:
    """The year a match names: written out, or counted from the anchor (None when unknown)."""
    if m["y"]:
        return numerals.year_number(m["y"])
    if not needs(ctx.anchor, Granularity.YEAR):
        return None
    return ctx.anchor.day.year + _REL_YEARS[m["ry"]]


def _year_form(m: re.Match[str], ctx: Context) -> Reading | None:
    """2026年12月, 明年2月, 今年年底, 去年上半年, 2025年第三季度, 今年夏天."""
    year = _year(m, ctx)
    if year is None:
        return unresolved(ctx.anchor)
    if m["m"]:
        month = numerals.count(m["m"])
        if m["d"]:
            day = safe_day(year, month, numerals.count(m["d"]))
            return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)
        mod = _MONTH_PARTS.get(m["mpart"] or "")
        return Reading(TimexType.DATE, month_value(year, month), Granularity.MONTH, mod)
    if m["half"]:
        half = 1 if m["half"] == "上" else 2
        return Reading(TimexType.DATE, f"{year:04d}-H{half}", Granularity.HALF)
    if m["q"]:
        quarter = numerals.number(m["q"])
        return Reading(TimexType.DATE, f"{year:04d}-Q{quarter}", Granularity.QUARTER)
    if m["season"]:
        return Reading(TimexType.DATE, f"{year:04d}-{_SEASONS[m['season']]}", Granularity.SEASON)
    mod = _YEAR_PARTS.get(m["ypart"] or m["ymid"] or "")
    return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR, mod)


def _month_form(m: re.Match[str], ctx: Context) -> Reading | None:
    """9月7日, 2月, 3月下旬: the month's nearest occurrence, as English "Sept. 7" resolves."""
    month = numerals.count(m["m"])
    anchor = ctx.anchor
    if m["d"]:
        day_no = numerals.count(m["d"])
        if safe_day(2000, month, day_no) is None:
            return None
        if not needs(anchor, Granularity.MONTH):
            value = f"XXXX-{month:02d}-{day_no:02d}"
            return Reading(TimexType.DATE, value, Granularity.DAY, None, False)
        year = month_year(anchor, month, chinese_tense(ctx.text, m.start(), m.end()), day_no)
        day = safe_day(year, month, day_no)
        return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)
    mod = _MONTH_PARTS.get(m["mpart"] or "")
    if not needs(anchor, Granularity.YEAR):
        return Reading(TimexType.DATE, f"XXXX-{month:02d}", Granularity.MONTH, mod, False)
    if not needs(anchor, Granularity.MONTH):
        value = month_value(anchor.day.year, month)
        return Reading(TimexType.DATE, value, Granularity.MONTH, mod, False)
    year = month_year(anchor, month, chinese_tense(ctx.text, m.start(), m.end()))
    return Reading(TimexType.DATE, month_value(year, month), Granularity.MONTH, mod)


def _with_part(reading: Reading | None, part: str | None) -> Reading | None:
    """A month reading narrowed to its 上旬/月底 part; an unresolved one keeps no part."""
    if reading is None or not reading.resolved:
        return reading
    mod = _MONTH_PARTS.get(part or "")
    return Reading(reading.type, reading.value, reading.granularity, mod, reading.resolved)


def _relative_month(m: re.Match[str], ctx: Context) -> Reading | None:
    """上个月, 本月底, 下个月中旬: months counted from the publication month."""
    return _with_part(shift_reading(ctx.anchor, "M", _REL_STEPS[m["rel"]]), m["mpart"])


def _this_month_part(m: re.Match[str], ctx: Context) -> Reading | None:
    """月初, 月底 alone: the publication month's start or end."""
    return _with_part(shift_reading(ctx.anchor, "M", 0), m["mpart"])


def _relative_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    """本季度, 上个季度, 下一季度: quarters counted from the publication quarter."""
    return shift_reading(ctx.anchor, "Q", _REL_STEPS[m["rel"]])


_MONTH_NAMED = re.compile(rf"(?:{numerals.MONTH_NUMBER})月|[上下本这]个?月")
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def _bare_month_part(m: re.Match[str], ctx: Context) -> Reading | None:
    """中旬, 下旬 with no month before them in the sentence: the publication month's part.

    After a month ("3月初……中旬"), the part belongs to that month, which is already an event
    of its own, so it is not read again as the publication month.
    """
    ends = [e.end() for e in _SENTENCE_END.finditer(ctx.text, 0, m.start())]
    if _MONTH_NAMED.search(ctx.text, ends[-1] if ends else 0, m.start()):
        return None
    return _with_part(shift_reading(ctx.anchor, "M", 0), m["mpart"])


def _this_year_part(m: re.Match[str], ctx: Context) -> Reading | None:
    """年初, 年底, 上半年, 第三季度 alone: the publication year's start, end, half or quarter."""
    if not needs(ctx.anchor, Granularity.YEAR):
        return unresolved(ctx.anchor)
    year = ctx.anchor.day.year
    if m["q"]:
        return Reading(
            TimexType.DATE, f"{year:04d}-Q{numerals.number(m['q'])}", Granularity.QUARTER
        )
    if m["half"]:
        half = 1 if m["half"] == "上" else 2
        return Reading(TimexType.DATE, f"{year:04d}-H{half}", Granularity.HALF)
    return Reading(TimexType.DATE, f"{year:04d}", Granularity.YEAR, _YEAR_PARTS[m["ypart"]])


def _relative_week(m: re.Match[str], ctx: Context) -> Reading | None:
    """本周, 上周, 下周四, 下周末: weeks and their days counted from the publication week.

    A weekday in an article dated only to its week is taken in that week's window and
    flagged approximate, as the English "next Thursday" is.
    """
    step = _REL_STEPS[m["rel"]]
    anchor = ctx.anchor
    if m["wd"] is None and m["we"] is None:
        return shift_reading(anchor, "W", step)
    if not needs(anchor, Granularity.WEEK):
        return unresolved(anchor)
    if m["we"]:
        saturday = week_day(anchor) + timedelta(weeks=step)
        return Reading(TimexType.DATE, f"{week_value(saturday)}-WE", Granularity.WEEK)
    weekday = _WEEKDAYS[m["wd"]]
    start = anchor.day + timedelta(weeks=step)
    if anchor.precision == Granularity.WEEK:
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        return Reading(TimexType.DATE, day_value(day), Granularity.DAY, None, False)
    # A Chinese week runs Monday to Sunday: 下周四 is the Thursday of the next such week.
    day = start - timedelta(days=start.weekday()) + timedelta(days=weekday)
    return Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    """周四, 星期天 alone: the nearest such day, before or after by the clause's tense."""
    anchor = ctx.anchor
    if anchor.precision < Granularity.WEEK:
        return unresolved(anchor)
    tense = chinese_tense(ctx.text, m.start(), m.end())
    day, resolved = weekday_day(anchor, _WEEKDAYS[m["wd"]], tense)
    return Reading(TimexType.DATE, day_value(day), Granularity.DAY, None, resolved)


def _deictic(m: re.Match[str], ctx: Context) -> Reading | None:
    """今天, 昨天, 明天: days from the publication day."""
    offset = {"今": 0, "昨": -1, "明": 1}[m["word"][0]]
    return shift_reading(ctx.anchor, "D", offset)


def _ago(m: re.Match[str], ctx: Context) -> Reading | None:
    """三年前, 两个月后, 10天前: a count of units before or after the publication date."""
    unit = _AGO_UNITS[m["unit"]]
    if m["num"] == "半":
        if unit != "Y":
            return None
        amount, unit = 6, "M"
    else:
        count = numerals.number(m["num"])
        if not count:
            return None
        amount = count
    direction = 1 if m["dir"].endswith("后") else -1
    return shift_reading(ctx.anchor, unit, direction * amount)


def _plan_period(m: re.Match[str], ctx: Context) -> Reading | None:
    """十四五期间: the years of a Five-Year Plan (the 14th is 2021–2025), as one period."""
    number = numerals.number(m["n"])
    if number is None or not 11 <= number <= 16:
        return None
    first = 1966 + 5 * (number - 3)  # the plans run on five-year steps from the third, 1966
    mod = {"末": "END", "末期": "END", "初": "START", "初期": "START"}.get(m["when"] or "")
    return Reading(TimexType.DATE, f"{first:04d}/{first + 4:04d}", Granularity.YEAR, mod)


def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    """春节, 元旦, 国庆节: their day in the year named, or the nearest one by tense."""
    name = m["fest"]
    anchor = ctx.anchor
    named = m["y"] or m["ry"]
    year = _year(m, ctx) if named else None
    if named and year is None:
        return unresolved(anchor)
    if not named and not needs(anchor, Granularity.MONTH):
        return unresolved(anchor)
    tense = chinese_tense(ctx.text, m.start(), m.end())
    if name == "春节":
        day = SPRING_FESTIVAL.get(year) if year else nearest_festival(anchor.day, tense)
    else:
        month, day_no = _FIXED_HOLIDAYS[name]
        day = safe_day(year or month_year(anchor, month, tense, day_no), month, day_no)
    return None if day is None else Reading(TimexType.DATE, day_value(day), Granularity.DAY)


def _range(m: re.Match[str], ctx: Context) -> Reading | None:
    """2021年至2025年, 3月至5月, 9月8日至9日: one period from the first to the last."""
    if m["y1"]:
        first, last = int(m["y1"]), int(m["y2"])
        if last <= first:
            return None
        return Reading(TimexType.DATE, f"{first:04d}/{last:04d}", Granularity.YEAR)
    if m["y"] or m["ry"]:
        year = _year(m, ctx)
    elif needs(ctx.anchor, Granularity.MONTH):
        tense = chinese_tense(ctx.text, m.start(), m.end())
        year = month_year(ctx.anchor, int(m["m1"]), tense)
    else:
        year = None
    if year is None:
        return None
    m1 = int(m["m1"])
    m2 = int(m["m2"]) if m["m2"] else m1
    if (m["d1"] is None) != (m["d2"] is None):
        return None  # "9月8日至" or "3月至5日" names no period
    if m["d1"] is None:
        if m2 <= m1:
            return None
        value = f"{month_value(year, m1)}/{month_value(year, m2)}"
        return Reading(TimexType.DATE, value, Granularity.MONTH)
    start, end = safe_day(year, m1, int(m["d1"])), safe_day(year, m2, int(m["d2"]))
    if start is None or end is None or end <= start:
        return None
    return Reading(TimexType.DATE, f"{day_value(start)}/{day_value(end)}", Granularity.DAY)


_YEAR_PREFIX = rf"(?:(?<![\d{numerals.YEAR_DIGITS}])(?P<y>\d{{4}}|[{numerals.YEAR_DIGITS}]{{4}})年|(?P<ry>{_YEAR_WORD}))"
CHINESE_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(
            rf"{_YEAR_PREFIX}(?:{_MONTH}(?:{_DAY}|{_MONTH_PART})?|(?P<half>上|下)半年|"
            rf"第?(?P<q>[一二三四1-4])季度|(?P<season>[春夏秋冬])[季天]|{_YEAR_PART})?"
            r"(?![均龄纪轻级华])"
        ),
        _year_form,
    ),
    (
        re.compile(
            # 一月 … 十二月, but not 统一月度, 同一月份, 月亮, 月饼.
            rf"(?<![\d年{numerals.YEAR_DIGITS}十两几第每个半统同唯万之单逐])(?:{_MONTH})"
            rf"(?:{_DAY}|{_MONTH_PART})?(?![亮光球饼色度])"
        ),
        _month_form,
    ),
    (re.compile(rf"(?P<rel>{_REL})月{_MONTH_PART}?"), _relative_month),
    (
        re.compile(
            r"(?<![\d〇零一二三四五六七八九十两个年岁日本这上下明蜜满正腊])月"
            r"(?P<mpart>上旬|中旬|下旬|初|底|末)(?![步次级心中])"
        ),
        _this_month_part,
    ),
    (re.compile(r"(?<!月)(?P<mpart>上旬|中旬|下旬)"), _bare_month_part),
    (re.compile(rf"(?P<rel>{_REL})一?季度"), _relative_quarter),
    (
        re.compile(
            r"(?<![\d〇零一二三四五六七八九十两几多今明去前后年])"
            r"(?:年(?P<ypart>初|底|末)(?![步次级心中衷稿审选赛创线部])|(?P<half>上|下)半年|"
            r"第(?P<q>[一二三四1-4])季度)"
        ),
        _this_year_part,
    ),
    (
        re.compile(
            rf"(?P<rel>{_REL}){_WEEK_WORD}(?:(?P<wd>[一二三四五六日天])|(?P<we>末)|{_NOT_WEEK})"
        ),
        _relative_week,
    ),
    (
        re.compile(
            rf"(?<![每一两三四五六七八九十几数半上下本这个]){_WEEK_WORD}(?P<wd>[一二三四五六日天])"
        ),
        _weekday,
    ),
    (re.compile(rf"(?P<word>今天|昨天|{_MING}天|昨日|今日(?!头条))"), _deictic),
    (
        re.compile(
            r"(?<![\d第])(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,3}|半)"
            r"(?P<unit>个多月|个月|年|周|个星期|星期|天)多?"
            r"(?P<dir>以前|之前|前(?![景列沿线进提往夕期身])|以后|之后|后(?![续期来台果者面备勤盾劲]))"
        ),
        _ago,
    ),
    (
        re.compile(
            r"[“\"「]?第?(?P<n>十[一二三四五六])个?五(?:年规划)?[”\"」]?(?:规划)?"
            r"(?:(?P<when>期间|时期|末期|初期|末|初)|(?=以来))"
        ),
        _plan_period,
    ),
    (re.compile(rf"{_YEAR_PREFIX}?(?P<fest>春节|元旦|国庆节)"), _holiday),
    (
        re.compile(
            rf"(?<!\d)(?P<y1>\d{{4}})年?{_RANGE}(?P<y2>\d{{4}})年|"
            rf"{_YEAR_PREFIX}?(?<!\d)(?P<m1>1[0-2]|0?[1-9])月(?:(?P<d1>3[01]|[12]\d|0?[1-9])[日号]?)?"
            rf"{_RANGE}(?:(?P<m2>1[0-2]|0?[1-9])月)?(?:(?P<d2>3[01]|[12]\d|0?[1-9])[日号])?"
        ),
        _range,
    ),
)
# Every Chinese rule runs in the CJK runs of a text (its "zh" tokens) and nowhere else.
CHINESE_TRIGGERS: tuple[tuple[str, int, int], ...] = tuple(("zh", 0, 0) for _ in CHINESE_RULES)
