"""Topic and audience lexicons: the built-in data files, user extensions and their stemmed forms."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from bot.core.brief.stemming import content_stems


class LexiconError(ValueError):
    """A lexicon file's content does not have the documented shape."""


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stem sequence a phrase is matched by (stop words dropped, as in sentences)."""
    return tuple(content_stems(phrase))


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """One lexicon topic: its key, display label, what people type for it and what articles say."""

    key: str
    label: str
    aliases: tuple[str, ...]
    terms: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        """The key (underscores as spaces), label and aliases: everything that names the topic."""
        return (self.key.replace("_", " "), self.label, *self.aliases)


@dataclass(frozen=True, slots=True)
class AudienceEntry:
    """One audience: its key, the name readers see, card aliases and cue phrases."""

    key: str
    name: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]


TopicLexicon = Mapping[str, TopicEntry]
AudienceLexicon = Mapping[str, AudienceEntry]


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, Mapping):
        raise LexiconError(f"[{name}] must be a table")
    return table


def _merge_unique(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    seen = {s.casefold() for s in first}
    return first + tuple(s for s in second if s.casefold() not in seen)


def parse_topics(
    data: Mapping[str, Any], base: TopicLexicon | None = None
) -> dict[str, TopicEntry]:
    """Read a parsed ``topics.toml`` (``[topics.<key>]`` tables) onto an optional base lexicon."""
    out = dict(base or {})
    for key, entry in _table(data, "topics").items():
        if not isinstance(entry, Mapping):
            raise LexiconError(f"[topics.{key}] must be a table")
        label = entry.get("label", key.replace("_", " "))
        if not isinstance(label, str):
            raise LexiconError(f"topics.{key}.label must be a string")
        aliases = _strings(entry.get("aliases"), f"topics.{key}.aliases")
        terms = _strings(entry.get("terms"), f"topics.{key}.terms")
        if key in out:
            old = out[key]
            out[key] = TopicEntry(
                key, old.label, _merge_unique(old.aliases, aliases), _merge_unique(old.terms, terms)
            )
        else:
            out[key] = TopicEntry(key, label, aliases, terms)
    return out


def parse_audiences(
    data: Mapping[str, Any], base: AudienceLexicon | None = None
) -> dict[str, AudienceEntry]:
    """Read a parsed ``audiences.toml`` (``[audiences.<key>]`` tables) onto an optional base."""
    out = dict(base or {})
    for key, entry in _table(data, "audiences").items():
        if not isinstance(entry, Mapping):
            raise LexiconError(f"[audiences.{key}] must be a table")
        name = entry.get("name", key.replace("_", " "))
        if not isinstance(name, str):
            raise LexiconError(f"audiences.{key}.name must be a string")
        aliases = _strings(entry.get("aliases"), f"audiences.{key}.aliases")
        cues = _strings(entry.get("cues"), f"audiences.{key}.cues")
        if key in out:
            old = out[key]
            out[key] = AudienceEntry(
                key, old.name, _merge_unique(old.aliases, aliases), _merge_unique(old.cues, cues)
            )
        else:
            out[key] = AudienceEntry(key, name, aliases, cues)
    return out


def _builtin(name: str) -> dict[str, Any]:
    text = resources.files("bot").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def load_topic_lexicon(extra: Mapping[str, Any] | None = None) -> dict[str, TopicEntry]:
    """The built-in topic lexicon, extended by a user's parsed TOML content when given."""
    lexicon = parse_topics(_builtin("topics.toml"))
    return parse_topics(extra, lexicon) if extra else lexicon


def load_audience_lexicon(extra: Mapping[str, Any] | None = None) -> dict[str, AudienceEntry]:
    """The built-in audience lexicon, extended by a user's parsed TOML content when given."""
    lexicon = parse_audiences(_builtin("audiences.toml"))
    return parse_audiences(extra, lexicon) if extra else lexicon
