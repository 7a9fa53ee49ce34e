"""The search index in pieces, so that a browser downloads what a query needs and nothing else.

Files, all under katalog/search/ and all named by a hash of their content (a host may cache them for ever):

    index.<hash>.json   the first file, small whatever the catalogue's size:
        {"format": 4, "lang": "da", "stopwords": [...], "count": number of documents,
         "shards": [[first term, "t/<hash>.json"], ...]   sorted by first term: a term is in the shard
                                                          with the greatest first term <= the term
         "rows": "r<hash>/", "rowSize": ROW_SIZE,          folder of the result rows, ROW_SIZE a file
         "passages": "c<hash>/",                           folder of the passages, one file per document
         "facets": "facets.<hash>.json",
         "types": [[key, label], ...],
         "filters": [{"name", "label", "keys": [...], "terms": [labels]}, ...]}
    t/<hash>.json       a shard: {"t": [terms, sorted], "p": [postings of each term], "x": [[i, n, tail], ...],
                                  "r": [[document number, *its result row], ...]}
        postings: [document number difference, score, ...]: the documents (numbers ascending, each as
        the difference to the one before) that hold the term, each with its score in tenths.
        "x" (when any): the terms with more than HEAD documents. Such a term's postings in the shard
        are its HEAD best documents (by score, then number), n is its number of documents, and the
        file tail ("t/<hash>.json", the same encoding) holds the others. A query of one word shows
        its first results from the heads alone (no document outside a head can score above the
        lowest score in it); a common word's whole list, which grows with the catalogue, is
        fetched after them, or before where the heads cannot tell (more words, "-word", filters).
        "r": the result rows (as in the row files) of each term's ROWS_INLINE best documents. The
        first results of a query of one word are among them (its score in a document is its best
        term's there), so they show without waiting for a row file.
    r<hash>/<k>.json    what a result list shows of documents k * ROW_SIZE to (k + 1) * ROW_SIZE - 1:
        [[title, URL from the site's root, type and places, summary, 1 if it has passages else 0], ...]
    c<hash>/<n>.json    the passages of document n, fetched for the results shown only, after their rows:
        [[heading, anchor, text], ...]
    facets.<hash>.json  for filters and their counts: {"type": [type number of each document, -1 for a
        page], "v": {vocabulary: [[term numbers] of each document]}}; fetched after the first result.

Terms are made as lunr makes them (split on white space and hyphens, lower-cased, trimmed, stop words
dropped, Snowball-stemmed; the browser stems with lunr-languages). Sorted by their UTF-16 code units,
as JavaScript compares strings.

A score is lunr's BM25 (k1 1.2, b 0.75) per field, times the field's boost, summed over the fields,
without the idf: the browser multiplies by the idf (lunr's formula) from the number of postings.
A compound's parts are terms too: "borgerinddragelse" is also counted, at PART_WEIGHT, under
"inddragels" (the stem of "inddragelse"), when "borger" and "inddragelse" are words the catalogue
uses on their own (see compounds.py). So a query finds the compounds its word is part of, below the
documents that use the word itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .analyser import Analyser
from .compounds import Compounds
from .language import analysis_for

FORMAT = 5
K1, B = 1.2, 0.75  # lunr's
PART_WEIGHT = 0.4
SHARD_CHARS = 48_000  # JSON characters of postings and rows per shard (a term with more has one of its own)
HEAD = 500  # postings of a term in its shard; a term in more documents has the rest in a file of its own
SCALE = 10
# Result rows per file. Results of a big catalogue seldom share a file, so a list of 20 needs about
# 20 files: small ones (32 rows a file made 6.7 KB gzip per result at 10,000 entries).
ROW_SIZE = 8
# Rows of each term's best documents in its shard: as many as the search box shows first (its EARLY).
ROWS_INLINE = 5


@dataclass(frozen=True)
class IndexDocument:
    """What the index needs of a document: its fields' texts (by FIELDS' names), what its result shows."""

    fields: tuple[tuple[str, str], ...]
    result: dict[str, Any]  # {"t": title, "u": URL, "i": info, "s": summary, "c": passages}
    type_number: int
    facets: tuple[tuple[int, ...], ...]  # per filter vocabulary: term numbers


@dataclass(frozen=True)
class IndexFiles:
    meta_name: str  # katalog/search/index.<hash>.json
    files: dict[str, str]  # path under the site's root -> text, the meta file included

    def __len__(self) -> int:
        return len(self.files)


def utf16_key(text: str) -> bytes:
    return text.encode("utf-16-be")


def compact_json(data: object) -> str:
    """JSON with <, > and & escaped, so no editor's text is ever markup, wherever the file is read."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def build_index_files(
    language: str,
    field_boosts: Sequence[tuple[str, float]],
    documents: Sequence[IndexDocument],
    labels: dict[str, Any],
) -> IndexFiles:
    """labels: {"types": [[key, label]], "filters": [{name, label, keys, terms}]} for the meta file."""
    analysis = analysis_for(language)
    analyser = Analyser(analysis)
    boosts = dict(field_boosts)
    names = [name for name, _ in field_boosts]
    # Words of every field of every document, counted once: the compounds need the whole vocabulary
    # first, and a document repeats its words (the loops below see each once).
    words_of = [
        [(name, analyser.counts(text)) for name, text in document.fields if name in boosts] for document in documents
    ]
    vocabulary: set[str] = set()
    for fields in words_of:
        for _, words in fields:
            vocabulary.update(words)
    compounds = Compounds(vocabulary, analyser)
    term_of = {word: analyser.term(word) for word in vocabulary}
    parts_of = {word: parts for word in vocabulary if (parts := compounds.parts(word))}
    # What each word counts for: its term (None for a stop word) and its compound's parts.
    counts_for: dict[str, tuple[tuple[str, float], ...]] = {
        word: ((term, 1.0),) if (term := term_of[word]) is not None else () for word in vocabulary
    }
    for word, parts in parts_of.items():
        counts_for[word] += tuple((part, PART_WEIGHT) for part in parts)
    # Each field's length (its words that are terms), and the average per field.
    is_term = {word: int(term is not None) for word, term in term_of.items()}
    totals = dict.fromkeys(names, 0)
    lengths: list[list[int]] = []
    for fields in words_of:
        field_lengths = []
        for name, words in fields:
            length = sum(map(operator.mul, map(is_term.__getitem__, words), words.values()))
            if any(map(counts_for.__getitem__, words)):
                totals[name] += length
            field_lengths.append(length)
        lengths.append(field_lengths)
    count = max(len(documents), 1)
    average = {name: (totals[name] / count) or 1.0 for name in names}
    # Per term: the numbers of its documents, ascending, and its score in each (two lists, not pairs:
    # a big catalogue has millions of postings).
    postings: dict[str, tuple[list[int], list[float]]] = {}
    for number, (fields, field_lengths) in enumerate(zip(words_of, lengths, strict=True)):
        scores: dict[str, float] = {}
        for (name, words), length in zip(fields, field_lengths, strict=True):
            counts: dict[str, float] = {}
            for word, times in words.items():
                for term, weight in counts_for[word]:
                    counts[term] = counts.get(term, 0) + weight * times
            norm = K1 * (1 - B + B * length / average[name])
            factor = boosts[name] * (K1 + 1)
            for term, tf in counts.items():
                scores[term] = scores.get(term, 0.0) + factor * tf / (tf + norm)
        for term, score in scores.items():
            found = postings.get(term)
            if found is None:
                postings[term] = ([number], [score])
            else:
                found[0].append(number)
                found[1].append(score)
    files: dict[str, str] = {}
    rows = _rows(documents)
    shards = _shards(postings, rows, files)
    rows_folder, passages_folder, facets_name = _results(documents, rows, files)
    meta = {
        "format": FORMAT,
        "lang": analysis.lunr_code,
        "stopwords": sorted(analysis.stopwords),
        "count": len(documents),
        "shards": shards,
        "rows": rows_folder,
        "rowSize": ROW_SIZE,
        "passages": passages_folder,
        "facets": facets_name,
        "types": labels.get("types", []),
        "filters": labels.get("filters", []),
    }
    text = compact_json(meta)
    meta_name = f"katalog/search/index.{_digest(text)}.json"
    files[meta_name] = text
    return IndexFiles(meta_name, files)


