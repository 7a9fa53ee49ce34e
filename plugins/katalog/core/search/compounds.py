"""Compound words split into the words they are made of, so that a query finds the compounds its word
is part of: "inddragelse" finds "borgerinddragelse", "have" finds "fælleshave".

Danish (like Swedish and Norwegian) writes compounds as one word, often with a linking s or e
("arbejdsplads", "børnehave"). A word is split where its tail is a word the catalogue uses on its own
(or a stop word: "have" is one) of at least MIN_TAIL letters, and its head is such a word of at least
MIN_HEAD letters (not a stop word: "for" in "forældre" is a prefix), the same with a linking s or e, or
itself a compound. A tail the catalogue never uses alone counts too where the head is a word of at least
LINKED_HEAD letters and a linking s, and the tail has at least LINKED_TAIL letters: the s marks the seam
("besøgsvenner" is "besøg" + s + "venner").
Only words from the catalogue count, so a split is never a guess from a dictionary the editors did
not write. The parts are returned as index terms (stemmed); the first part needs nothing, since a
query's prefix finds it.
A word these rules do not split may still end with a word the catalogue never uses alone
("busstoppested", "kommunaldirektør"): its ends are every tail of ENDS_TAIL letters or more after its
first MIN_HEAD, a guess each, so they are not parts (they find nothing of their own) but a way in for a
query word that finds nothing else (postings.py, the index's ends).
"""

from __future__ import annotations

from collections.abc import Iterable

from .analyser import Analyser

MIN_HEAD = 3
MIN_TAIL = 4
LINKS = ("s", "e")
LINKED_HEAD = 4
LINKED_TAIL = 5
ENDS_TAIL = 5
VOWELS = frozenset("aeiouyæøåäöé")


class Compounds:
    def __init__(self, words: Iterable[str], analyser: Analyser) -> None:
        stopwords = analyser.analysis.stopwords
        self.known = {w for w in words if len(w) >= MIN_HEAD and w.isalpha()} | {
            w for w in stopwords if len(w) >= MIN_TAIL
        }
        self.stopwords = stopwords
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

    def ends(self, word: str) -> tuple[str, ...]:
        """The index terms of a word's ends, where no known word splits it; () for any other word."""
        if not word.isalpha() or len(word) < MIN_HEAD + ENDS_TAIL or self.parts(word):
            return ()
        own = self.analyser.term(word)
        tails = (word[cut:] for cut in range(MIN_HEAD, len(word) - ENDS_TAIL + 1))
        stems = (self.analyser.stem(tail) for tail in tails if any(letter in VOWELS for letter in tail))
        return tuple(dict.fromkeys(stem for stem in stems if stem != own and len(stem) >= MIN_HEAD))

    def _tails(self, word: str) -> tuple[str, ...]:
        """Every known word a compound ends with or has in its middle, longest first; where there is
        none, the tails after a known word and a linking s."""
        kept = self.tails.get(word)
        if kept is not None:
            return kept
        self.tails[word] = ()  # no cycles (a word is never its own head, but be safe)
        tails: list[str] = []
        linked: list[str] = []  # used only where no known tail splits the word
        if len(word) >= MIN_HEAD + MIN_TAIL and word.isalpha():
            for cut in range(MIN_HEAD, len(word) - MIN_TAIL + 1):
                tail = word[cut:]
                head = word[:cut]
                if tail not in self.known:
                    if self._linked(head, tail):
                        linked.append(tail)
                    continue
                inner = self._head(head)
                if inner is not None:
                    tails.append(tail)
                    tails.extend(inner)
        result = tuple(dict.fromkeys(tails or linked))
        self.tails[word] = result
        return result

    def _linked(self, head: str, tail: str) -> bool:
        """A known word and a linking s before a tail the catalogue does not use alone."""
        return (
            len(tail) >= LINKED_TAIL
            and head.endswith("s")
            and len(head) > LINKED_HEAD
            and head[:-1] in self.known
            and any(letter in VOWELS for letter in tail)
        )

    def _head(self, head: str) -> tuple[str, ...] | None:
        """None if head is neither a word nor a compound; else the parts inside it (after its first)."""
        for candidate in (head, head[:-1] if len(head) > MIN_HEAD and head[-1] in LINKS else ""):
            # A stop word in front is a prefix, not a word: "forældre" is no "ældre", "opgave" no "gave".
            if not candidate or candidate in self.stopwords:
                continue
            inner = self._tails(candidate)
            if inner or candidate in self.known:
                return inner
        return None
