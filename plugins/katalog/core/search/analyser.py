"""Words into index terms exactly as the browser makes them (lunr's trimming, stop words, stemming)."""

from __future__ import annotations

from lunr.stemmer import stemmer as porter_stemmer
from lunr.token import Token

from .language import Analysis


class Analyser:
    """Index terms exactly as the browser makes them. Each word's result is remembered: a catalogue
    repeats its words, and stemming is the costliest step."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.stem = _porter if analysis.lunr_code == "en" else analysis.stem
        self.known: dict[str, str | None] = {}

    def tokens(self, text: str) -> list[str]:
        """A text's lower-case tokens, split on white space and hyphens as lunr splits, not yet trimmed."""
        return text.lower().replace("-", " ").split()

    def term(self, word: str) -> str | None:
        """A trimmed word's index term; None for a stop word."""
        known = self.known.get(word, False)
        if known is not False:
            return known  # type: ignore[return-value]
        result = None if word in self.analysis.stopwords else self.stem(word)
        self.known[word] = result
        return result


def _porter(word: str) -> str:
    """English as lunr.js stems it (lunr.stemmer, Porter), not Snowball's English."""
    return str(porter_stemmer(Token(word)))
