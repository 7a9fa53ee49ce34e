"""The site's search files: the overviews' data file, and the search index in pieces (core/search/index.py)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.entries import Entry
from ..core.i18n import Translator
from ..core.search.build import (
    SearchDocument,
    body_sections,
    docs_file,
    entry_document,
    index_labels,
    ordinary_pages,
    page_document,
    search_index,
)
from ..core.search.index import IndexFiles
from .assets import bundle
from .listing_data import CARDS_FILE
from .model import SiteModel
from .page_text import rendered_sections
from .pages import GeneratedPage

# The search box's script, joined from these files of assets/ in this order (each one's header says its
# job): one file, so that document.currentScript, which katalog-search-engine.js reads, is the script.
SCRIPT_PARTS = (
    "katalog-common.js",
    "katalog-search-engine.js",
    "katalog-search-results.js",
    "katalog-search-box.js",
    "katalog-search-page.js",
)
TEXTS = ("placeholder", "none", "one", "many", "failed", "all_types", "more", "page_empty", "section")
SEARCH_PAGE_URL = "soeg/"  # the full results page (render/pages.py SEARCH_PAGE), from the site's root


@dataclass(frozen=True)
class SearchFiles:
    docs_name: str  # content-hashed, under katalog/
    docs_text: str
    index: IndexFiles  # the search index's files (core/search/index.py), its first file included

    @property
    def index_name(self) -> str:
        return self.index.meta_name

    def write(self, site_dir: Path) -> None:
        """Written beside the pages, like Material's search index: the names hash the content."""
        write_files(site_dir, {self.docs_name: self.docs_text, **self.index.files})

    def script(self, tr: Translator) -> str:
        return search_script(self.docs_name, self.index_name, tr)


def write_files(site_dir: Path, files: dict[str, str]) -> None:
    folders: set[Path] = set()
    for name, text in files.items():
        path = site_dir / name
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")


def search_script(docs_name: str, index_name: str, tr: Translator) -> str:
    """The search box's script, told where the search files are and what to say."""
    config = {
        "docs": docs_name.removeprefix("katalog/"),
        "index": index_name.removeprefix("katalog/"),
        "cards": CARDS_FILE.removeprefix("katalog/"),
        "page": SEARCH_PAGE_URL,
        "texts": {key: tr(f"search.{key}") for key in TEXTS},
    }
    text = bundle(*SCRIPT_PARTS)
    return text.replace("__KATALOG_SEARCH_CONFIG__", json.dumps(config, ensure_ascii=False))


def index_inputs(documents: list[SearchDocument], labels: dict[str, Any]) -> tuple[object, ...]:
    """All the search index is made of."""
    return (
        json.dumps(labels, sort_keys=True),
        *(
            (
                d.title,
                d.url,
                d.type_name,
                d.summary,
                d.info,
                tuple(sorted(d.fields.items())),
                tuple((k, tuple(v)) for k, v in sorted(d.terms.items())),
                tuple(d.sections),
            )
            for d in documents
        ),
    )


def index_for(language: str, documents: list[SearchDocument], labels: dict[str, Any]) -> IndexFiles:
    """What SiteSearch.files makes of the index, from the site's language alone (to run in another
    process without the catalogue)."""
    return search_index(language, documents, labels)


@dataclass
class SearchMemo:
    """What one build's search data was made of, for the next build of a long-running preview: an
    entry read from the same (unchanged) object gives the same document, the same documents the
    same docs file."""

    documents: dict[str, tuple[Entry, str, SearchDocument]] = field(default_factory=dict)
    docs_key: object = None
    docs: tuple[str, str] = ("", "")
    keys: dict[int, tuple[SearchDocument, object]] = field(default_factory=dict)  # id -> (document, its part)


class SiteSearch:
    """Each part made once, when first asked for (the overviews need the docs file's name early)."""

    def __init__(self, model: SiteModel, memo: SearchMemo | None = None, pages: Sequence[GeneratedPage] = ()) -> None:
        """pages: pages Katalog renders whose text a reader searches too (the accessibility statement)."""
        self.model = model
        self.memo = memo
        self.pages = pages

    @functools.cached_property
    def documents(self) -> list[SearchDocument]:
        """Every entry, newest first (the overviews' order), then every ordinary page, then the pages
        Katalog renders that a reader searches too."""
        model = self.model
        catalogue = model.catalogue
        pages = list(ordinary_pages(catalogue))
        documents = [self.entry_document(e, model.entry_url(e)) for e in model.entries_newest_first()]
        content_prefix = len(catalogue.config.content_dir) + 1
        documents.extend(
            page_document(title, model.url(path[content_prefix:]), body_sections(body)) for path, title, body in pages
        )
        documents.extend(
            page_document(page.title, model.url(page.src_uri), rendered_sections(page.render())) for page in self.pages
        )
        if self.memo is not None:
            used = {entry.path for entry in catalogue.entries.values()}
            for path in [path for path in self.memo.documents if path not in used]:
                del self.memo.documents[path]
        return documents

    def entry_document(self, entry: Entry, url: str) -> SearchDocument:
        if self.memo is None:
            return entry_document(self.model.catalogue, entry, url)
        kept = self.memo.documents.get(entry.path)
        if kept is not None and kept[0] is entry and kept[1] == url:
            return kept[2]
        document = entry_document(self.model.catalogue, entry, url)
        self.memo.documents[entry.path] = (entry, url, document)
        return document

    @functools.cached_property
    def docs(self) -> tuple[str, str]:
        if self.memo is None:
            return docs_file(self.model.catalogue, self.documents)
        # Each document's part of the key, kept for the same (unchanged) document object.
        keys, fresh = self.memo.keys, {}
        parts = []
        for d in self.documents:
            kept = keys.get(id(d))
            if kept is None or kept[0] is not d:
                kept = (d, (d.title, d.url, d.type_name, d.summary, tuple((k, tuple(v)) for k, v in d.terms.items())))
            fresh[id(d)] = kept
            parts.append(kept[1])
        self.memo.keys = fresh
        key = tuple(parts)
        if key != self.memo.docs_key:
            self.memo.docs_key, self.memo.docs = key, docs_file(self.model.catalogue, self.documents)
        return self.memo.docs

    def docs_name(self) -> str:
        return self.docs[0]

    @functools.cached_property
    def labels(self) -> dict[str, Any]:
        return index_labels(self.model.catalogue)

    def files(self) -> SearchFiles:
        index = search_index(self.model.catalogue.config.language, self.documents, self.labels)
        return SearchFiles(self.docs[0], self.docs[1], index)
