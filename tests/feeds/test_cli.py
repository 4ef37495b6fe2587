"""``briefbot feed …`` and ``briefbot fetch`` end to end against the local site (threaded)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import app
from bot.cli import feeds as feed_cli
from tests.cli.helpers import run_cli
from tests.feeds.site import Site, article_page, rss, story

TODAY_AT = datetime.now(UTC)  # the CLI runs on the real clock, so the feed is dated around it


@pytest.fixture(autouse=True)
def local_feeds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the CLI reach 127.0.0.1 and make sure the feed commands are registered."""
    monkeypatch.setenv("BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS", "true")
    if feed_cli.register not in app.REGISTRARS:
        monkeypatch.setattr(app, "REGISTRARS", (*app.REGISTRARS, feed_cli.register))


def publish(site: Site) -> str:
    """A two-item feed with its pages."""
    stories = [
        story("fab", "Chipmaker opens new fab in Ohio", TODAY_AT - timedelta(hours=3)),
        story("old", "Archive piece on memory prices", TODAY_AT - timedelta(days=40)),
    ]
    for item in stories:
        site.serve(f"/news/{item.slug}", article_page(item))
    site.serve("/rss.xml", rss(site.base, stories), content_type="application/rss+xml")
    return site.url("/rss.xml")


def test_feed_add_polls_and_status_shows_health(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    url = publish(threaded_site)
    added = run_cli(capsys, "feed", "add", url, "--interval", "15")
    assert added.status == 0, added.err
    assert "Following feed 1: Test Wire: Tech (2 items, polled every 15 min)" in added.flat
    assert "1 added" in added.flat
    assert "1 too old" in added.flat
    listed = run_cli(capsys, "feed", "list", "--format", "json").json()
    assert listed[0]["url"] == url
    assert listed[0]["state"] == "ok"
    assert listed[0]["articles_added"] == 1
    # Piped, the list is one tab-separated line per feed, for `grep` and `cut -f`.
    as_text = run_cli(capsys, "feed", "list")
    assert as_text.out.splitlines() == [f"1\tTest Wire: Tech\t{url}\t15 min\tok"]
    healthy = run_cli(capsys, "feed", "status")
    assert healthy.status == 0
    assert "ok" in healthy.flat
    threaded_site.status("/rss.xml", 500)
    polled = run_cli(capsys, "feed", "poll", "--all")
    assert polled.status == 1  # every polled feed failed
    assert "HTTP 500" in polled.err
    unwell = run_cli(capsys, "feed", "status", "1", "--format", "json")
    assert unwell.status == 1
    record = unwell.json()[0]
    assert record["state"] == "failing"
    assert record["failures"] == 1
    assert record["last_error_kind"] == "http"
    assert "HTTP 500" in record["last_error"]
    text = run_cli(capsys, "feed", "status")
    assert "failing (1 failure)" in text.flat
    assert "HTTP 500" in text.flat


def test_feed_poll_due_resume_and_remove(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    url = publish(threaded_site)
    assert run_cli(capsys, "feed", "add", url, "--no-poll").status == 0
    due = run_cli(capsys, "feed", "poll")
    assert "Polled 1 feed: 1 article added, 0 failed." in due.flat
    nothing = run_cli(capsys, "feed", "poll")
    assert "Polled 0 feeds" in nothing.flat
    resumed = run_cli(capsys, "feed", "resume", url)
    assert "Feed 1 (Test Wire: Tech) is enabled and due now." in resumed.flat
    removed = run_cli(capsys, "feed", "remove", "1")
    assert "No longer following feed 1" in removed.flat
    missing = run_cli(capsys, "feed", "remove", "1")
    assert missing.status == 1
    assert "No followed feed has the id or address 1" in missing.err
    assert "No feeds are followed yet" in run_cli(capsys, "feed", "list").flat


def test_feed_add_refuses_a_page_without_a_feed(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    threaded_site.serve("/about", "<html><body><p>About us</p></body></html>")
    result = run_cli(capsys, "feed", "add", threaded_site.url("/about"))
    assert result.status == 1
    assert "Not added:" in result.err
    assert "web page, not a feed" in result.err


def test_re_adding_a_feed_keeps_its_interval_unless_given(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    url = publish(threaded_site)
    assert run_cli(capsys, "feed", "add", url, "--interval", "15", "--no-poll").status == 0
    again = run_cli(capsys, "feed", "add", url, "--no-poll")
    assert again.status == 0, again.err
    assert "polled every 15 min" in again.flat
    assert run_cli(capsys, "feed", "list", "--format", "json").json()[0]["interval_minutes"] == 15
    retimed = run_cli(capsys, "feed", "add", url, "--interval", "60", "--no-poll")
    assert "polled every 60 min" in retimed.flat
    other = threaded_site.url("/other.xml")
    threaded_site.serve(
        "/other.xml", rss(threaded_site.base, []), content_type="application/rss+xml"
    )
    assert "polled every 30 min" in run_cli(capsys, "feed", "add", other, "--no-poll").flat


def test_feed_failures_are_said_in_words(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    # Not the socket's "[Errno 111] Connect call failed ('127.0.0.1', 9)" nor a SAX position.
    refused = run_cli(capsys, "feed", "add", "http://127.0.0.1:9/feed.xml")
    assert refused.status == 1
    assert refused.err.endswith(
        "Not added: Could not connect to http://127.0.0.1:9/feed.xml (connection refused)."
    )
    threaded_site.serve("/notes.txt", "hello\nworld\n", content_type="text/plain")
    text = run_cli(capsys, "feed", "add", threaded_site.url("/notes.txt"))
    assert text.status == 1
    assert text.err.endswith(
        f"Not added: {threaded_site.url('/notes.txt')} is not an RSS or Atom feed "
        "(its text is not well-formed XML, line 2)."
    )
    assert "Errno" not in refused.err + text.err


def test_fetch_adds_articles_by_link(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    item = story("solo", "Chip subsidy bill passes the Senate", None)
    threaded_site.serve("/news/solo", article_page(item))
    threaded_site.status("/gone", 404)
    first = run_cli(capsys, "fetch", threaded_site.url("/news/solo"), threaded_site.url("/gone"))
    assert first.status == 0
    assert "added as article 4: Chip subsidy bill passes the Senate" in first.flat  # after 3 seeds
    assert "HTTP 404" in first.err
    again = run_cli(capsys, "fetch", threaded_site.url("/news/solo?utm_source=x"))
    assert "already stored as article 4" in again.flat
    failed = run_cli(capsys, "fetch", threaded_site.url("/gone"))
    assert failed.status == 1


def test_ingest_takes_links_beside_files(
    capsys: pytest.CaptureFixture[str], threaded_site: Site, tmp_path: Path
) -> None:
    item = story("mixed", "Foundry orders climb again", None)
    threaded_site.serve("/news/mixed", article_page(item))
    (tmp_path / "note.md").write_text("---\ntitle: Wafer note\n---\nWafer prices rose again.\n")
    result = run_cli(capsys, "ingest", str(tmp_path / "note.md"), threaded_site.url("/news/mixed"))
    assert result.status == 0, result.err
    assert "Added 2, duplicates 0, rejected 0 (from 1 file and 1 link)." in result.flat
    refused = run_cli(capsys, "ingest", "http://127.0.0.1:9/nothing-listens-here")
    assert refused.status == 1
    assert "rejected 1 (from 1 link)." in refused.flat


def test_links_to_private_hosts_are_refused_by_default(
    capsys: pytest.CaptureFixture[str], threaded_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS")
    result = run_cli(capsys, "ingest", threaded_site.url("/news/anything"))
    assert result.status == 1
    assert "private" in result.flat.lower() or "local" in result.flat.lower()
    # Each refusal says how to allow it, and names the address once.
    url = threaded_site.url("/news/anything")
    refusal = (
        f"{url} points at a private or local address, which is refused "
        "(set BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS=true to allow)."
    )
    assert result.flat.endswith(f"✗ {refusal}")
    fetched = run_cli(capsys, "fetch", url)
    assert fetched.status == 1
    assert fetched.err == f"✗ {refusal}"
    added = run_cli(capsys, "feed", "add", threaded_site.url("/rss.xml"))
    assert added.status == 1
    assert added.err.endswith("(set BRIEFBOT_FEEDS_ALLOW_PRIVATE_HOSTS=true to allow).")


def test_markup_in_a_feed_title_is_shown_literally(
    capsys: pytest.CaptureFixture[str], threaded_site: Site
) -> None:
    stories = [story("fab", "Chipmaker opens new fab in Ohio", TODAY_AT - timedelta(hours=3))]
    threaded_site.serve("/news/fab", article_page(stories[0]))
    feed = rss(threaded_site.base, stories, title="News [/b] wire [red]")
    threaded_site.serve("/rss.xml", feed, content_type="application/rss+xml")
    added = run_cli(capsys, "feed", "add", threaded_site.url("/rss.xml"), "--no-poll")
    assert added.status == 0, added.err
    assert "Following feed 1: News [/b] wire [red] (1 item," in added.flat
    assert "News [/b] wire [red]" in run_cli(capsys, "feed", "status").flat
    assert "News [/b] wire [red]" in run_cli(capsys, "feed", "list").flat
    assert "(News [/b] wire [red]) is enabled" in run_cli(capsys, "feed", "resume", "1").flat
    assert "following feed 1: News [/b] wire [red]." in run_cli(capsys, "feed", "remove", "1").flat
    missing = run_cli(capsys, "feed", "remove", "[/b]")
    assert missing.status == 1
    assert "No followed feed has the id or address [/b]" in missing.err
