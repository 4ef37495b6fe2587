"""What's next: forward cues count, except in reports of a finished action opened on a past time."""

from __future__ import annotations

import pytest

from bot.core.brief.sections import Role, is_forward, role_of


@pytest.mark.parametrize(
    "text",
    [
        "Guidance for companies to apply for supportive funds will be released next February.",
        "China will increase the ratio of basic research funding to over 10% by 2028.",
        "On Tuesday, the committee will vote on the bill.",
        "The ministry plans to publish the rules over the next five years.",
    ],
)
def test_outlooks_are_forward(text: str) -> None:
    assert is_forward(text)
    assert role_of(text) is Role.FORWARD


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday, the US Department of Commerce released its strategy outlining how it will "
        "implement the $50 billion from the recently signed CHIPS Act.",
        "Last week, the regulator announced rules that will take effect in March.",
        "Yesterday, the company opened a plant that will employ 500 people.",
    ],
)
def test_reports_of_what_happened_are_not_outlooks(text: str) -> None:
    assert not is_forward(text)
    assert role_of(text) is not Role.FORWARD


def test_an_announced_plan_stays_an_outlook() -> None:
    assert is_forward("Yesterday, the company said it will cut 500 jobs by June.")
