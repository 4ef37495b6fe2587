"""Related updates: other stored articles closest to a brief's articles that it does not cite."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.brief.model import RelatedArticle
from bot.core.brief.sections import is_boilerplate
from bot.core.brief.selection import cosine, vectorise
from bot.core.models import Article
from bot.core.text import fingerprint_text

LEAD_SENTENCES = 3


def _gist(article: Article) -> str:
    body: list[str] = []
    for sentence in article.sentences:
        if len(body) == LEAD_SENTENCES:
            break
        if sentence.section is None and not is_boilerplate(sentence.text):
            body.append(sentence.text)
    return " ".join([article.title, *body])


def _one_line(article: Article) -> str:
    for sentence in article.sentences:
        if (
            sentence.section is None
            and not is_boilerplate(sentence.text)
            and fingerprint_text(sentence.text) != fingerprint_text(article.title)
        ):
            return sentence.text
    first = article.body.strip().split("\n", 1)[0].strip()
    return first or article.title


def related_articles(
    cited: Sequence[Article], offered: Sequence[Article], *, limit: int = 5
) -> tuple[RelatedArticle, ...]:
    """Up to ``limit`` offered articles, uncited and with new titles, closest to the cited ones."""
    cited_ids = {a.id for a in cited}
    titles = {fingerprint_text(a.title) for a in cited}
    centre = vectorise(" ".join(_gist(a) for a in cited))
    scored: list[tuple[float, float, int, Article]] = []
    seen: set[int] = set()
    for article in offered:
        if article.id in cited_ids or article.id in seen:
            continue
        title = fingerprint_text(article.title)
        if title in titles:
            continue
        seen.add(article.id)
        titles.add(title)
        similarity = cosine(vectorise(_gist(article)), centre) if centre.norm else 0.0
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
