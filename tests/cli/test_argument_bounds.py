"""Every numeric flag is range-checked and no argument list makes the parser raise a traceback."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli.app import build_parser

_FLAGS = [
    "--days",
    "--limit",
    "--max-articles",
    "--article",
    "--since",
    "--until",
    "--from",
    "--to",
]
_COMMANDS = ["brief", "articles", "search", "timeline", "digest", "feed", "ingest", "remove"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_COMMANDS + _FLAGS),
            st.integers(min_value=-(10**30), max_value=10**30).map(str),
            st.text(max_size=12),
        ),
        max_size=6,
    )
)
def test_any_argument_list_parses_or_exits_with_a_usage_error(argv: list[str]) -> None:
    parser = build_parser()
    code: int | str | None = None
    try:
        parser.parse_args(argv)
    except SystemExit as stopped:
        code = stopped.code
    assert code in (None, 0, 2)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["brief", "chips", "--days", "1000000"], "at most 36,500"),
        (["articles", "--limit", "99999999999999999999"], "at most 1,000,000"),
        (["search", "chips", "--limit", "0"], "not a positive whole number"),
    ],
)
def test_out_of_range_numbers_get_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err
