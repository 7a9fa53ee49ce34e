"""A lunr index in a compact form, and back: what the browser downloads is half the size.

lunr's serialization stores every (term, field, document) twice, once as a posting in the
inverted index and once in the document's field vector. The compact form keeps the field
vectors only, with term numbers as differences and scores as hundredths, and the browser
expands it to lunr's own format before `lunr.Index.load`: nothing is tokenised, stemmed or
scored there. `expand` is the Python twin of the worker's decoder, so tests can check both.
"""

from __future__ import annotations

from typing import Any

SCALE = 100


def compact(serialized: dict[str, Any], refs: list[str]) -> dict[str, Any]:
    """serialized: lunr's Index.serialize(); refs: every document's ref, in order."""
    inverted = serialized["invertedIndex"]
    # Number terms by their sorted position, so the inverted index needs no numbers of its own.
    renumber = {posting["_index"]: position for position, (_, posting) in enumerate(inverted)}
    fields: list[str] = serialized["fields"]
    by_ref = {ref: number for number, ref in enumerate(refs)}
    vectors: dict[str, list[list[int]]] = {name: [[] for _ in refs] for name in fields}
    for field_ref, vector in serialized["fieldVectors"]:
        name, _, ref = field_ref.partition("/")
        pairs = sorted((renumber[vector[i]], vector[i + 1]) for i in range(0, len(vector), 2))
        flat: list[int] = []
        previous = 0
        for term, score in pairs:
            flat += [term - previous, round(score * SCALE)]
            previous = term
        vectors[name][by_ref[ref]] = flat
    return {
        "version": serialized["version"],
        "fields": fields,
        "pipeline": serialized["pipeline"],
        "terms": [term for term, _ in inverted],
        "refs": refs,
        "vectors": [vectors[name] for name in fields],
    }


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """lunr's serialized index from the compact form (as the browser's worker does it)."""
    fields: list[str] = data["fields"]
    terms: list[str] = data["terms"]
    postings: list[dict[str, Any]] = [{"_index": i, **{name: {} for name in fields}} for i in range(len(terms))]
    field_vectors = []
    for name, vectors in zip(fields, data["vectors"], strict=True):
        for ref, flat in zip(data["refs"], vectors, strict=True):
            vector: list[float] = []
            term = 0
            for i in range(0, len(flat), 2):
                term += flat[i]
                vector += [term, flat[i + 1] / SCALE]
                postings[term][name][ref] = {}
            field_vectors.append([f"{name}/{ref}", vector])
    return {
        "version": data["version"],
        "fields": fields,
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, postings[i]] for i, term in enumerate(terms)],
        "pipeline": data["pipeline"],
    }
