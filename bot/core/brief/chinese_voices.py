"""Who a Chinese sentence quotes: 商务部新闻发言人表示，“……” and 分析师王磊认为，…… ."""

from __future__ import annotations

import re

_SPEECH = "补充说|补充道|表示|指出|认为|强调|介绍|透露|坦言|回应|说|称"
_WHEN = r"(?:\d{1,2}月\d{1,2}日|今天|昨天|近日|日前|此前|还|也|则)?"
_WHERE = r"(?:在[^，。；“”]{1,24}?中)?"
_SPEAKER = re.compile(
    rf"(?:^|(?<=[，。；]))(?:据了解，)?(?P<who>[^，。；：:“”《》「」\s\d]{{1,24}}?){_WHEN}{_WHERE}"
    rf"(?:{_SPEECH})[，：:“]"
)
# A title ending the subject with a short name after it: 行业分析师王磊 → 王磊, role 行业分析师.
_TITLED_NAME = re.compile(
    "(?P<role>.*(?:发言人|负责人|分析师|专家|主任|部长|总裁|总经理|董事长|经理|教授|研究员|主席|院长|首席执行官))"
    "(?P<name>[\u4e00-\u9fff]{2,3})$"
)
_PRONOUNS = frozenset({"他", "她", "他们", "她们", "对方"})


def chinese_speaker(text: str) -> tuple[str, str | None] | None:
    """The speaker and role a Chinese sentence names before its speech verb, if any."""
    match = _SPEAKER.search(text)
    if match is None:
        return None
    who = match.group("who")
    if who in _PRONOUNS or len(who) < 2:
        return None
    titled = _TITLED_NAME.match(who)
    if titled is not None:
        return titled.group("name"), titled.group("role")
    return who, None
