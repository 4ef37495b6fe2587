"""Embeds for the stored-article list, the help page and short notices (unknown topic, bad input)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.brief.topic import TopicNotFound
from bot.core.calendar import format_dated
from bot.core.models import Article
from bot.render.embed_brief import link
from bot.render.embed_text import escape, lines, shorten
from bot.render.embeds import CONTENT_MAX, Page
from bot.render.paging import Section, sections_to_pages


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """One slash command for /help: how to call it, what it does, and example calls."""

    usage: str
    summary: str
    examples: tuple[str, ...]
    # Who may use it, e.g. "everyone" or "Manage Server" ("list: everyone · remove: Manage Server").
    who: str = "everyone"


def render_sources(articles: Sequence[Article], *, topic: str | None = None) -> list[Page]:
    """Stored articles, newest first, one line each with id, date, publisher and linked title."""
    heading = f"Stored articles on {topic}" if topic else "Stored articles"
    if not articles:
        empty = (
            f"No stored article matches '{escape(topic)}'; /sources list without a topic shows "
            "everything stored."
            if topic
            else "Nothing stored yet."
        )
        return sections_to_pages([Section(escape(heading), (empty,))])
    lines = []
    for article in articles:
        when = format_dated(article.published_at, article.published_precision)
        publisher = escape(article.publisher) if article.publisher else "unknown publisher"
        lines.append(f"`{article.id}` {link(article.title, article.url)} — {publisher}, {when}")
    title = f"{heading}, newest first ({len(articles)})"
    return sections_to_pages([Section(escape(title), tuple(lines))], label=heading)


def render_help(commands: Sequence[CommandHelp]) -> list[Page]:
    """Each command with what it does and examples."""
    lines = []
    for command in commands:
        examples = " · ".join(f"`{example}`" for example in command.examples)
        lines.append(
            f"**`{command.usage}`**\n{command.summary}\nWho: {command.who}\nExamples: {examples}\n"
        )
    intro = (
        "Briefs quote the stored articles word for word; numbers like [1] point to the sources "
        "listed at the end. Commands that change what the bot stores or posts need the Manage "
        "Server permission."
    )
    return sections_to_pages([Section("briefbot commands", (intro, *lines))], label="help")


def notice(text: str) -> str:
    """A short message as message content: mentions defused, markdown escaped, within 2000.

    Line breaks and "- " list items at a line start are kept, as are ``channel_mention`` names.
    """
    return shorten_lines(lines(text), CONTENT_MAX)


def shorten_lines(text: str, limit: int) -> str:
    """Text cut to ``limit`` characters, keeping whole lines when the cut falls after the first."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if "\n" in head:
        return head[: head.rindex("\n")] + "\n…"
    return shorten(text, limit)


def topic_not_found_text(
    result: TopicNotFound, *, publisher: str | None = None, days: int | None = None
) -> str:
    """The unknown-topic answer with suggestions to try, as plain text (escaped when sent)."""
    where = f" from {publisher}" if publisher else ""
    if days is not None:
        where += f" in the last {days} day{'' if days == 1 else 's'}"
    if result.unfiltered_count:
        options = " and ".join(o for o, v in (("days", days), ("source", publisher)) if v)
        count = result.unfiltered_count
        stored = "1 stored article is" if count == 1 else f"{count} stored articles are"
        return (
            f"Nothing on '{result.topic}'{where}, but {stored} on it: "
            f"widen or leave out {options or 'the filters'}."
        )
    head = f"Nothing stored on '{result.topic}'{where}."
    if not result.suggestions:
        return f"{head} Try /sources list to see what is stored."
    tries = ", ".join(result.suggestions)
    return f"{head} Closest topics: {tries}. Try /brief with one of them."
