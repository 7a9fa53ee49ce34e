"""Words into index terms exactly as the browser makes them (lunr's trimming, stop words, stemming)."""

from __future__ import annotations

from collections import Counter

from lunr.stemmer import stemmer as porter_stemmer
from lunr.token import Token

from .language import Analysis, trim


class Analyser:
    """Index terms exactly as the browser makes them. Each word's result is remembered: a catalogue
    repeats its words, and stemming is the costliest step."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.stem = _porter if analysis.lunr_code == "en" else analysis.stem
        self.known: dict[str, str | None] = {}
        self.trimmed: dict[str, str] = {}

    def counts(self, text: str) -> dict[str, int]:
        """How often each trimmed, lower-case word occurs in a text, stop words included; in the order
        the words first occur. Counted before trimming (in C, by Counter): a text repeats its words."""
        trimmed = self.trimmed
        counts: dict[str, int] = {}
        for raw, times in Counter(text.lower().replace("-", " ").split()).items():
            word = trimmed.get(raw)
            if word is None:
                word = trimmed[raw] = trim(raw)
            if word:
                counts[word] = counts.get(word, 0) + times
        return counts

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
