"""Wording shared by every digest renderer: the period, the counts and the change notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.core.calendar import format_dated
from bot.core.digest import (
    WEEKDAYS,
    ChangeKind,
    Digest,
    DigestSource,
    DigestStory,
    UpcomingEvent,
)
from bot.core.digest_records import DigestSettings, DigestStatus, Outcome, PostResult
from bot.render.embed_text import channel_mention

QUIET = "Nothing new was published in this period."
FIRST = "No earlier digest to compare with."


def plural(count: int, noun: str) -> str:
    """'1 story', '3 stories', '2 articles'."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def period_label(digest: Digest) -> str:
    """'2026-05-25 – 2026-05-31' (the end is exclusive, so the last day shown is the day before)."""
    last_at = digest.period_end_at - timedelta(microseconds=1)
    return f"{digest.period_start_at:%Y-%m-%d} – {last_at:%Y-%m-%d}"


def heading(digest: Digest) -> str:
    """The digest's title line."""
    return f"Weekly digest · {period_label(digest)}"


def counts_line(digest: Digest) -> str:
    """'12 articles · 7 stories · 5 outlets'."""
    return " · ".join(
        (
            plural(digest.article_count, "article"),
            plural(digest.story_count, "story"),
            plural(digest.publisher_count, "outlet"),
        )
    )


def since_line(digest: Digest) -> str:
    """How this digest compares with the channel's previous one."""
    if digest.previous_at is None:
        return FIRST
    new = sum(1 for s in digest.changes if s.change is ChangeKind.NEW)
    grew = sum(1 for s in digest.changes if s.change is ChangeKind.GREW)
    when = f"{digest.previous_at:%Y-%m-%d}"
    if not new and not grew:
        return f"Since the last digest ({when}): no new or growing stories."
    return f"Since the last digest ({when}): {new} new, {grew} grew."


def change_note(story: DigestStory) -> str:
    """'new' or 'grew: new sources Reuters; new dates 2026-06' (empty for ongoing stories)."""
    if story.change is ChangeKind.NEW:
        return "new"
    if story.change is ChangeKind.GREW:
        parts = []
        if story.new_publishers:
            parts.append("new sources " + ", ".join(story.new_publishers))
        if story.new_events:
            parts.append("new dates " + ", ".join(story.new_events[:4]))
        return "grew" + (": " + "; ".join(parts) if parts else ": more articles")
    return ""


def source_label(source: DigestSource) -> str:
    """'Reuters, 2026-05-28'."""
    when = format_dated(source.published_at, source.published_precision)
    return f"{source.publisher or 'unknown publisher'}, {when}"


def event_date(event: UpcomingEvent) -> str:
    """The event's date as its TIMEX value says it ('2026-06', '2026-06-12')."""
    return event.value


def _schedule(settings: DigestSettings) -> str:
    day = WEEKDAYS[settings.weekday].capitalize()
    quiet = "a short note" if settings.post_when_quiet else "no post"
    return (
        f"every {day} at {settings.time_of_day:%H:%M} ({settings.timezone}); "
        f"quiet weeks get {quiet}"
    )


def _where(settings: DigestSettings) -> str:
    if settings.channel_id is None:
        return "no channel chosen yet (use /digest channel)"
    return channel_mention(settings.channel_id)


def settings_text(settings: DigestSettings) -> str:
    """One or two sentences confirming the guild's digest settings."""
    if not settings.enabled:
        return "The weekly digest is off. /digest channel or /digest schedule turns it back on."
    return f"The weekly digest goes to {_where(settings)}, {_schedule(settings)}."


def channel_refused_text(channel_id: int, missing: Sequence[str]) -> str:
    """Why a channel cannot take the digest: the permissions the bot lacks there."""
    return (
        f"The digest cannot go to {channel_mention(channel_id)}: briefbot lacks "
        f"{_listed(missing)} there. Grant {'it' if len(missing) == 1 else 'them'} to briefbot "
        "in that channel (or pick another channel) and run /digest channel again; "
        "nothing was changed."
    )


def history_warning(channel_id: int) -> str:
    """The note added when the bot may post in a channel but not read its history."""
    return (
        f"Note: without Read Message History in {channel_mention(channel_id)}, briefbot cannot "
        "check for a digest Discord already received when a post fails midway."
    )


def _listed(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def status_text(status: DigestStatus) -> str:
    """The settings, the next run and the latest attempts, one per line."""
    settings = status.settings
    lines = [
        f"Digest: {'on' if settings.enabled else 'off'} · {_where(settings)} · "
        f"{_schedule(settings)}.",
        "Next run: "
        + (f"{status.next_run_at:%Y-%m-%d %H:%M} UTC." if status.next_run_at else "none."),
    ]
    if status.attempts:
        lines.append("Last attempts:")
        for attempt in status.attempts:
            reason = f" ({attempt.reason})" if attempt.reason else ""
            period = f" for {attempt.period}" if attempt.period else ""
            lines.append(
                f"- {attempt.attempted_at:%Y-%m-%d %H:%M} UTC, {attempt.trigger}{period}: "
                f"{attempt.outcome}{reason}"
            )
    else:
        lines.append("No attempts yet.")
    return "\n".join(lines)


def post_result_text(result: PostResult) -> str:
    """What ``/digest now`` tells the person who ran it."""
    where = channel_mention(result.channel_id) if result.channel_id is not None else "its channel"
    if result.outcome is Outcome.POSTED:
        return f"Posted the digest for {result.period} in {where}."
    if result.outcome is Outcome.ALREADY_POSTED:
        return (
            f"The digest for {result.period} is already posted in {where}; "
            "it is posted once per week."
        )
    if result.outcome is Outcome.BUSY:
        return f"The digest for {result.period} is being posted right now; check /digest status."
    if result.outcome is Outcome.NO_CHANNEL:
        return "Choose a channel first with /digest channel."
    if result.outcome in (Outcome.QUIET_SKIPPED, Outcome.ALREADY_SKIPPED):
        return (
            "Nothing new this week and quiet weeks are set to post nothing, so nothing was posted."
        )
    return f"Could not post the digest: {result.reason}. Fix it and run /digest now again."
