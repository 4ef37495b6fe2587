"""Single-article files: plain text, Markdown with YAML front matter, and HTML pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import trafilatura
import yaml
from trafilatura.settings import Document

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.article_text import SourceHints, parse_article_text
from bot.core.models import ArticleDraft, DatePrecision, ParsedText
from bot.core.urls import canonicalise_url
from bot.ingest.decoding import read_text
from bot.ingest.errors import IngestError
from bot.ingest.language import article_language
from bot.ingest.published import parse_published, published_line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_H1 = re.compile(r"^\s{0,3}#\s")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_NO_MAIN_TEXT = "No main article text was found in the HTML."
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _draft(
    path: Path,
    parsed: ParsedText,
    hints: SourceHints,
    fields: dict[str, Any],
    *,
    gate: ArticleGate,
    empty_reason: str = "No article text is left once page furniture is removed.",
) -> ArticleDraft:
    """Assemble a draft from parsed text, furniture hints and metadata; the gate may refuse it."""
    if not parsed.paragraphs and not parsed.card:
        raise IngestError(path, empty_reason)
    refusal = gate.refusal(article_paragraphs(parsed))
    if refusal is not None:
        raise IngestError(path, refusal)
    published_at = None
    precision = DatePrecision.UNKNOWN
    if fields.get("published") is not None:
        try:
            published = parse_published(fields["published"])
        except ValueError as error:
            raise IngestError(path, f"The publication date is not usable: {error}") from None
        published_at, precision = published.at, published.precision
    url = fields.get("url") or None
    return ArticleDraft(
        title=parsed.title or path.stem,
        body=parsed.body,
        publisher=fields.get("publisher") or hints.publisher,
        original_publisher=fields.get("original_publisher") or hints.original_publisher,
        author=fields.get("author") or hints.author,
        url=url,
        canonical_url=canonicalise_url(url) if url else None,
        language=article_language(fields.get("language"), parsed.title, parsed.body),
        published_at=published_at,
        published_precision=precision,
        card=parsed.card,
        origin=str(path),
    )


def article_paragraphs(parsed: ParsedText) -> list[str]:
    """The text the gate judges: body paragraphs, then card items."""
    return [*parsed.paragraphs, *(item for section in parsed.card for item in section.items)]


def _sized_text(path: Path, gate: ArticleGate) -> str:
    """The file's text, refused before parsing when it is already over the size limit."""
    text = read_text(path)
    refusal = gate.size_refusal(text)
    if refusal is not None:
        raise IngestError(path, refusal)
    return text


def load_txt(path: Path, gate: ArticleGate = DEFAULT_GATE) -> ArticleDraft:
    """A plain-text article: first line the title, furniture stripped, card sections kept."""
    parsed, hints = parse_article_text(_sized_text(path, gate))
    return _draft(path, parsed, hints, {}, gate=gate)


def _front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        raw = yaml.safe_load(match.group("yaml") or "")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise IngestError(path, f"The YAML front matter is not valid{where}.") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise IngestError(path, "The YAML front matter is not a mapping of field names to values.")
    fields: dict[str, Any] = {}
    for name, keys in (
        ("title", ("title",)),
        ("publisher", ("publisher", "source", "site")),
        ("original_publisher", ("original_publisher",)),
        ("author", ("author", "authors", "byline")),
        ("url", ("url", "link", "canonical_url")),
        ("published", ("published", "published_at", "date")),
        ("language", ("language", "lang")),
    ):
        value = next((raw[key] for key in keys if raw.get(key) not in (None, "")), None)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        if value is not None and name != "published":
            value = str(value).strip()
        fields[name] = value
    return fields, text[match.end() :]


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text from Markdown (headings, links, emphasis, quotes unmarked) and the first H1."""
    lines: list[str] = []
    first_h1: str | None = None
    in_fence = False
    for raw in _HTML_COMMENT.sub("", markdown).splitlines():
        line = raw
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            lines.append("")
            continue
        if in_fence or _MD_RULE.match(line):
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            if first_h1 is None and _H1.match(line):
                first_h1 = _inline(heading.group("text"))
            line = heading.group("text")
        lines.append(_inline(_MD_QUOTE.sub("", line)))
    return "\n".join(lines), first_h1


def _inline(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(lambda m: m.group("text"), line)
    line = _MD_EMPHASIS.sub("", line)
    return _MD_ITALIC.sub(lambda m: m.group("text"), line)


def load_markdown(path: Path, gate: ArticleGate = DEFAULT_GATE) -> ArticleDraft:
    """A Markdown article: optional YAML front matter for metadata, body parsed as plain text."""
    fields, body = _front_matter(path, _sized_text(path, gate))
    byline = None if fields.get("published") is not None else published_line(body)
    if byline is not None:  # front matter wins; the byline's date is metadata, not body text
        fields["published"], body = byline
    text, first_h1 = markdown_to_text(body)
    title = fields.get("title") or first_h1
    parsed, hints = parse_article_text(text, title=title)
    return _draft(path, parsed, hints, fields, gate=gate)


def load_html(path: Path, gate: ArticleGate = DEFAULT_GATE) -> ArticleDraft:
    """An HTML page: trafilatura finds the main text and metadata, then furniture is stripped."""
    html = read_text(path)
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except (ValueError, TypeError) as error:
        raise IngestError(path, f"The HTML could not be parsed ({error}).") from None
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not text.strip():
        raise IngestError(path, _NO_MAIN_TEXT)
    refusal = gate.size_refusal(text)
    if refusal is not None:
        raise IngestError(path, refusal)
    # trafilatura puts one block element per line; blank lines keep headings out of paragraphs.
    parsed, hints = parse_article_text(text.replace("\n", "\n\n"), title=document.title or None)
    fields = {
        "publisher": document.sitename,
        "author": document.author,
        "url": document.url,
        "published": document.date,
        "language": document.language,
    }
    return _draft(path, parsed, hints, fields, gate=gate, empty_reason=_NO_MAIN_TEXT)
