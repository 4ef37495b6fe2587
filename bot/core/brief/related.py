"""Related updates: other stored articles closest to a brief's articles that it does not cite."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.brief.facts import fingerprint_cached, is_boilerplate_cached
from bot.core.brief.model import RelatedArticle
from bot.core.brief.selection import cosine, stems_vector
from bot.core.brief.stemming import sentence_stems
from bot.core.models import Article

LEAD_SENTENCES = 3
# Least cosine of an article's gist to the cited articles' for it to count as related. On ECB+
# (topics 1-35: 4 reports of each story cited, the rest offered) 0.1 keeps 98 % of the story's
# other reports and 93 % of its topic's other story, and drops 94 % of other topics' articles,
# whose median is 0.02: without it a small store offered whatever was recent.
RELATED_SIMILARITY = 0.1


def _gist_stems(article: Article) -> list[str]:
    """The stems of the title and first body sentences (what ``vectorise`` of their text gives)."""
    stems = list(sentence_stems(article.title))
    taken = 0
    for sentence in article.sentences:
        if taken == LEAD_SENTENCES:
            break
        if sentence.section is None and not is_boilerplate_cached(sentence.text, False):
            stems.extend(sentence_stems(sentence.text))
            taken += 1
    return stems


def _one_line(article: Article) -> str:
    title = fingerprint_cached(article.title)
    for sentence in article.sentences:
        if (
            sentence.section is None
            and not is_boilerplate_cached(sentence.text, False)
            and fingerprint_cached(sentence.text) != title
        ):
            return sentence.text
    first = article.body.strip().split("\n", 1)[0].strip()
    return first or article.title


def related_articles(
    cited: Sequence[Article], offered: Sequence[Article], *, limit: int = 5
) -> tuple[RelatedArticle, ...]:
    """Up to ``limit`` offered articles, uncited, with new titles and on the cited ones' subject."""
    cited_ids = {a.id for a in cited}
    titles = {fingerprint_cached(a.title) for a in cited}
    centre = stems_vector([s for a in cited for s in _gist_stems(a)])
    scored: list[tuple[float, float, int, Article]] = []
    seen: set[int] = set()
    for article in offered:
        if article.id in cited_ids or article.id in seen:
            continue
        title = fingerprint_cached(article.title)
        if title in titles:
            continue
        seen.add(article.id)
        titles.add(title)
        similarity = cosine(stems_vector(_gist_stems(article)), centre) if centre.norm else 0.0
        if similarity < RELATED_SIMILARITY:
            continue
        scored.append((-similarity, -article.dated_at.timestamp(), article.id, article))
    scored.sort(key=lambda row: row[:3])
    return tuple(
        RelatedArticle(
            article.id,
            article.title,
            article.publisher,
            article.published_at,
            article.published_precision,
            article.url,
            _one_line(article),
        )
        for *_, article in scored[:limit]
    )
