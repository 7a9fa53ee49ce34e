"""What the search knows of each page: its fields' texts, its passages, what its result shows; and the
overviews' data file. The index itself is made in index.py."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..config.schema import Field
from ..entries import Entry
from ..link.taxonomy import CATALOGUE_FILTERS, PLACES
from ..slugs import heading_slug
from .index import IndexDocument, IndexFiles, build_index_files
from .index import compact_json as compact_json  # listing_data.py's too
from .labels import keyword_line, term_lines
from .plaintext import sections

# (field, boost): lunr's field boosts. Every word of each is indexed, at any catalogue size.
FIELDS = (
    ("title", 10),
    ("summary", 4),
    ("keywords", 4),
    ("terms", 3),
    ("contacts", 4),
    ("people", 2),
    ("details", 2),
    ("aliases", 1),
    ("body", 1),
)
# Where two words one after the other are a phrase worth more than the words apart: short texts that
# name things (a title, a keyword, a term's name, a role), not prose.
PHRASE_FIELDS = frozenset({"title", "keywords", "terms", "contacts", "people"})
# Between a field's values: punctuation alone, which ends a phrase (postings.py).
VALUES_APART = " · "
SUMMARY_CHARS = 110
_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
# Kinds of value that are not words a person searches for.
_NOT_TEXT = frozenset({"slug", "id", "email", "phone", "url", "date", "partial_date", "image"})
_PEOPLE = frozenset({"name", "role", "by"})  # sub-fields of contacts, interviews and quotes


@dataclass
class SearchDocument:
    title: str
    url: str
    type_name: str  # "" for an ordinary page
    summary: str
    fields: dict[str, str]  # FIELDS' names -> text
    terms: dict[str, list[str]] = field(default_factory=dict)  # vocabulary -> term keys
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # (heading, anchor, text)
    # The entry's vocabulary terms and keywords, for the result to show when nothing else matched: each
    # as "Tema: Ældre" and a term's other words a line each ("seniorer", "Older people"), apart by an
    # empty line.
    labels: str = ""
    info: str = ""  # the result's second line: type and places


def body_sections(markdown: str) -> list[tuple[str, str, str]]:
    """(heading, anchor, text) of a body's parts, anchored as the page's headings are (core.slugs, and
    Python-Markdown's toc numbering a repeated anchor _1, _2)."""
    used: set[str] = set()
    out = []
    for heading, text in sections(markdown):
        anchor = ""
        if heading:
            anchor = base = heading_slug(heading)
            number = 0
            while anchor in used:
                number += 1
                anchor = f"{base}_{number}"
            used.add(anchor)
        out.append((heading, anchor, text))
    return out


def entry_document(catalogue: Catalogue, entry: Entry, url: str) -> SearchDocument:
    config = catalogue.config
    pick = config.tr.pick
    entry_type = config.schema.types[entry.type]
    full = config.settings.contacts == "full"
    texts: dict[str, list[str]] = {name: [] for name, _ in FIELDS}
    terms: dict[str, list[str]] = {}
    shown: list[tuple[str, str, str]] = []
    labelled: list[str] = []  # the entry's terms and keywords, as the result may show them (labels)

    def add_terms(schema_field: Field, values: list[Any]) -> None:
        vocabulary = config.vocabularies.get(schema_field.vocabulary or "")
        for value in values:
            term = vocabulary.terms.get(str(value)) if vocabulary else None
            if vocabulary and term is not None:
                own = pick(term.label, str(value))
                texts["terms"].append(own)
                texts["aliases"].extend([*(label for label in term.label.values() if label != own), *term.synonyms])
                lines = term_lines(config.tr, vocabulary, term)
                if lines not in labelled:
                    labelled.append(lines)

    for name, value in entry.data.items():
        schema_field = entry_type.fields.get(name)
        if schema_field is None or name in ("title", "summary") or schema_field.kind in _NOT_TEXT:
            continue
        values = value if isinstance(value, list) else [value]
        if schema_field.kind == "term":
            if schema_field.vocabulary:
                terms.setdefault(schema_field.vocabulary, []).extend(str(v) for v in values)
            add_terms(schema_field, values)
        elif schema_field.kind == "keyword":
            texts["keywords"].extend(str(v) for v in values)
            lines = (keyword_line(config.tr, pick(schema_field.label, name), v) for v in values)
            labelled.extend(line for line in dict.fromkeys(lines) if line not in labelled)  # listed twice: once
        elif schema_field.kind == "object":
            said = []
            for item in values:
                if not isinstance(item, dict):
                    continue
                for key, sub in item.items():
                    sub_field = schema_field.fields.get(key)
                    if sub_field is None or sub_field.kind in _NOT_TEXT or (sub_field.personal and not full):
                        continue
                    subs = sub if isinstance(sub, list) else [sub]
                    if sub_field.kind == "term":
                        add_terms(sub_field, subs)
                    else:
                        words = [str(s) for s in subs if s is not None]
                        people = "contacts" if schema_field.display == "contact" else "people"
                        texts[people if key in _PEOPLE else "details"].extend(words)
                        said.extend(words)
            if said and schema_field.many:
                label = pick(schema_field.label, name)
                shown.append((label, heading_slug(label), " · ".join(said)))
        elif value is not None:
            words = [str(v) for v in values]
            texts["details"].extend(words)
            if schema_field.many and len(words) > 1:
                label = pick(schema_field.label, name)
                shown.append((label, heading_slug(label), " · ".join(words)))
    body = body_sections(entry.body)
    type_label = pick(entry_type.label, entry.type)
    places = config.vocabularies.get(PLACES)
    where = [pick(places.terms[k].label, k) for k in terms.get(PLACES, []) if places and k in places.terms]
    return SearchDocument(
        title=entry.title,
        url=url,
        type_name=entry.type,
        summary=entry.summary,
        fields={
            "title": entry.title,
            "summary": entry.summary,
            **{name: VALUES_APART.join(parts) for name, parts in texts.items() if parts},
            "body": " ".join(f"{heading} {text}" for heading, _, text in body),
        },
        terms=terms,
        sections=[*body, *shown],
        labels="\n\n".join(labelled),
        info=" · ".join(part for part in (type_label, ", ".join(where)) if part),
    )


def page_document(title: str, url: str, parts: list[tuple[str, str, str]]) -> SearchDocument:
    """An ordinary page's document from its parts: (heading, anchor, text), as body_sections makes them."""
    text = " ".join(part[2] for part in parts)
    return SearchDocument(
        title=title,
        url=url,
        type_name="",
        summary=_shorten(text, SUMMARY_CHARS),
        fields={"title": title, "body": " ".join(f"{h} {t}" for h, _, t in parts)},
        sections=parts,
    )


def ordinary_pages(catalogue: Catalogue) -> Iterable[tuple[str, str, str]]:
    """(path, title, Markdown body) of every page in content/ that is not an entry."""
    for page in catalogue.pages:
        heading = _HEADING.search(page.body)
        title = page.title or (heading.group(1).strip() if heading else page.path.rsplit("/", 1)[-1][:-3])
        yield page.path, title, page.body


def index_labels(catalogue: Catalogue) -> dict[str, Any]:
    """The type and filter labels the index's first file carries (index.py build_index_files)."""
    config = catalogue.config
    pick = config.tr.pick
    filters = []
    for name in CATALOGUE_FILTERS:
        vocabulary = config.vocabularies.get(name)
        if vocabulary is None:
            continue
        keys = list(vocabulary.terms)
        filters.append(
            {
                "name": name,
                "label": pick(vocabulary.label, name),
                "keys": keys,
                "terms": [pick(vocabulary.terms[k].label, k) for k in keys],
            }
        )
    return {"types": [[t, pick(config.schema.types[t].label, t)] for t in config.schema.types], "filters": filters}


def index_documents(documents: list[SearchDocument], labels: dict[str, Any]) -> list[IndexDocument]:
    types = [key for key, _ in labels["types"]]
    positions = [{key: i for i, key in enumerate(f["keys"])} for f in labels["filters"]]
    out = []
    for d in documents:
        result: dict[str, Any] = {"t": d.title, "u": d.url, "i": d.info, "s": _shorten(d.summary, 400)}
        result["c"] = [list(section) for section in d.sections if section[2]]
        if d.labels:  # last, marked: shown only where no other part of the page matched
            result["c"].append(["", "", d.labels, 1])
        facets = tuple(
            tuple(sorted({positions[v][k] for k in d.terms.get(f["name"], []) if k in positions[v]}))
            for v, f in enumerate(labels["filters"])
        )
        fields = tuple((name, d.fields[name]) for name, _ in FIELDS if d.fields.get(name))
        out.append(IndexDocument(fields, result, types.index(d.type_name) if d.type_name in types else -1, facets))
    return out


def search_index(language: str, documents: list[SearchDocument], labels: dict[str, Any]) -> IndexFiles:
    """Every file of the search index (index.py), from the site's language alone: runs in another
    process without the catalogue."""
    return build_index_files(language, FIELDS, index_documents(documents, labels), labels, PHRASE_FIELDS)


def docs_file(catalogue: Catalogue, documents: list[SearchDocument]) -> tuple[str, str]:
    """(content-hashed file name, JSON) of what results and overview filters show, in compact arrays.

    The overview pages filter it; the search has files of its own (index.py). Its format,
    katalog/data/docs.<hash>.json, is written down once: the DocsFile type in assets/katalog-filter.js,
    the script that reads it (tests/test_listings.py checks the file against it).
    """
    config = catalogue.config
    tr = config.tr
    types = list(config.schema.types)
    vocabularies = sorted({name for document in documents for name in document.terms})
    keys = {name: list(config.vocabularies[name].terms) for name in vocabularies}
    positions = {name: {key: index for index, key in enumerate(keys[name])} for name in vocabularies}
    prefixes = _url_prefixes(documents)
    rows = [
        [
            document.title,
            _url_parts(document.url, prefixes),
            types.index(document.type_name) if document.type_name in types else -1,
            _shorten(document.summary, SUMMARY_CHARS),
            [[positions[name][key] for key in document.terms.get(name, [])] for name in vocabularies],
        ]
        for document in documents
    ]
    data = {
        "types": [[t, tr.pick(config.schema.types[t].label, t)] for t in types],
        # A URL is a prefix (by number) and the rest: the prefixes repeat for every entry.
        "prefixes": prefixes,
        "vocabularies": [
            {
                "name": name,
                "label": tr.pick(config.vocabularies[name].label, name),
                "filter": name in CATALOGUE_FILTERS,
                "keys": keys[name],
                "terms": [tr.pick(config.vocabularies[name].terms[k].label, k) for k in keys[name]],
            }
            for name in vocabularies
        ],
        "places": PLACES,  # the vocabulary overviews sort by place
        "docs": rows,
    }
    return _hashed("katalog/data/docs", compact_json(data))


def _hashed(stem: str, text: str) -> tuple[str, str]:
    return f"{stem}.{hashlib.sha256(text.encode()).hexdigest()[:12]}.json", text


def _url_head(url: str) -> str:
    """The folder a page's URL is in: "cases/" for "cases/x/", "" for "vejledning/" and the front page."""
    folder = url.rstrip("/").rpartition("/")[0]
    return folder + "/" if folder else ""


def _url_prefixes(documents: list[SearchDocument]) -> list[str]:
    return sorted({_url_head(document.url) for document in documents})


def _url_parts(url: str, prefixes: list[str]) -> list[int | str] | str:
    head = _url_head(url)
    return [prefixes.index(head), url[len(head) :]] if head in prefixes else url


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
