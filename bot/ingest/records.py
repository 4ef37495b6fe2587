"""JSON and JSON Lines article records: validated with pydantic, then parsed like plain text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.core.article_gate import DEFAULT_GATE, ArticleGate
from bot.core.article_text import parse_article_text
from bot.core.models import ArticleDraft, DatePrecision
from bot.core.urls import canonicalise_url
from bot.ingest.decoding import iter_lines, read_text
from bot.ingest.errors import IngestError, LoadResult, Rejection, json_problem
from bot.ingest.language import article_language
from bot.ingest.published import parse_published
from bot.ingest.validation import describe_validation_error


class ArticleRecord(BaseModel):
    """One article as a JSON object; alternative field names are accepted for body, source, date."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True, extra="ignore")

    title: str = Field(min_length=1)
    body: str = Field(min_length=1, validation_alias=AliasChoices("body", "text", "content"))
    publisher: str | None = Field(None, validation_alias=AliasChoices("publisher", "source"))
    original_publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = Field(
        None, validation_alias=AliasChoices("published_at", "date", "published")
    )
    precision: DatePrecision | None = None
    language: str | None = None

    @field_validator("author", mode="before")
    @classmethod
    def _authors_joined(cls, value: Any) -> Any:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ", ".join(value)
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_a_date(cls, value: Any) -> Any:
        if value is None:
            return None
        parse_published(value)
        return str(value)

    def to_draft(self, origin: str, gate: ArticleGate = DEFAULT_GATE) -> ArticleDraft:
        """The record as a draft: body through the plain-text parser, date and URL normalised.

        ``ValueError`` with the reason when the gate refuses the text.
        """
        refusal = gate.size_refusal(self.body)
        if refusal is not None:
            raise ValueError(refusal)
        parsed, hints = parse_article_text(self.body, title=self.title)
        if not parsed.paragraphs and not parsed.card:
            raise ValueError("the record has no article text once page furniture is removed.")
        cards = (item for section in parsed.card for item in section.items)
        refusal = gate.refusal([*parsed.paragraphs, *cards])
        if refusal is not None:
            raise ValueError(refusal)
        published = parse_published(self.published) if self.published else None
        precision = published.precision if published else DatePrecision.UNKNOWN
        return ArticleDraft(
            title=parsed.title,
            body=parsed.body,
            publisher=self.publisher or hints.publisher,
            original_publisher=self.original_publisher or hints.original_publisher,
            author=self.author or hints.author,
            url=self.url,
            canonical_url=canonicalise_url(self.url) if self.url else None,
            language=article_language(self.language, parsed.title, parsed.body),
            published_at=published.at if published else None,
            published_precision=self.precision or precision,
            card=parsed.card,
            origin=origin,
        )


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:]


def _draft_or_reason(value: object, origin: str, gate: ArticleGate) -> ArticleDraft | str:
    if not isinstance(value, dict):
        return "the record is not a JSON object."
    try:
        return ArticleRecord.model_validate(value).to_draft(origin, gate)
    except ValidationError as error:
        return describe_validation_error(error)
    except ValueError as error:
        return str(error)


def load_json(path: Path, gate: ArticleGate = DEFAULT_GATE) -> LoadResult:
    """Articles from a ``.json`` file holding one object or a list of them."""
    text = read_text(path)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"The file is not valid JSON ({json_problem(error)})."
        raise IngestError(path, reason) from None
    values = raw if isinstance(raw, list) else [raw]
    if not values:
        raise IngestError(path, "The file holds an empty list.")
    drafts: list[ArticleDraft] = []
    rejections: list[Rejection] = []
    for number, value in enumerate(values, start=1):
        origin = f"{path}#{number}" if len(values) > 1 else str(path)
        outcome = _draft_or_reason(value, origin, gate)
        if isinstance(outcome, str):
            record = number if len(values) > 1 else None
            rejections.append(Rejection(path, _sentence(outcome), record=record))
        else:
            drafts.append(outcome)
    return LoadResult(tuple(drafts), tuple(rejections))


def load_jsonl(path: Path, gate: ArticleGate = DEFAULT_GATE) -> LoadResult:
    """Articles from a ``.jsonl`` file, one object per line; a bad line rejects only that record."""
    drafts: list[ArticleDraft] = []
    rejections: list[Rejection] = []
    empty = True
    for number, raw in enumerate(iter_lines(path), start=1):
        raw_line = raw.rstrip(b"\r\n")
        if not raw_line.strip():
            continue
        empty = False
        try:
            value = json.loads(raw_line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            rejections.append(Rejection(path, "The line is not valid UTF-8.", number))
            continue
        except json.JSONDecodeError as error:
            reason = f"The line is not valid JSON ({json_problem(error, line=False)})."
            rejections.append(Rejection(path, reason, number))
            continue
        outcome = _draft_or_reason(value, f"{path}#L{number}", gate)
        if isinstance(outcome, str):
            rejections.append(Rejection(path, _sentence(outcome), number))
        else:
            drafts.append(outcome)
    if empty:
        raise IngestError(path, "The file is empty.")
    return LoadResult(tuple(drafts), tuple(rejections))
