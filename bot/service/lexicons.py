"""The topic and audience lexicons a service uses: the built-in data plus a team's TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core.brief import load_audience_lexicon, load_topic_lexicon
from bot.core.brief.lexicon import AudienceLexicon, LexiconError, TopicLexicon


@dataclass(frozen=True, slots=True)
class Lexicons:
    """The topic and audience lexicons briefs use: built-in data plus team extensions."""

    topics: TopicLexicon
    audiences: AudienceLexicon

    @classmethod
    def builtin(cls) -> Lexicons:
        """Only the built-in lexicons."""
        return cls(load_topic_lexicon(), load_audience_lexicon())

    @classmethod
    def from_extension(cls, extension: dict[str, Any] | None) -> Lexicons:
        """The built-in lexicons extended by a parsed team TOML file."""
        return cls(load_topic_lexicon(extension), load_audience_lexicon(extension))

    @classmethod
    def from_file(cls, path: Path | None) -> Lexicons:
        """The built-in lexicons extended by a team's TOML file; ``LexiconFileError`` if unusable."""
        if path is None:
            return cls.builtin()
        try:
            extension = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls.from_extension(extension)
        except OSError as error:
            reason = error.strerror or str(error)
            raise LexiconFileError(f"The topics file {path} cannot be read ({reason}).") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise LexiconFileError(f"The topics file {path} is not valid TOML ({error}).") from None
        except LexiconError as error:
            raise LexiconFileError(f"The topics file {path} has a wrong shape: {error}.") from None


class LexiconFileError(Exception):
    """A team lexicon file that cannot be used, as one plain sentence."""
