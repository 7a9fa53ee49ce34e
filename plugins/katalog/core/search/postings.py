"""Each term's postings: the documents that hold it and its score in each, as index.py writes them.

A score is lunr's BM25 (k1 1.2, b 0.75) per field, times the field's boost, summed over the fields,
without the idf (the browser multiplies by it, from the number of postings), in tenths.
A compound's parts are terms too: "borgerinddragelse" is also counted, at PART_WEIGHT, under
"inddragels" (the stem of "inddragelse"), when "borger" and "inddragelse" are words the catalogue
uses on their own (see compounds.py). So a query finds the compounds its word is part of, below the
documents that use the word itself.
In the fields named as phrase fields, each two terms that follow each other (stop words between them
skipped, punctuation alone between them ending a phrase) are a term too, " a b": a query's words in that
order rank a title or a role that holds them so above texts that hold them apart. The space in front
sorts every phrase before the words, so a word's prefix never reaches into the phrases' shards.
A word's ends (compounds.py: the tails of a word no known word splits) lead to it: "~stoppested" lists
the terms of the words that end so ("busstoppested"), without postings of its own; a query word that
finds nothing else looks there (the browser then matches those words' terms).
"""

from __future__ import annotations

import collections
from collections.abc import Container, Iterable, Sequence
from typing import Any, cast

from .analyser import Analyser
from .compounds import Compounds
from .language import trim

K1, B = 1.2, 0.75  # lunr's
PART_WEIGHT = 0.4
SCALE = 10
PHRASE_MARK = " "  # in front of a phrase's term: no word begins so, and it sorts before every word
ENDS_MARK = "~"  # in front of an end's key: no word begins so

Fields = Sequence[tuple[str, str]]  # (field name, text)


def score_postings(
    analyser: Analyser,
    field_boosts: Sequence[tuple[str, float]],
    documents: Sequence[Fields],
    phrase_fields: frozenset[str] = frozenset(),
    ends: dict[str, list[str]] | None = None,
) -> dict[str, list[int]]:
    """Per term: its documents' numbers, ascending, each followed by its score there in tenths (one flat
    list, not pairs: a big catalogue has millions of postings). ends, when given, is filled with each
    end's key and the terms of the words that end so, sorted."""
    boosts = dict(field_boosts)
    texts = [[(name, text) for name, text in fields if name in boosts] for fields in documents]
    # Two passes over the texts: the compounds need the whole vocabulary before any text is counted.
    words = _Words(analyser, (text for fields in texts for _, text in fields))
    counted = [[(name, *words.count(text, name in phrase_fields)) for name, text in fields] for fields in texts]
    average = _average_lengths(counted, [name for name, _ in field_boosts])
    postings: dict[str, list[int]] = {}
    for number, fields in enumerate(counted):
        scores: dict[str, float] = {}
        for name, counts, length in fields:
            norm = K1 * (1 - B + B * length / average[name])
            factor = boosts[name] * (K1 + 1)
            if scores:
                for term, tf in counts.items():
                    scores[term] = scores.get(term, 0.0) + factor * tf / (tf + norm)
            else:
                scores = {term: factor * tf / (tf + norm) for term, tf in counts.items()}
        for term, score in scores.items():
            tenths = round(score * SCALE) or 1  # a posting's score is above 0
            found = postings.get(term)
            if found is None:
                postings[term] = [number, tenths]
            else:
                found += (number, tenths)
    if ends is not None:
        ends.update(words.ends(postings))
    return postings


class _Words:
    """What each token counts for: its word's term (none for a stop word or a token of punctuation
    only), and a compound's parts at PART_WEIGHT. Made from every token of the catalogue first."""

    def __init__(self, analyser: Analyser, texts: Iterable[str]) -> None:
        tokens: set[str] = set()
        for text in texts:
            tokens.update(analyser.tokens(text))
        word_of = {token: trim(token) for token in tokens}
        vocabulary = set(word_of.values())
        vocabulary.discard("")
        compounds = Compounds(vocabulary, analyser)
        self.vocabulary, self.compounds = vocabulary, compounds
        self.analyser = analyser
        self.breaks = {token for token, word in word_of.items() if not word}  # punctuation alone
        # A text's tokens are counted by key, in C: a token's term, or for a compound the token in a
        # tuple (a key no term is), whose term and parts are added after.
        self.key_of: dict[str, str | tuple[str] | None] = {}
        self.compound_of: dict[tuple[str], tuple[str | None, tuple[str, ...]]] = {}
        for token, word in word_of.items():
            term = analyser.term(word) if word else None
            parts = compounds.parts(word) if word else ()
            if parts:
                self.key_of[token] = (token,)
                self.compound_of[(token,)] = (term, parts)
            else:
                self.key_of[token] = term

    def ends(self, indexed: Container[str]) -> dict[str, list[str]]:
        """Each end's key and the indexed terms of the words that end so, sorted (compounds.py ends)."""
        found: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if (own := self.analyser.term(word)) is not None and own in indexed:
                for end in self.compounds.ends(word):
                    found.setdefault(ENDS_MARK + end, set()).add(own)
        return {key: sorted(terms) for key, terms in found.items()}

    def count(self, text: str, phrases: bool = False) -> tuple[dict[str, float], int]:
        """How often each term occurs in a text, a compound's parts at PART_WEIGHT, and with phrases its
        pairs of terms; and the text's length (its tokens that are terms)."""
        tokens = self.analyser.tokens(text)
        counts = cast(dict[Any, float], collections.Counter(map(self.key_of.__getitem__, tokens)))
        length = len(tokens) - counts.pop(None, 0)  # stop words
        # In an order of their own, so that the sums are the same in every build: few a text.
        for key in sorted(self.compound_of.keys() & counts.keys()):
            times = counts.pop(key)
            term, parts = self.compound_of[key]
            if term is None:
                length -= times
            else:
                counts[term] = counts.get(term, 0) + times
            for part in parts:
                counts[part] = counts.get(part, 0) + PART_WEIGHT * times
        if phrases:
            counts.update(self._pairs(tokens))
        return counts, int(length)

    def _pairs(self, tokens: list[str]) -> collections.Counter[str]:
        pairs: collections.Counter[str] = collections.Counter()
        before = None
        for token in tokens:
            key = self.key_of[token]
            term = self.compound_of[key][0] if isinstance(key, tuple) else key
            if term is None:  # a stop word is skipped; punctuation alone ends the phrase
                if token in self.breaks:
                    before = None
                continue
            if before is not None:
                pairs[f"{PHRASE_MARK}{before} {term}"] += 1
            before = term
        return pairs


def _average_lengths(counted: list[list[tuple[str, dict[str, float], int]]], names: list[str]) -> dict[str, float]:
    """The average length of each field over the documents."""
    totals = dict.fromkeys(names, 0)
    for fields in counted:
        for name, _, length in fields:
            totals[name] += length
    count = max(len(counted), 1)
    return {name: (totals[name] / count) or 1.0 for name in names}


def is_phrase(term: str) -> bool:
    return term.startswith(PHRASE_MARK)
