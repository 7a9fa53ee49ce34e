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
from ..taxonomy import CATALOGUE_FILTERS
from ..vocabulary import Term
from .compact import compact
from .language import Analysis, analysis_for, trim
from .plaintext import first_words, plain_text

# Few fields on purpose: lunr stores a vector per field and document, which at 10,000 entries
# made half the index file with six fields. Vocabulary labels and synonyms are not in the lunr
# index at all: every entry's terms travel as small numbers, and the browser matches a typed
# word against each term's words once (see `vocabularies` in the file).
FIELDS = (("title", 10), ("about", 3), ("body", 1))
SUMMARY_CHARS = 110
# Fewer body words per entry than this are noise, not content: leave the body out instead.
MIN_BODY_WORDS = 20
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
    terms: dict[str, list[str]] = field(default_factory=dict)  # vocabulary -> term keys


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
    return compact(serialized, [_ref(number) for number in range(len(documents))])


def _ref(number: int) -> str:
    """The document's position in `docs`, in base 36: short, since every posting repeats it."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def entry_document(catalogue: Catalogue, entry: Entry, url: str, body_words: int) -> SearchDocument:
    config = catalogue.config
    entry_type = config.schema.types[entry.type]
    about = [entry.summary]
    terms: dict[str, list[str]] = {}
    for name, value in entry.data.items():
        schema_field = entry_type.fields.get(name)
        if schema_field is None:
            continue
        values = [str(v) for v in (value if isinstance(value, list) else [value])]
        if schema_field.kind == "term" and schema_field.vocabulary:
            terms.setdefault(schema_field.vocabulary, []).extend(values)
        elif schema_field.kind == "keyword" or name in ("learnings", "offers"):
            about.extend(values)
    return SearchDocument(
        title=entry.title,
        url=url,
        type_name=entry.type,
        summary=entry.summary,
        fields={
            "title": entry.title,
            "about": " ".join(about),
            "body": first_words(plain_text(entry.body), body_words) if body_words > 0 else "",
        },
        terms=terms,
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
    per_document = catalogue.config.settings.search_body_words // max(documents, 1)
    return per_document if per_document >= MIN_BODY_WORDS else 0


def docs_file(catalogue: Catalogue, documents: list[SearchDocument]) -> tuple[str, str]:
    """(content-hashed file name, JSON) of what results and overview filters show, in compact arrays.

    One file serves both: the overview pages filter it, the search ranks it with the index file."""
    config = catalogue.config
    tr = config.tr
    analyser = _Analyser(analysis_for(config.language))
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
                # The index words of each term's label and synonyms, as the search stems them.
                "words": [_term_words(analyser, config.vocabularies[name].terms[k], tr.pick) for k in keys[name]],
            }
            for name in vocabularies
        ],
        "docs": rows,
    }
    return _hashed("katalog/data/docs", compact_json(data))


def index_file(catalogue: Catalogue, documents: list[SearchDocument]) -> tuple[str, str]:
    """(content-hashed file name, JSON) of the lunr index over the same documents, in the same order."""
    analysis = analysis_for(catalogue.config.language)
    data = {
        "lang": analysis.lunr_code,
        "stopwords": sorted(analysis.stopwords),
        "index": build_index(documents, analysis),
    }
    return _hashed("katalog/search/index", compact_json(data))


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


def _term_words(analyser: _Analyser, term: Term, pick: Callable[..., str]) -> list[str]:
    texts = [pick(term.label, term.key), *term.label.values(), *term.synonyms]
    return sorted({word for text in texts for word in analyser.terms(text)})


def compact_json(data: object) -> str:
    """JSON with <, > and & escaped, so no editor's text is ever markup, wherever the file is read."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