def _tenths(scores: list[float]) -> list[int]:
    """Scores as the index writes them: in tenths, at least 1 (a posting's score is above 0)."""
    return [tenths or 1 for tenths in map(round, map(functools.partial(operator.mul, SCALE), scores))]


def _encode(numbers: list[int], tenths: list[int]) -> str:
    """The postings' JSON array: [number difference, score in tenths, ...] (written at once: a big
    catalogue has millions of postings)."""
    flat: list[int] = [0] * (2 * len(numbers))
    flat[0::2] = list(map(operator.sub, numbers, [0, *numbers]))
    flat[1::2] = tenths
    return "[" + ",".join(map(str, flat)) + "]"


def _best(tenths: list[int]) -> list[int]:
    """Positions in a postings list by score, best first, then by number, as the browser ranks them
    (a stable sort keeps equal scores in number order, reversed or not)."""
    return sorted(range(len(tenths)), key=tenths.__getitem__, reverse=True)


def _head_and_tail(numbers: list[int], tenths: list[int], best: list[int]) -> tuple[str, str]:
    """A long postings list as its HEAD best documents and the others, each encoded."""
    head, tail = sorted(best[:HEAD]), sorted(best[HEAD:])
    return (
        _encode([numbers[i] for i in head], [tenths[i] for i in head]),
        _encode([numbers[i] for i in tail], [tenths[i] for i in tail]),
    )


