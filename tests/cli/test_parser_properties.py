"""The whole ``briefbot`` entry point under random argument lists: a status and a message, never a
traceback; every command described in ``--help``; every numeric flag bounded."""

from __future__ import annotations

import argparse

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.cli.app import build_parser, main
from bot.cli.arguments import MAX_ARTICLE_ID, poll_minutes
from bot.store.date_keys import ID_MASK
from tests.conftest import REPO_ROOT

# Commands that read the store only and never reach the network, each with its real flags.
READING_COMMANDS: dict[str, list[str]] = {
    "brief": ["--article", "--days", "--since", "--source", "--max-articles", "--format"],
    "articles": ["--limit", "--source", "--format"],
    "search": ["--limit", "--source", "--since", "--until", "--format"],
    "timeline": ["--from", "--to", "--upcoming", "--format"],
    "digest": ["--since", "--format", "--preview"],
    "removed": ["--limit"],
    "stories": ["--since", "--limit", "--format"],
    "check": ["--no-discord"],
    "feed list": ["--format"],
    "feed status": ["--format"],
}
_TYPICAL = [
    "0",
    "1",
    "2",
    "3",
    "-1",
    "36500",
    "36501",
    "1000000",
    "1000001",
    str(MAX_ARTICLE_ID + 1),
    "9" * 40,
    "9" * 5000,
    "1e9",
    "nan",
    "inf",
    "2024",
    "2024-05",
    "2024-05-17",
    "2022-09-07T10:00+02:00",
    "1900-01-01",
    "0001-01-01",
    "9999-12-31",
    "2999-01-01",
    "2024-13-45",
    "text",
    "md",
    "json",
    "timelinejs",
    "chips",
    "lithography",
    "export controls",
    "Global Times",
    "--help",
    "--",
    "",
]
# What a shell can pass: any text but a NUL (argv strings end at one) or a lone surrogate.
_WORDS = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=12,
)
_VALUES = st.one_of(
    st.sampled_from(_TYPICAL),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    _WORDS,
)


_SWITCHES = {"--upcoming", "--preview", "--no-discord"}
# How many topic or search words each command takes (the others take none).
_TOPIC_WORDS = {"brief": (0, 2), "search": (1, 2), "timeline": (1, 2)}
_TOPICS = st.one_of(st.sampled_from(["chips", "lithography", "export controls", "bananas"]), _WORDS)


_DATES = ["2020", "2022-09", "2022-09-07", "2026-01-01T00:00Z", "1900-01-01", "2999-01-01"]
_GOOD: dict[str, st.SearchStrategy[str]] = {
    "--format": st.sampled_from(["text", "md", "json", "timelinejs"]),
    "--source": st.sampled_from(["Global Times", "linkedin", "Nobody"]),
    "--days": st.integers(1, 36_500).map(str),
    "--article": st.integers(1, 5).map(str),
    "--max-articles": st.integers(1, 20).map(str),
    "--limit": st.integers(1, 50).map(str),
    **{flag: st.sampled_from(_DATES) for flag in ("--since", "--until", "--from", "--to")},
}


def _option(flag: str) -> st.SearchStrategy[list[str]]:
    if flag in _SWITCHES:
        return st.just([flag])
    # Usually a value of the right kind, so the command runs; sometimes anything at all.
    value = st.one_of(_GOOD[flag], _GOOD[flag], _GOOD[flag], _GOOD[flag], _VALUES)
    return value.map(lambda chosen: [flag, chosen])


def _joined(parts: tuple[list[str], list[list[str]]]) -> list[str]:
    words, options = parts
    return [*words, *(token for option in options for token in option)]


def _argv_for(command: str) -> st.SearchStrategy[list[str]]:
    # Mostly well-formed (topic words, then flags with a value each) so most lists reach the
    # command itself; sometimes raw tokens in any order, so the parser's own errors are covered.
    options = st.lists(st.sampled_from(READING_COMMANDS[command]).flatmap(_option), max_size=3)
    least, most = _TOPIC_WORDS.get(command, (0, 0))
    formed = st.tuples(st.lists(_TOPICS, min_size=least, max_size=most), options).map(_joined)
    raw = st.lists(st.one_of(st.sampled_from(READING_COMMANDS[command]), _VALUES), max_size=6)
    return st.one_of(formed, formed, formed, formed, raw).map(
        lambda rest: [*command.split(), *rest]
    )


ARGV = st.sampled_from(sorted(READING_COMMANDS)).flatmap(_argv_for)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(argv=ARGV)
def test_main_answers_any_argument_list_with_a_status_never_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # One store for every example (the autouse environment is set up once for this test), so
    # the seeds load on the first run and the rest reads them: the real store, the real commands.
    capsys.readouterr()
    try:
        status: int | str | None = main(argv)
    except SystemExit as stopped:
        status = stopped.code
    captured = capsys.readouterr()
    event(f"{argv[0]} exit {status}")  # --hypothesis-show-statistics shows the spread
    assert status in (0, 1, 2), (argv, status, captured.err)
    assert "Traceback" not in captured.err
    if status == 2:
        # A usage error or a refused value always says what was wrong.
        assert captured.err.strip(), argv


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["brief", "chips", "--days", "1000000"], "at most 36,500"),
        (["brief", "--article", str(MAX_ARTICLE_ID + 1)], f"at most {MAX_ARTICLE_ID:,}"),
        (["brief", "--article", "9" * 5000], "is too large"),
        (["brief", "chips", "--max-articles", "abc"], "'abc' is not a whole number"),
        (["articles", "--limit", "99999999999999999999"], "at most 1,000,000"),
        (["removed", "--limit", "-3"], "not a positive whole number"),
        (["stories", "--limit", "51"], "at most 50"),
        (["feed", "add", "https://example.org/feed", "--interval", "2"], "at least 5"),
        (["feed", "add", "https://example.org/feed", "--interval", "100000"], "at most 1,440"),
    ],
)
def test_each_bound_is_named_in_the_usage_error(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_the_stories_limit_is_the_one_the_readme_and_the_service_give() -> None:
    from bot.cli.stories import MAX_LIMIT
    from bot.service.stories import MAX_LISTED

    readme = " ".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").split())
    assert MAX_LIMIT == MAX_LISTED
    assert f"(`stories --limit` 1 to {MAX_LIMIT}," in readme
    assert f"(`N` 1 to {MAX_LIMIT}, default 20)" in readme


def test_article_ids_are_bounded_as_the_store_bounds_them() -> None:
    assert MAX_ARTICLE_ID == ID_MASK
    assert poll_minutes("30") == 30


def _subcommand_helps(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    """Each subcommand (and nested action) with its one-line help in ``--help``."""
    helps: dict[str, str | None] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            described = {choice.dest: choice.help for choice in action._choices_actions}
            for name, subparser in action.choices.items():
                helps[f"{parser.prog} {name}"] = described.get(name)
                helps |= _subcommand_helps(subparser)
    return helps


def test_every_subcommand_has_a_one_line_description() -> None:
    helps = _subcommand_helps(build_parser())
    assert {"briefbot brief", "briefbot digest", "briefbot feed add"} <= set(helps)
    missing = sorted(name for name, text in helps.items() if not text or "\n" in text)
    assert missing == []


def test_help_lists_every_command_with_its_description(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    for name, text in _subcommand_helps(build_parser()).items():
        if name.count(" ") == 1:  # top-level commands; nested ones are in `briefbot feed --help`
            assert f"{name.split()[1]} " in shown
            assert str(text).split()[0] in shown
