"""The site's search files: what results and overview filters show, and the lunr index."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..core.search.build import (
    SearchDocument,
    body_budget,
    docs_file,
    entry_document,
    index_file,
    ordinary_pages,
    page_document,
)
from .model import SiteModel


@dataclass(frozen=True)
class SearchFiles:
    docs_name: str  # content-hashed, under katalog/
    docs_text: str
    index_name: str
    index_text: str


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