def _shards(
    postings: dict[str, tuple[list[int], list[float]]], rows: list[str], files: dict[str, str]
) -> list[list[str]]:
    shards: list[list[str]] = []
    terms: list[str] = []
    lists: list[str] = []
    tails: list[list[Any]] = []
    inline: set[int] = set()
    size = 0

    def close() -> None:
        nonlocal terms, lists, tails, inline, size
        if not terms:
            return
        shard: dict[str, Any] = {"t": terms, "p": "\0"}
        if tails:
            shard["x"] = tails
        text = compact_json(shard).replace('"\\u0000"', "[" + ",".join(lists) + "]")
        # The rows after the postings are in: an editor's text is never taken for the placeholder.
        inline_rows = ",".join(f"[{number},{rows[number][1:]}" for number in sorted(inline))  # [number, *row]
        text = text[:-1] + ',"r":[' + inline_rows + "]}"
        name = f"t/{_digest(text)}.json"
        files[f"katalog/search/{name}"] = text
        shards.append([terms[0], name])
        terms, lists, tails, inline, size = [], [], [], set(), 0

    def new_rows_chars(numbers: list[int]) -> int:
        """What the rows of these documents add to the shard being filled (a row is in it once)."""
        return sum(len(rows[n]) + 8 for n in numbers if n not in inline)

    for term in sorted(postings, key=utf16_key):
        numbers, scores = postings[term]
        tenths = _tenths(scores)
        best = _best(tenths)
        if len(numbers) > HEAD:
            encoded, rest = _head_and_tail(numbers, tenths, best)
            tail = f"t/{_digest(rest)}.json"
            files[f"katalog/search/{tail}"] = rest
        else:
            encoded, tail = _encode(numbers, tenths), ""
        first = [numbers[i] for i in best[:ROWS_INLINE]]
        if size and size + len(encoded) + new_rows_chars(first) > SHARD_CHARS:
            close()
        if tail:
            tails.append([len(terms), len(numbers), tail])
        terms.append(term)
        lists.append(encoded)
        size += len(encoded) + len(term) + 4 + new_rows_chars(first)
        inline.update(first)
    close()
    return shards


def _rows(documents: Sequence[IndexDocument]) -> list[str]:
    """Each document's result row as JSON, written once for the row files and the shards: [title, URL
    from the site's root, type and places, summary, 1 if it has passages else 0]."""
    results = (document.result for document in documents)
    return [compact_json([r["t"], r["u"], r["i"], r["s"], 1 if r["c"] else 0]) for r in results]


def _results(documents: Sequence[IndexDocument], rows: list[str], files: dict[str, str]) -> tuple[str, str, str]:
    chunks = ["[" + ",".join(rows[start : start + ROW_SIZE]) + "]" for start in range(0, len(rows), ROW_SIZE)]
    rows_folder = "r" + _digest("\n".join(chunks)) + "/"
    for number, text in enumerate(chunks):
        files[f"katalog/search/{rows_folder}{number}.json"] = text
    passages = {number: compact_json(d.result["c"]) for number, d in enumerate(documents) if d.result["c"]}
    passages_folder = "c" + _digest("\n".join(f"{n} {text}" for n, text in passages.items())) + "/"
    for number, text in passages.items():
        files[f"katalog/search/{passages_folder}{number}.json"] = text
    vocabularies = len(documents[0].facets) if documents else 0
    facets = {
        "type": [document.type_number for document in documents],
        "v": [[list(document.facets[v]) for document in documents] for v in range(vocabularies)],
    }
    text = compact_json(facets)
    name = f"facets.{_digest(text)}.json"
    files[f"katalog/search/{name}"] = text
    return rows_folder, passages_folder, name
