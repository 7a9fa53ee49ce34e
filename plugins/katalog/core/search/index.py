"""The search index in pieces, so that a browser downloads what a query needs and nothing else.

Files, all under katalog/search/ and all named by a hash of their content (a host may cache them for ever):

    index.<hash>.json   the first file, small whatever the catalogue's size:
        {"format": FORMAT, "lang": "da", "stopwords": [...], "count": number of documents,
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
        the difference to the one before) that hold the term, each with its score in tenths; for an
        end's key ("~stoppested"), the terms of the words that end so instead (postings.py).
        "x" (when any): the terms with more than HEAD documents. Such a term's postings in the shard
        are its HEAD best documents (by score, then number), n is its number of documents, and the
        file tail ("t/<hash>.json", the same encoding) holds the others. A query shows its first
        results from the heads alone where they can tell them (no document outside a head can score
        above the lowest score in it: katalog-search-worker-rank.js, Bounds); a common word's whole
        list, which grows with the catalogue, is fetched after them, or before where the heads
        cannot tell ("-word", filters, or no document's score certain and above every other's).
        "r": the result rows (as in the row files) of each word's ROWS_INLINE best documents (a
        phrase's none: it is never a query of one word). The first results of a query of one word
        are among them (its score in a document is its best term's there), so they show without
        waiting for a row file.
    r<hash>/<k>.json    what a result list shows of documents k * ROW_SIZE to (k + 1) * ROW_SIZE - 1:
        [[title, URL from the site's root, type and places, summary, 1 if it has passages else 0], ...]
    c<hash>/<n>.json    the passages of document n, fetched for the results shown only, after their rows:
        [[heading, anchor, text], ...], and last, for an entry with vocabulary terms or keywords, ["", "",
        "Tema: Ældre\nseniorer\n...\n\nKommune: ...", 1]: those that match shown as the reason a result
        was found, where nothing else of it matched.
    facets.<hash>.json  for filters and their counts: {"type": [type number of each document, -1 for a
        page], "v": {vocabulary: [[term numbers] of each document]}}; fetched after the first result.

Terms are made as lunr makes them (split on white space and hyphens, lower-cased, trimmed, stop words
dropped, Snowball-stemmed; the browser stems with lunr-languages); a phrase's term is " a b", two terms
(postings.py). Sorted by their UTF-16 code units, as JavaScript compares strings.

Scores: see postings.py.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import itertools
import json
import operator
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from .analyser import Analyser
from .language import analysis_for
from .postings import is_phrase, score_postings

FORMAT = 7
SHARD_CHARS = 48_000  # JSON characters of postings and rows per shard (a term with more has one of its own)
# Phrases (" a b") are many and each is fetched alone, beside its words' shards: smaller shards.
PHRASE_SHARD_CHARS = 12_000
HEAD = 500  # postings of a term in its shard; a term in more documents has the rest in a file of its own
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
    phrase_fields: frozenset[str] = frozenset(),
) -> IndexFiles:
    """labels: {"types": [[key, label]], "filters": [{name, label, keys, terms}]} for the meta file;
    phrase_fields: the fields whose pairs of terms are terms too (postings.py)."""
    analysis = analysis_for(language)
    files: dict[str, str] = {}
    with _cycle_collector_paused():
        texts = [document.fields for document in documents]
        ends: dict[str, list[str]] = {}
        postings = score_postings(Analyser(analysis), field_boosts, texts, phrase_fields, ends)
        rows = _rows(documents)
        shards = _shards(postings, ends, rows, files)
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


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """The build makes millions of small objects and no cycles (reference counting frees them), and
    Python's cycle collector, set off again and again by so many new objects, would walk them and the
    whole catalogue in memory each time: a seventh of the build's time at 10,000 entries."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _encode(numbers: list[int], tenths: list[int]) -> str:
    """The postings' JSON array: [number difference, score in tenths, ...] (written at once, the numbers'
    digits looked up: a big catalogue has millions of postings)."""
    flat: list[int] = [0] * (2 * len(numbers))
    flat[0::2] = list(map(operator.sub, numbers, [0, *numbers]))
    flat[1::2] = tenths
    return "[" + ",".join(map(_digits(max(flat, default=0)), flat)) + "]"


@functools.cache
def _digits_below(limit: int) -> list[str]:
    return [str(number) for number in range(limit)]


def _digits(highest: int) -> Callable[[int], str]:
    """What writes the numbers from 0 to highest in decimal: a table (five times faster than str) up
    to a million documents; str beyond."""
    if highest >= 1 << 20:
        return str
    return _digits_below(max(1 << 16, 1 << highest.bit_length())).__getitem__


def _best(tenths: list[int], keep: int) -> list[bool]:
    """Which postings are the `keep` best, by score, then by number, as the browser ranks them (sorts
    of integers and scans in C, not a sort by key: a big catalogue has millions of postings)."""
    if len(tenths) <= keep:
        return [True] * len(tenths)
    lowest = sorted(tenths, reverse=True)[keep - 1]
    best = list(map(lowest.__lt__, tenths))
    ties = itertools.compress(range(len(tenths)), map(lowest.__eq__, tenths))
    for position in itertools.islice(ties, keep - sum(best)):
        best[position] = True
    return best


def _ranked(numbers: list[int], tenths: list[int], keep: int) -> list[int]:
    """The numbers of the `keep` best documents, best first."""
    best = _best(tenths, keep)
    scored = zip(itertools.compress(tenths, best), itertools.compress(numbers, best), strict=True)
    return [number for _, number in sorted(scored, key=operator.itemgetter(0), reverse=True)]


def _head_and_tail(numbers: list[int], tenths: list[int]) -> tuple[str, str]:
    """A long postings list as its HEAD best documents and the others, each encoded."""
    head = _best(tenths, HEAD)
    tail = list(map(operator.not_, head))
    return (
        _encode(list(itertools.compress(numbers, head)), list(itertools.compress(tenths, head))),
        _encode(list(itertools.compress(numbers, tail)), list(itertools.compress(tenths, tail))),
    )


def _shards(
    postings: dict[str, list[int]], ends: dict[str, list[str]], rows: list[str], files: dict[str, str]
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

    for term in sorted(postings.keys() | ends.keys(), key=utf16_key):
        flat = postings.get(term, [])
        numbers, tenths = flat[0::2], flat[1::2]
        if term in ends:  # the terms of the words that end so, in place of postings
            encoded, tail = compact_json(ends[term]), ""
        elif len(numbers) > HEAD:
            encoded, rest = _head_and_tail(numbers, tenths)
            tail = f"t/{_digest(rest)}.json"
            files[f"katalog/search/{tail}"] = rest
        else:
            encoded, tail = _encode(numbers, tenths), ""
        # A phrase (" a b") is never a query of one word, whose first results show from these rows.
        phrase = is_phrase(term)
        first = [] if phrase else _ranked(numbers, tenths, ROWS_INLINE)
        limit = PHRASE_SHARD_CHARS if phrase else SHARD_CHARS
        if size and size + len(encoded) + new_rows_chars(first) > limit:
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
