"""Tests for loading files of every supported type, and for every way a file can be bad."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import DatePrecision
from bot.ingest import IngestError, load_file, load_file_result, load_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _reason(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        load_file(path)
    assert caught.value.path == path
    return caught.value.reason


def test_markdown_front_matter_and_body() -> None:
    (draft,) = load_file(FIXTURES / "article.md")
    assert draft.title == "Shanghai plans high-tech clusters"
    assert draft.publisher == "Example Wire"
    assert draft.author == "Li Wei, Jane Doe"
    assert draft.canonical_url == "https://example.com/news/shanghai-clusters"
    assert draft.published_at == datetime(2022, 10, 18, tzinfo=UTC)
    assert draft.published_precision is DatePrecision.DAY
    assert draft.body.split("\n\n") == [
        "Shanghai has presented a plan for high-tech industrial clusters over the next 10-15 "
        "years, focusing on industries of the future like AI and quantum computing.",
        "The city will offer subsidies to semiconductor companies that move research teams there.",
        "Officials said the plan would be reviewed every two years.",
    ]


def test_html_main_text_and_metadata() -> None:
    (draft,) = load_file(FIXTURES / "article.html")
    assert draft.title == "Chip plan unveiled"
    assert draft.publisher == "Example News"
    assert draft.author == "Jane Doe"
    assert draft.canonical_url == "https://example.com/news/chip-plan"
    assert draft.published_at == datetime(2022, 9, 7, tzinfo=UTC)
    assert draft.body.startswith("China will mobilise national resources")
    for junk in ("Home", "PostLinkedIn", "Leave a Reply", "Chip technology breakthroughs"):
        assert junk not in draft.body


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Chip plan\n\nChip plan\n\nThe plan was adopted.\n\n(Xinhua)\n", "utf-8")
    (draft,) = load_file(path)
    assert (draft.title, draft.body, draft.publisher) == (
        "Chip plan",
        "The plan was adopted.",
        "Xinhua",
    )
    assert draft.origin == str(path)
    assert draft.language == "en"


def test_chinese_text_file_in_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    text = (
        "中国芯片计划\n\n中国将调动全国资源，突破芯片、软件和工业材料等核心技术。"
        "专家表示，这是应对美国压力的方式。"
    )
    path.write_bytes(text.encode("gb18030"))
    (draft,) = load_file(path)
    assert draft.title == "中国芯片计划"
    assert draft.language == "zh"


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\n\nThe body says something.".encode())
    assert load_file(path)[0].title == "Title"


def test_undecodable_bytes_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    assert _reason(path) == "The file is not UTF-8 and its text encoding could not be recognised."


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert _reason(path) == "The file is binary, not text."


@pytest.mark.parametrize("content", [b"", b"  \n\n\t "])
def test_empty_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    assert _reason(path) == "The file is empty."


def test_furniture_only_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("PostLinkedIn\n\nLeave a Reply\n\nRelated Updates\n", "utf-8")
    assert _reason(path) == "No article text is left once page furniture is removed."


def test_title_only_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "title.txt"
    path.write_text("Just a title\n\nJust a title\n", "utf-8")
    assert _reason(path) == "No article text is left once page furniture is removed."


def test_html_without_main_text_is_rejected() -> None:
    assert _reason(FIXTURES / "no_text.html") == "No main article text was found in the HTML."


def test_bad_front_matter_is_rejected() -> None:
    assert _reason(FIXTURES / "bad_front_matter.md").startswith(
        "The YAML front matter is not valid at line"
    )


def test_broken_json_names_the_line() -> None:
    assert _reason(FIXTURES / "broken.json") == (
        "The file is not valid JSON (expecting ',' delimiter at line 3, column 1)."
    )


def test_json_list_keeps_good_records_and_reports_bad_ones() -> None:
    result = load_file_result(FIXTURES / "records.json")
    assert [d.title for d in result.drafts] == ["Shenzhen subsidises chipmakers"]
    assert result.drafts[0].published_precision is DatePrecision.MONTH
    assert [(r.record, r.reason) for r in result.rejections] == [(2, "The field 'title' is empty.")]
    # Named as an ingested record's origin is, so a record has one name in every line.
    assert str(result.rejections[0]).startswith(f"{FIXTURES / 'records.json'}#2: ")


def test_jsonl_bad_lines_reject_only_those_records() -> None:
    path = FIXTURES / "records.jsonl"
    result = load_file_result(path)
    assert [d.title for d in result.drafts] == ["Export controls tightened", "Party Congress opens"]
    assert [d.origin for d in result.drafts] == [f"{path}#L1", f"{path}#L5"]
    assert result.drafts[0].canonical_url == "https://example.com/a"
    assert result.drafts[1].author == "A. Writer"
    assert result.drafts[1].published_at == datetime(2022, 10, 16, 2, tzinfo=UTC)
    assert [(r.line, r.reason) for r in result.rejections] == [
        (2, "The line is not valid JSON (unterminated string starting at column 36)."),
        (3, "The field 'title' is missing."),
        (4, "The record is not a JSON object."),
        (
            6,
            "The field 'date' is invalid: 'the other day' is not a date this tool reads; "
            "use a form like 2022-10-16.",
        ),
    ]
    assert str(result.rejections[1]) == f"{path}#L3: The field 'title' is missing."


def test_jsonl_line_that_is_not_utf8_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = b'{"title": "Good", "body": "A good record body."}'
    path.write_bytes(good + b"\n" + b'{"title": "\xff\xfe"}' + b"\n")
    result = load_file_result(path)
    assert [d.title for d in result.drafts] == ["Good"]
    assert [(r.line, r.reason) for r in result.rejections] == [(2, "The line is not valid UTF-8.")]


def test_json_record_missing_body_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"title": "No body"}', "utf-8")
    assert _reason(path) == "The field 'body' is missing."


def test_unsupported_file_type_named_explicitly_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert _reason(path).startswith("The file type (.pdf) is not supported; use .htm, .html")


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nowhere.txt") == "The file does not exist."


def test_folder_with_bad_files_still_yields_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text("Good one\n\nThe plan was adopted.", "utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_garbage.txt").write_bytes(bytes(range(128, 256)) * 4)
    (tmp_path / "d_picture.png").write_bytes(b"\x89PNG")
    nested = tmp_path / "nested"
    nested.mkdir()
    (nested / "e_good.md").write_text("# Another\n\nIt was adopted too.", "utf-8")
    (nested / "f_lines.jsonl").write_text(
        '{"title": "Record", "body": "Record body text."}\nnot json\n', "utf-8"
    )
    result = load_paths([tmp_path])
    assert [d.title for d in result.drafts] == ["Good one", "Another", "Record"]
    assert [(r.path.name, r.line) for r in result.rejections] == [
        ("b_empty.txt", None),
        ("c_garbage.txt", None),
        ("f_lines.jsonl", 2),
    ]
    assert [p.name for p in result.skipped] == ["d_picture.png"]


def test_empty_jsonl_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n", "utf-8")
    assert _reason(path) == "The file is empty."


def test_folder_named_as_a_file_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "looks.jsonl"
    folder.mkdir()
    assert _reason(folder) == "This is a folder, not a file."


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Title\n\nThe body says something.".encode("utf-16"))
    assert load_file(path)[0].body == "The body says something."


def test_markdown_without_front_matter_takes_the_first_h1(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text(
        "Intro line above the heading.\n\n# The Real Title\n\n```\ncode = 1\n```\n\n"
        "* * *\n\nSee [the plan](https://x.com) ![chart](c.png) for *details*.\n",
        "utf-8",
    )
    (draft,) = load_file(path)
    assert draft.title == "The Real Title"
    assert draft.body.split("\n\n") == [
        "Intro line above the heading.",
        "See the plan for details.",
    ]


_BYLINE_BODY = "The city will offer subsidies to chip firms that move research teams there."


@pytest.mark.parametrize(
    ("line", "published_at", "precision"),
    [
        ("*Published 12 March 2024*", datetime(2024, 3, 12, tzinfo=UTC), DatePrecision.DAY),
        ("*Published: 2024-03-12*", datetime(2024, 3, 12, tzinfo=UTC), DatePrecision.DAY),
        ("_Published on March 2024_", datetime(2024, 3, 1, tzinfo=UTC), DatePrecision.MONTH),
        ("**Published:** March 12, 2024", None, DatePrecision.UNKNOWN),  # not one span
    ],
)
def test_a_markdown_published_line_under_the_title_is_its_date(
    tmp_path: Path, line: str, published_at: datetime | None, precision: DatePrecision
) -> None:
    path = tmp_path / "byline.md"
    path.write_text(f"# Shanghai plans chip clusters\n\n{line}\n\n{_BYLINE_BODY}\n", "utf-8")
    (draft,) = load_file(path)
    assert draft.title == "Shanghai plans chip clusters"
    assert draft.published_at == published_at
    assert draft.published_precision is precision
    if published_at is not None:
        assert draft.body == _BYLINE_BODY  # the byline is metadata, not a sentence


def test_front_matter_dates_win_over_a_published_line(tmp_path: Path) -> None:
    path = tmp_path / "both.md"
    path.write_text(
        f"---\npublished: 2022-10-18\n---\n# Chips\n\n*Published 12 March 2024*\n\n{_BYLINE_BODY}\n",
        "utf-8",
    )
    (draft,) = load_file(path)
    assert draft.published_at == datetime(2022, 10, 18, tzinfo=UTC)


def test_a_published_line_without_a_readable_date_gives_no_date_and_no_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "odd.md"
    path.write_text(f"# Chips\n\n*Published by the ministry*\n\n{_BYLINE_BODY}\n", "utf-8")
    (draft,) = load_file(path)
    assert draft.published_at is None
    assert draft.body == _BYLINE_BODY  # byline furniture, as any "Published by" line


def test_json_record_whose_body_is_only_furniture_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "chrome.json"
    path.write_text('{"title": "T", "body": "PostLinkedIn\\n\\nLeave a Reply"}', "utf-8")
    assert _reason(path) == "The record has no article text once page furniture is removed."
