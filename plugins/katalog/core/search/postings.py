"""Each term's postings: the documents that hold it and its score in each, as index.py writes them.

A score is lunr's BM25 (k1 1.2, b 0.75) per field, times the field's boost, summed over the fields,
without the idf (the browser multiplies by it, from the number of postings), in tenths.
A compound's parts are terms too: "borgerinddragelse" is also counted, at PART_WEIGHT, under
"inddragels" (the stem of "inddragelse"), when "borger" and "inddragelse" are words the catalogue
uses on their own (see compounds.py). So a query finds the compounds its word is part of, below the
documents that use the word itself.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from .analyser import Analyser
from .compounds import Compounds
from .language import trim

K1, B = 1.2, 0.75  # lunr's
PART_WEIGHT = 0.4
SCALE = 10

Fields = Sequence[tuple[str, str]]  # (field name, text)


def score_postings(
    analyser: Analyser, field_boosts: Sequence[tuple[str, float]], documents: Sequence[Fields]
) -> dict[str, list[int]]:
    """Per term: its documents' numbers, ascending, each followed by its score there in tenths (one flat
    list, not pairs: a big catalogue has millions of postings)."""
    boosts = dict(field_boosts)
    # The tokens of every field of every document, counted once: the compounds need the whole
    # vocabulary first, and a text repeats its tokens (the loops below see each once).
    tokens_of = [[(name, analyser.tokens(text)) for name, text in fields if name in boosts] for fields in documents]
    words = _Words(analyser, tokens_of)
    lengths, average = _lengths(words, tokens_of, [name for name, _ in field_boosts])
    postings: dict[str, list[int]] = {}
    for number, (fields, field_lengths) in enumerate(zip(tokens_of, lengths, strict=True)):
        scores: dict[str, float] = {}
        for (name, tokens), length in zip(fields, field_lengths, strict=True):
            counts = words.term_counts(tokens)
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
    return postings


class _Words:
    """What each token counts for: its word's term at weight 1 (none for a stop word or a token of
    punctuation only), and a compound's parts at PART_WEIGHT."""

    def __init__(self, analyser: Analyser, tokens_of: list[list[tuple[str, dict[str, int]]]]) -> None:
        tokens: set[str] = set()
        for fields in tokens_of:
            for _, counted in fields:
                tokens.update(counted)
        word_of = {token: trim(token) for token in tokens}
        vocabulary = set(word_of.values())
        vocabulary.discard("")
        compounds = Compounds(vocabulary, analyser)
        self.term_of = {token: analyser.term(word) if word else None for token, word in word_of.items()}
        self.parts_of = {token: parts for token, word in word_of.items() if word and (parts := compounds.parts(word))}
        self.compounds = set(self.parts_of)
        self.counts_any = {token: self.term_of[token] is not None or token in self.compounds for token in tokens}

    def term_counts(self, tokens: dict[str, int]) -> dict[str, float]:
        """How often each term occurs in a field's tokens, a compound's parts at PART_WEIGHT."""
        counts: dict[str | None, float] = {}
        term_of = self.term_of
        for token, times in tokens.items():
            term = term_of[token]
            counts[term] = counts.get(term, 0) + times
        counts.pop(None, None)  # stop words
        for token in self.compounds.intersection(tokens):  # few: a set's walk in C finds them
            times = tokens[token]
            for part in self.parts_of[token]:
                counts[part] = counts.get(part, 0) + PART_WEIGHT * times
        return counts  # type: ignore[return-value]


def _lengths(
    words: _Words, tokens_of: list[list[tuple[str, dict[str, int]]]], names: list[str]
) -> tuple[list[list[int]], dict[str, float]]:
    """Each field's length (its tokens that are terms), and the average length per field name."""
    is_term = {token: int(term is not None) for token, term in words.term_of.items()}
    totals = dict.fromkeys(names, 0)
    lengths: list[list[int]] = []
    for fields in tokens_of:
        field_lengths = []
        for name, tokens in fields:
            length = sum(map(operator.mul, map(is_term.__getitem__, tokens), tokens.values()))
            if any(map(words.counts_any.__getitem__, tokens)):
                totals[name] += length
            field_lengths.append(length)
        lengths.append(field_lengths)
    count = max(len(tokens_of), 1)
    return lengths, {name: (totals[name] / count) or 1.0 for name in names}
