"""CLI handler for timelines: ``briefbot timeline TOPIC [--from] [--to] [--upcoming] [--chart]``."""

from __future__ import annotations

import argparse
import functools
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.arguments import FORMATS, add_server_option, parse_day, parse_inclusive_end
from bot.cli.context import CliContext, open_service

if TYPE_CHECKING:
    from bot.render.timeline_view import TimelineView

TIMELINE_FORMATS = (*FORMATS, "timelinejs")
MISSING_GLYPHS = (
    "The chart draws {count} characters as empty boxes ({sample}…): no installed font has them; "
    "{advice}."
)


def _bound_words(at: datetime, *, end: bool) -> str:
    """A bound as typed: the (last) day of a whole-day bound, else the exact UTC time."""
    if at.time() == time(0):
        return f"{at - timedelta(days=1) if end else at:%Y-%m-%d}"
    return (
        f"{at:%Y-%m-%d %H:%M:%S} UTC" if at.second or at.microsecond else f"{at:%Y-%m-%d %H:%M} UTC"
    )


def _range_words(args: argparse.Namespace) -> str:
    """The asked range in words: 'from 2031-01-01 up to 2031-12-31, still to come'."""
    words = []
    if args.from_at is not None:
        words.append(f"from {_bound_words(args.from_at, end=False)}")
    if args.to_at is not None:
        words.append(f"up to {_bound_words(args.to_at, end=True)}")
    if args.upcoming:
        words.append("still to come")
    return " ".join(words)


def _print_empty(context: CliContext, args: argparse.Namespace, view: TimelineView) -> None:
    from bot.render.json import render_json
    from bot.render.markdown import escape_markdown
    from bot.render.timeline_terminal import empty_line
    from bot.render.timelinejs import render_timelinejs

    if args.format == "json":
        context.out.print_json(render_json(view))
    elif args.format == "timelinejs":
        context.out.out(render_timelinejs(view), highlight=False)
    elif args.format == "md":
        context.out.out(escape_markdown(empty_line(view, _range_words(args))), highlight=False)
    else:
        context.out.print(empty_line(view, _range_words(args)), markup=False, highlight=False)


def _chart_path(value: str) -> Path:
    path = Path(value)
    if path.suffix.lower() != ".png":
        raise argparse.ArgumentTypeError(f"'{value}' is not a .png file name")
    return path


async def timeline(context: CliContext, args: argparse.Namespace) -> int:
    """Print the dated events on a topic; exit 1 when nothing is stored on it."""
    from bot.core.brief import TopicNotFound
    from bot.render.brief_markdown import render_not_found_markdown
    from bot.render.brief_terminal import print_not_found
    from bot.render.json import render_json
    from bot.render.timeline_markdown import render_timeline_markdown
    from bot.render.timeline_terminal import print_timeline
    from bot.render.timeline_view import view_timeline
    from bot.render.timelinejs import render_timelinejs
    from bot.service import TimelineRequest

    if args.from_at is not None and args.to_at is not None and args.from_at >= args.to_at:
        context.err.print(
            f"--from {_bound_words(args.from_at, end=False)} is after "
            f"--to {_bound_words(args.to_at, end=True)}: give the earlier date to --from."
        )
        return 2
    topic = " ".join(args.topic)
    request = TimelineRequest(topic, args.from_at, args.to_at, upcoming_only=args.upcoming)
    async with open_service(context) as service:
        answer = await service.timeline(request)
        now_at = service.clock()
    if isinstance(answer, TopicNotFound):
        if args.format == "json":
            context.out.print_json(render_json(answer))
        elif args.format == "md":
            context.out.out(render_not_found_markdown(answer), highlight=False)
        else:
            print_not_found(answer, context.out)
        return 1
    view = view_timeline(answer, topic)
    if not view.events:
        # One sentence and no chart: an empty picture would only suggest something was drawn.
        _print_empty(context, args, view)
        return 1
    if args.format == "json":
        context.out.print_json(render_json(view))
    elif args.format == "timelinejs":
        context.out.out(render_timelinejs(view), highlight=False)
    elif args.format == "md":
        context.out.out(render_timeline_markdown(view), highlight=False)
    else:
        print_timeline(view, context.out)
    if args.chart is not None:
        # matplotlib is the slowest import of all: only a timeline asked for a chart loads it.
        return _write_chart(context, args.chart, view, now_at)
    return 0


def _write_chart(context: CliContext, path: Path, view: TimelineView, now_at: datetime) -> int:
    from bot.render.chart_fonts import FONT_ADVICE, ChartFontError, prepare_chart_fonts
    from bot.render.timeline_chart import missing_glyphs, render_timeline_chart

    say = functools.partial(context.err.print, markup=False, soft_wrap=True)
    try:
        prepare_chart_fonts(context.settings.chart_font)
    except ChartFontError as error:
        say(f"Configuration problem: {error}")
        return 2
    try:
        path.write_bytes(render_timeline_chart(view, now_at=now_at))
    except OSError as error:
        say(f"Could not write the chart to {path}: {error.strerror}.")
        return 1
    say(f"Chart written to {path}.")
    if missing := missing_glyphs(view):
        say(MISSING_GLYPHS.format(count=len(missing), sample=missing[:8], advice=FONT_ADVICE))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``timeline`` command."""
    parser = commands.add_parser(
        "timeline", help="dated events on a topic, past and upcoming, with their sources"
    )
    parser.add_argument("topic", nargs="+", metavar="TOPIC")
    parser.add_argument(
        "--from",
        dest="from_at",
        type=parse_day,
        metavar="DATE",
        help="only events from this date on: 2024, 2024-05, 2024-05-17 or an ISO time",
    )
    parser.add_argument(
        "--to",
        dest="to_at",
        type=parse_inclusive_end,
        metavar="DATE",
        help="only events up to this date, inclusive: 2025, 2025-06, 2025-06-30 or an ISO time",
    )
    parser.add_argument("--upcoming", action="store_true", help="only events still to come")
    parser.add_argument("--format", choices=TIMELINE_FORMATS, default="text")
    parser.add_argument(
        "--chart", type=_chart_path, metavar="FILE.png", help="also draw the timeline as a PNG"
    )
    add_server_option(parser)
    parser.set_defaults(handler=timeline)
