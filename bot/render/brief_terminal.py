"""Terminal renderer (rich) for briefs and not-found answers, in the seed card's section order."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

from bot.core.brief import Brief, CitedSentence, TopicNotFound
from bot.core.calendar import format_dated
from bot.render.brief_stories import STORIES_HEADING, stories_note
from bot.render.disagreement import SOURCES_DIFFER, also_numbers, contrast, shortened
from bot.render.language_marks import language_mark
from bot.render.layout_terminal import Boxed, Hanging, Heading

NO_CLOSE_TOPIC = (
    "No stored topic is spelled like it. See what is stored with `briefbot articles`, "
    "or look for words with `briefbot search WORD`."
)


def count_noun(count: int, noun: str, plural: str | None = None) -> str:
    """'1 source', '3 sources', '2 matches' (``plural`` when adding an s is wrong)."""
    many = plural if plural is not None else f"{noun}s"
    return f"{count:,} {noun if count == 1 else many}"


def cite_marks(citations: Sequence[int]) -> str:
    """Citation numbers as '[1][3]'."""
    return "".join(f"[{n}]" for n in citations)


def linked(url: str | None, *, bold: bool = False) -> Style:
    """A style linking to ``url``; built directly because a URL may not parse as style syntax."""
    return Style(bold=bold or None, link=url or None)


def filtered_not_found_line(topic: str, filters: Sequence[str], unfiltered_count: int) -> str:
    """'Nothing on 'chips' from Nope (3 articles on it without this filter).'."""
    which = "this filter" if len(filters) == 1 else "these filters"
    count = count_noun(unfiltered_count, "article")
    return f"Nothing on '{topic}' {' '.join(filters)} ({count} on it without {which})."


def _cited(sentence: CitedSentence, bullet: str = "• ") -> Hanging:
    line = Text(sentence.text)
    if sentence.attribution:
        line.append(f" — {sentence.attribution}", style="italic")
    line.append(" " + cite_marks(sentence.citations), style="cyan")
    _append_other_wordings(line, sentence)
    return Hanging(bullet, line)


def _append_other_wordings(line: Text, sentence: CitedSentence) -> None:
    """Corroborating source numbers, then one indented line per outlet that disagrees."""
    also = also_numbers(sentence)
    if also:
        line.append(f" (also {cite_marks(also)})", style="cyan")
    for other in sentence.disagreements:
        line.append(f"\n⚠ {SOURCES_DIFFER} ({contrast(other)}): ", style="yellow")
        line.append(f"“{shortened(other.text)}”")
        line.append(" " + cite_marks((other.citation,)), style="cyan")


def _section(title: str, items: Sequence[CitedSentence]) -> list[RenderableType]:
    if not items:
        return []
    return [Text(title, style="bold magenta"), *(_cited(s) for s in items), Text("")]


def brief_renderables(brief: Brief) -> list[RenderableType]:
    """The brief as rich renderables: headline, TL;DR panel, sections, voices, sources."""
    parts: list[RenderableType] = []
    if brief.headline is not None:
        head = Text(brief.headline.text, style="bold")
        head.append(" " + cite_marks(brief.headline.citations), style="cyan")
        parts.append(head)
    parts.append(
        Text(f"Brief: {brief.topic} · {count_noun(len(brief.sources), 'source')}", style="dim")
    )
    if brief.tldr:
        parts.append(Boxed("TL;DR", [_cited(s, "") for s in brief.tldr], border_style="green"))
    parts += _section("What changed", brief.what_changed)
    parts += _section("Why it matters", brief.why_it_matters)
    parts += _section("What's next", brief.whats_next)
    if brief.voices:
        parts.append(Text("Voices", style="bold magenta"))
        for voice in brief.voices:
            quote = voice.quote.text
            if voice.speaks_for_itself:
                line = Text(f"{quote} ")
            else:
                line = Text(voice.speaker + (f", {voice.role}" if voice.role else ""), style="bold")
                line.append(f": “{quote}” " if voice.verbatim else f": {quote} ")
            line.append(cite_marks(voice.quote.citations), style="cyan")
            _append_other_wordings(line, voice.quote)
            parts.append(Hanging("• ", line))
        parts.append(Text(""))
    parts += _section("Key takeaways", brief.key_takeaways)
    parts += _section("What to do next", brief.what_to_do_next)
    if brief.who_should_care:
        parts.append(Text("Who should care", style="bold magenta"))
        for audience in brief.who_should_care:
            line = Text(audience.name, style="bold")
            line.append(" — " + ", ".join(audience.cues) + " ")
            line.append(cite_marks(audience.citations), style="cyan")
            parts.append(Hanging("• ", line))
        parts.append(Text(""))
    if brief.related:
        parts.append(Text("Related updates", style="bold magenta"))
        for related in brief.related:
            date = format_dated(related.published_at, related.published_precision)
            line = Text(related.title, style=linked(related.url))
            line.append(f" ({date}, article {related.article_id}) — {related.line}", style="dim")
            parts.append(Hanging("• ", line))
        parts.append(Text(""))
    if brief.stories:
        parts += [Text(STORIES_HEADING, style="bold magenta"), Text(stories_note(brief))]
        for mention in brief.stories:
            line = Text(f"{mention.title} ")
            line.append(cite_marks(mention.citations), style="cyan")
            parts.append(Hanging("• ", line))
        parts.append(Text(""))
    parts.append(Heading("Sources"))
    for source in brief.sources:
        date = format_dated(source.published_at, source.published_precision)
        parts.append(
            source_line(
                source.number,
                source.title,
                url=source.url,
                publisher=source.publisher,
                date=date,
                article_id=source.article_id,
                language=language_mark(source.language),
            )
        )
    return parts


def source_line(
    number: int,
    title: str,
    *,
    url: str | None,
    publisher: str | None,
    date: str,
    article_id: int,
    language: str = "",
) -> Hanging:
    """One numbered source: '[n] Title — Publisher, date[, 中文] (article id)' and its link below."""
    line = Text(title, style=linked(url, bold=True))
    line.append(f" — {publisher or 'unknown publisher'}, {date}")
    if language:
        line.append(f", {language}")
    line.append(f" (article {article_id})", style="dim")
    if url:
        line.append(f"\n{url}", style="dim")
    return Hanging(Text(f"[{number}] ", style="cyan"), line)


def print_brief(brief: Brief, console: Console) -> None:
    """Print a brief to the terminal."""
    for part in brief_renderables(brief):
        console.print(part)


def print_not_found(answer: TopicNotFound, console: Console) -> None:
    """Print the 'nothing stored on …' answer with the closest existing topics."""
    console.print(Text(f"Nothing stored on '{answer.topic}'.", style="bold"))
    if answer.suggestions:
        console.print(Text("Closest topics that do exist: " + ", ".join(answer.suggestions)))
    else:
        console.print(Text(NO_CLOSE_TOPIC))


def print_filtered_not_found(line: str, console: Console) -> None:
    """Print the answer for a topic that exists, just not within the given filters."""
    console.print(Text(line, style="bold"))
