"""Chinese cue words for a sentence's brief role: outlook, change, stakes, recommendation."""

from __future__ import annotations

import re

from bot.core.cjk import CJK_RUN

# News Chinese marks these roles with a handful of verbs and time words; English cues never fire
# on a Chinese sentence, so without these every Chinese sentence would be "other".
_RECOMMENDATION = re.compile("应当|应该|建议|呼吁|务必|有必要")
_FORWARD = re.compile(
    r"将(?:会|要|于|在|继续|采取|加快|进一步|重点|推出|启动|实现|扩大|提高|推动|加强|开始|成为|迎来|面临)|计划|预计|拟|有望|即将|目标是|明年|下周|下个?月|下半年|年底前|到\d{4}年|\d{4}年前"
)
_CHANGE = re.compile(
    "宣布|发布|公布|更新|推出|上调|下调|增长|下降|下滑|上涨|生效|首次|创.{0,6}新高|完成|取得|"
    "批准|通过|签署|纳入|启动"
)
_STAKES = re.compile("影响|意味着|挑战|风险|冲击|威胁|至关重要|关键|制约|瓶颈|卡脖子")


def is_chinese(text: str) -> bool:
    """Whether a sentence is Chinese (has a run of Han characters) and so takes these cues."""
    return not text.isascii() and CJK_RUN.search(text) is not None


def chinese_recommendation(text: str) -> bool:
    """The sentence urges or prescribes (应当, 建议, 呼吁 ...)."""
    return _RECOMMENDATION.search(text) is not None


def chinese_forward(text: str) -> bool:
    """The sentence looks ahead (将, 计划, 预计, 明年, 到2028年 ...)."""
    return _FORWARD.search(text) is not None


def chinese_change(text: str) -> bool:
    """The sentence reports something that changed (宣布, 更新, 增长, 生效 ...)."""
    return _CHANGE.search(text) is not None


def chinese_stakes(text: str) -> bool:
    """The sentence says what is at stake (影响, 挑战, 风险, 关键 ...)."""
    return _STAKES.search(text) is not None
