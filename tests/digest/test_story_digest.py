"""Stored stories in the digest and ``briefbot stories``: reworded reports of one event, two
events of the same kind, stable keys as a story grows, removal, and a second process."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.core.models import ArticleDraft
from bot.service.digests import Digests
from bot.service.stories import StoryLibrary
from bot.store import ArticleStore
from tests.digest.conftest import MONDAY_AT, Clock, draft

WEEK_AT = MONDAY_AT - timedelta(days=5)
IRAN = (
    (
        "Reuters",
        "Magnitude 6.3 earthquake strikes Iran's Bushehr province near nuclear plant",
        "A magnitude 6.3 earthquake struck Iran's southern Bushehr province on Tuesday, killing at "
        "least 37 people in the town of Kaki, Iranian state media said. The Bushehr nuclear plant "
        "was not damaged, officials said.",
    ),
    (
        "BBC",
        "Deadly quake hits Kaki in southern Iran, Bushehr reactor unharmed",
        "At least 37 people died when a strong earthquake hit Kaki in Bushehr province, Iran. "
        "Rescuers searched collapsed mud-brick homes. Russian engineers at the Bushehr reactor "
        "reported no damage.",
    ),
    (
        "Al Jazeera",
        "Iran earthquake kills dozens in Bushehr province",
        "Dozens were killed as an earthquake of magnitude 6.3 shook Bushehr province in Iran. The "
        "worst damage was in Kaki, where Iranian Red Crescent teams set up tents for survivors.",
    ),
)
ACEH = (
    (
        "AP",
        "Earthquake of magnitude 6.1 rocks Indonesia's Aceh, dozens hurt in Bener Meriah",
        "A magnitude 6.1 earthquake rocked Indonesia's Aceh province on Tuesday, injuring dozens in "
        "Bener Meriah and Central Aceh districts, Indonesian disaster officials said. Landslides "
        "cut roads to Takengon.",
    ),
    (
        "Jakarta Post",
        "Aceh quake: landslides cut off Takengon, villages in Bener Meriah damaged",
        "Landslides triggered by the earthquake in Aceh cut the road to Takengon, and hundreds of "
        "houses in Bener Meriah were damaged, Indonesia's disaster agency said.",
    ),
    (
        "Channel NewsAsia",
        "Indonesia's Aceh hit by strong quake, Bener Meriah worst affected",
        "A strong earthquake hit Aceh in Indonesia, with Bener Meriah and Central Aceh districts the "
        "worst affected; Indonesian rescuers reached Takengon after landslides.",
    ),
)


def _drafts(reports: tuple[tuple[str, str, str], ...], start_hours: int) -> list[ArticleDraft]:
    return [
        draft(title, body, outlet, WEEK_AT + timedelta(hours=start_hours + n))
        for n, (outlet, title, body) in enumerate(reports)
    ]


async def _store(tmp_path: Path) -> ArticleStore:
    store = await ArticleStore.open(tmp_path / "stories.db")
    await store.add_articles([*_drafts(IRAN, 0), *_drafts(ACEH, 1)], ingested_at=MONDAY_AT)
    return store


async def test_digest_lists_each_story_once_with_every_outlet(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        digest = await Digests(store, clock=Clock(MONDAY_AT)).build(None)
    finally:
        await store.close()
    assert len(digest.stories) == 2
    outlets = sorted(tuple(sorted(s.publishers)) for s in digest.stories)
    assert outlets == [
        ("AP", "Channel NewsAsia", "Jakarta Post"),
        ("Al Jazeera", "BBC", "Reuters"),
    ]
    for story in digest.stories:
        assert len(story.sources) == len({source.article_id for source in story.sources}) == 3


async def test_a_story_keeps_its_key_when_a_new_outlet_joins(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        library = StoryLibrary(store, Clock(MONDAY_AT))
        before = {s.key: s.article_ids for s in await library.current()}
        late = draft(
            "Survivors of Iran's Bushehr earthquake sleep in tents in Kaki",
            "Survivors of the magnitude 6.3 earthquake in Iran's Bushehr province slept in tents "
            "in Kaki, the Iranian Red Crescent said, as the toll stayed at 37.",
            "Tehran Times",
            WEEK_AT + timedelta(days=1),
        )
        await store.add_articles([late], ingested_at=MONDAY_AT)
        # A second library stands for another process: it reads the stored state.
        after = {s.key: s for s in await StoryLibrary(store, Clock(MONDAY_AT)).current()}
    finally:
        await store.close()
    assert set(after) == set(before)
    iran = after["s1"]
    assert "Tehran Times" in iran.publishers
    assert iran.article_ids == before["s1"] | {7}


async def test_removed_articles_leave_their_story(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        library = StoryLibrary(store, Clock(MONDAY_AT))
        await library.update()
        await store.remove_articles([2], removed_by="test", removed_at=MONDAY_AT)
        stories = {s.key: s for s in await library.current()}
    finally:
        await store.close()
    assert stories["s1"].article_ids == {1, 3}
    assert "BBC" not in stories["s1"].publishers


async def test_placing_is_incremental(tmp_path: Path) -> None:
    store = await _store(tmp_path)
    try:
        library = StoryLibrary(store, Clock(MONDAY_AT))
        assert await library.update() == 6
        assert await library.update() == 0
        assert await store.story_document_count() == 6
    finally:
        await store.close()


async def test_a_brief_says_its_sources_report_two_stories_and_lists_them(tmp_path: Path) -> None:
    from bot.core.brief import Brief
    from bot.render.brief_markdown import render_brief_markdown
    from bot.render.embed_brief import brief_sections
    from bot.service import Briefings, BriefRequest

    store = await ArticleStore.open(tmp_path / "brief.db")
    try:
        service = Briefings(store, seeds_dir=tmp_path / "none", clock=Clock(MONDAY_AT))
        await service.ingest_drafts([*_drafts(IRAN, 0), *_drafts(ACEH, 1)])
        brief = await service.brief(BriefRequest("earthquake"))
    finally:
        await store.close()
    assert isinstance(brief, Brief)
    assert len(brief.stories) == 2
    numbers = sorted(n for mention in brief.stories for n in mention.citations)
    assert numbers == sorted(s.number for s in brief.sources)  # every source in one story
    by_number = {s.number: s.article_id for s in brief.sources}
    groups = [{by_number[n] for n in m.citations} for m in brief.stories]
    assert all(group <= {1, 2, 3} or group <= {4, 5, 6} for group in groups)
    markdown = render_brief_markdown(brief)
    assert "### Stories" in markdown
    assert "report 2 different stories" in markdown
    assert any(section.title == "Stories" for section in brief_sections(brief))
