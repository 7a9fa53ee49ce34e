"""Compound words split into the words they are made of, so that a query finds the compounds its word
is part of: "inddragelse" finds "borgerinddragelse", "have" finds "fælleshave".

Danish (like Swedish and Norwegian) writes compounds as one word, often with a linking s or e
("arbejdsplads", "børnehave"). A word is split where its tail is a word the catalogue uses on its own
(or a stop word: "have" is one) of at least MIN_TAIL letters, and its head is such a word of at least
MIN_HEAD letters, the same with a linking s or e, or itself a compound. Only words from the catalogue
count, so a split is never a guess from a dictionary the editors did not write. The parts are
returned as index terms (stemmed); the first part needs nothing, since a query's prefix finds it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .analyser import Analyser

MIN_HEAD = 3
MIN_TAIL = 4
LINKS = ("s", "e")


class Compounds:
    def __init__(self, words: Iterable[str], analyser: Analyser) -> None:
        stopwords = analyser.analysis.stopwords
        self.known = {w for w in words if len(w) >= MIN_HEAD and w.isalpha()} | {
            w for w in stopwords if len(w) >= MIN_TAIL
        }
        self.analyser = analyser
        self.found: dict[str, tuple[str, ...]] = {}
        self.tails: dict[str, tuple[str, ...]] = {}

    def parts(self, word: str) -> tuple[str, ...]:
        """The index terms of the words after the first in a compound; () for any other word."""
        found = self.found.get(word)
        if found is None:
            own = self.analyser.term(word)
            found = self.found[word] = tuple(
                dict.fromkeys(
                    stem
                    for tail in self._tails(word)
                    if (stem := self.analyser.stem(tail)) != own and len(stem) >= MIN_HEAD
                )
            )
        return found

    def _tails(self, word: str) -> tuple[str, ...]:
        """Every known word a compound ends with or has in its middle, longest first."""
        kept = self.tails.get(word)
        if kept is not None:
            return kept
        self.tails[word] = ()  # no cycles (a word is never its own head, but be safe)
        tails: list[str] = []
        if len(word) >= MIN_HEAD + MIN_TAIL and word.isalpha():
            for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
                tail = word[cut:]
                if tail not in self.known:
                    continue
                head = word[:cut]
                inner = self._head(head)
                if inner is not None:
                    tails.append(tail)
                    tails.extend(inner)
        result = tuple(dict.fromkeys(tails))
        self.tails[word] = result
        return result

    def _head(self, head: str) -> tuple[str, ...] | None:
        """None if head is neither a word nor a compound; else the parts inside it (after its first)."""
        for candidate in (head, head[:-1] if len(head) > MIN_HEAD and head[-1] in LINKS else ""):
            if not candidate:
                continue
            inner = self._tails(candidate)
            if inner or candidate in self.known:
                return inner
        return None
