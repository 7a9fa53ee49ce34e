"""Build the search index file: a serialized lunr index plus what a result shows, in compact arrays."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as porter_stemmer
from lunr.token import Token

from ..catalogue import Catalogue
from ..entries import Entry
from .language import Analysis, analysis_for, trim
from .plaintext import first_words, plain_text

FIELDS = (("title", 10), ("summary", 4), ("terms", 3), ("keywords", 3), ("learnings", 2), ("body", 1))
SUMMARY_CHARS = 160
FACETS = ("municipalities", "themes")
SEARCH_PIPELINE_LABEL = "katalog-stemmer"
# lunr.js splits on this too (lunr.tokenizer.separator).
_SEPARATOR = re.compile(r"[\s\-]+")
_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


@dataclass
class SearchDocument:
    title: str
    url: str
    type_name: str  # "" for an ordinary page
    summary: str
    fields: dict[str, str]
    facets: dict[str, list[str]] = field(default_factory=dict)
    places: str = ""


class _Analyser:
    """Index terms from text exactly as lunr.js would make them: split on whitespace and hyphens,
    lower-case, trim, drop stop words, stem. Each word's result is remembered: a catalogue
    repeats its words, and stemming was otherwise the build's costliest step."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.porter = analysis.lunr_code == "en"
        self.known: dict[str, str | None] = {}

    def term(self, word: str) -> str | None:
        if word in self.known:
            return self.known[word]
        trimmed = trim(word)
        result: str | None
        if not trimmed or trimmed in self.analysis.stopwords:
            result = None
        elif self.porter:
            result = str(porter_stemmer(Token(trimmed)))
        else:
            result = self.analysis.stem(trimmed)
        self.known[word] = result
        return result

    def terms(self, text: str) -> list[str]:
        return [term for word in _SEPARATOR.split(text.lower()) if word and (term := self.term(word))]

    def search_stemmer(self) -> Callable[..., Token]:
        def stemmer(token: Token, *args: Any) -> Token:
            if self.porter:
                stemmed: Token = porter_stemmer(token)
                return stemmed
            token.string = self.analysis.stem(token.string)
            return token

        # As Pipeline.register_function does, without its warning when a rebuild registers again.
        stemmer.label = SEARCH_PIPELINE_LABEL  # type: ignore[attr-defined]
        Pipeline.registered_functions[SEARCH_PIPELINE_LABEL] = stemmer
        return stemmer


def build_index(documents: list[SearchDocument], analysis: Analysis) -> dict[str, Any]:
    analyser = _Analyser(analysis)
    builder = Builder()
    # Documents arrive as lists of finished terms, so the indexing pipeline stays empty.
    builder.search_pipeline.add(analyser.search_stemmer())
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for number, document in enumerate(documents):
        fields = {name: analyser.terms(document.fields.get(name, "")) for name, _ in FIELDS}
        builder.add({"r": _ref(number), **fields})
    serialized: dict[str, Any] = builder.build().serialize()
    return serialized


def _ref(number: int) -> str:
    return format(number, "x")


def entry_document(catalogue: Catalogue, entry: Entry, url: str, body_words: int) -> SearchDocument:
    config = catalogue.config
    tr = config.tr
    entry_type = config.schema.types[entry.type]
    terms: list[str] = []
    keywords: list[str] = []
    learnings: list[str] = []
    facets: dict[str, list[str]] = {}
    for name, value in entry.data.items():
        schema_field = entry_type.fields.get(name)
        if schema_field is None:
            continue
        values = value if isinstance(value, list) else [value]
        if schema_field.kind == "term" and schema_field.vocabulary:
            vocabulary = config.vocabularies[schema_field.vocabulary]
            for key in values:
                term = vocabulary.terms[key]
                terms.extend([tr.pick(term.label, key), *term.synonyms])
            if schema_field.vocabulary in FACETS:
                facets[schema_field.vocabulary] = [str(v) for v in values]
        elif schema_field.kind == "keyword":
            keywords.extend(str(v) for v in values)
        elif name in ("learnings", "offers"):
            learnings.extend(str(v) for v in values)
    places = (
        ", ".join(
            tr.pick(config.vocabularies["municipalities"].terms[k].label, k) for k in facets.get("municipalities", [])
        )
        if "municipalities" in config.vocabularies
        else ""
    )
    return SearchDocument(
        title=entry.title,
        url=url,
        type_name=entry.type,
        summary=entry.summary,
        fields={
            "title": entry.title,
            "summary": entry.summary,
            "terms": " ".join(terms),
            "keywords": " ".join(keywords),
            "learnings": " ".join(learnings),
            "body": first_words(plain_text(entry.body), body_words),
        },
        facets=facets,
        places=places,
    )


def page_document(title: str, url: str, markdown: str, body_words: int) -> SearchDocument:
    text = plain_text(markdown)
    return SearchDocument(
        title=title,
        url=url,
        type_name="",
        summary=first_words(text, 30),
        fields={"title": title, "body": first_words(text, body_words)},
    )


def ordinary_pages(catalogue: Catalogue) -> Iterable[tuple[str, str, str]]:
    """(path, title, Markdown body) of every page in content/ that is not an entry."""
    for page in catalogue.pages:
        heading = _HEADING.search(page.body)
        title = page.title or (heading.group(1).strip() if heading else page.path.rsplit("/", 1)[-1][:-3])
        yield page.path, title, page.body


def body_budget(catalogue: Catalogue, documents: int) -> int:
    """Words of body text per document: the whole body in a small catalogue, a little in a huge one."""
    total = catalogue.config.settings.search_body_words
    return total // max(documents, 1)


def search_file(catalogue: Catalogue, documents: Iterable[SearchDocument]) -> tuple[str, str]:
    """(file name with a content hash, JSON text) of the index and the result data."""
    config = catalogue.config
    tr = config.tr
    analysis = analysis_for(config.language)
    documents = list(documents)
    types = [t.name for t in config.schema.types.values()]
    facet_terms: dict[str, list[str]] = {}
    for name in FACETS:
        vocabulary = config.vocabularies.get(name)
        facet_terms[name] = list(vocabulary.terms) if vocabulary else []
    rows = []
    for document in documents:
        rows.append(
            [
                document.title,
                document.url,
                types.index(document.type_name) if document.type_name in types else -1,
                document.places,
                _shorten(document.summary, SUMMARY_CHARS),
                *[[facet_terms[name].index(key) for key in document.facets.get(name, [])] for name in FACETS],
            ]
        )
    data = {
        "lang": analysis.lunr_code,
        "stopwords": sorted(analysis.stopwords),
        "types": [tr.pick(config.schema.types[t].label, t) for t in types],
        "facets": [
            {
                "label": tr.pick(config.vocabularies[name].label, name),
                "terms": [tr.pick(config.vocabularies[name].terms[k].label, k) for k in facet_terms[name]],
            }
            for name in FACETS
            if name in config.vocabularies
        ],
        "docs": rows,
        "index": build_index(documents, analysis),
    }
    text = compact_json(data)
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    return f"katalog/search/index.{digest}.json", text


def compact_json(data: object) -> str:
    """JSON with <, > and & escaped, so no editor's text is ever markup, wherever the file is read."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
