"""The site's search files: what results and overview filters show, and the lunr index."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..core.i18n import Translator
from ..core.search.build import (
    FIELDS,
    SearchDocument,
    body_budget,
    build_index,
    compact_json,
    docs_file,
    entry_document,
    index_file,
    ordinary_pages,
    page_document,
)
from ..core.search.language import analysis_for
from .model import SiteModel

SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "katalog-search.js"
TEXTS = ("placeholder", "none", "one", "many", "failed", "all_types", "more")


@dataclass(frozen=True)
class SearchFiles:
    docs_name: str  # content-hashed, under katalog/
    docs_text: str
    index_name: str
    index_text: str

    def write(self, site_dir: Path) -> None:
        """Written beside the pages, like Material's search index: the names hash the content."""
        for name, text in ((self.docs_name, self.docs_text), (self.index_name, self.index_text)):
            path = site_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def script(self, tr: Translator) -> str:
        return search_script(self.docs_name, self.index_name, tr)


def search_script(docs_name: str, index_name: str, tr: Translator) -> str:
    """The search box's script, told where the search files are and what to say."""
    config = {
        "docs": docs_name.removeprefix("katalog/"),
        "index": index_name.removeprefix("katalog/"),
        "texts": {key: tr(f"search.{key}") for key in TEXTS},
    }
    text = SCRIPT.read_text(encoding="utf-8")
    return text.replace("__KATALOG_SEARCH_CONFIG__", json.dumps(config, ensure_ascii=False))


def index_inputs(documents: list[SearchDocument]) -> tuple[tuple[str, ...], ...]:
    """All the lunr index is made of: each document's indexed fields, in order."""
    return tuple(tuple(document.fields.get(name, "") for name, _ in FIELDS) for document in documents)


def index_for(language: str, documents: list[SearchDocument]) -> tuple[str, str]:
    """What core.search.build.index_file makes, from the site's language alone (to run in another
    process without the catalogue)."""
    analysis = analysis_for(language)
    data = {
        "lang": analysis.lunr_code,
        "stopwords": sorted(analysis.stopwords),
        "index": build_index(documents, analysis),
    }
    text = compact_json(data)
    return f"katalog/search/index.{hashlib.sha256(text.encode()).hexdigest()[:12]}.json", text


class SiteSearch:
    """Each part made once, when first asked for (the overviews need the docs file's name early)."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model

    @functools.cached_property
    def documents(self) -> list[SearchDocument]:
        """Every entry, newest first (the overviews' order), then every ordinary page."""
        model = self.model
        catalogue = model.catalogue
        pages = list(ordinary_pages(catalogue))
        budget = body_budget(catalogue, len(catalogue.entries) + len(pages))
        documents = [entry_document(catalogue, e, model.entry_url(e), budget) for e in model.entries_newest_first()]
        content_prefix = len(catalogue.config.content_dir) + 1
        documents.extend(
            page_document(title, model.url(path[content_prefix:]), body, budget) for path, title, body in pages
        )
        return documents

    @functools.cached_property
    def docs(self) -> tuple[str, str]:
        return docs_file(self.model.catalogue, self.documents)

    def docs_name(self) -> str:
        return self.docs[0]

    def files(self) -> SearchFiles:
        index_name, index_text = index_file(self.model.catalogue, self.documents)
        return SearchFiles(self.docs[0], self.docs[1], index_name, index_text)
