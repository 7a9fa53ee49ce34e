"""The site as a whole: where every entry and term page lives, and what links where."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..core.catalogue import Catalogue
from ..core.config.schema import CONTENT_FOLDER, EntryType
from ..core.entries import Entry
from ..core.i18n import Translator
from ..core.link.similar import SimilarIndex, settings_from
from ..core.link.taxonomy import Taxonomy, newest_first
from .urls import folders, page_url, relative, relative_from

TERMS_ROOT = "emner"


@dataclass
class SiteModel:
    catalogue: Catalogue
    directory_urls: bool = True
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    page_size: int = 50

    def __post_init__(self) -> None:
        self.taxonomies = self.catalogue.taxonomies
        self.page_size = self.catalogue.config.settings.page_size
        self._urls: dict[str, str] = {}  # src -> URL: every card, fact and relation asks
        self._srcs: dict[str, str] = {}  # entry id -> src, as often
        self._newest: list[Entry] | None = None  # every entry, newest first: sorted once per build

    @functools.cached_property
    def similar_index(self) -> SimilarIndex:
        # Made when the first entry page asks: `katalog check` plans the pages but shows no entry.
        return SimilarIndex(self.terms_of_entries(), settings_from(self.catalogue.config.site))

    def similar(self, entry: Entry) -> list[str]:
        return self.similar_index.of(entry.id)

    @property
    def tr(self) -> Translator:
        return self.catalogue.config.tr

    def entry_type(self, entry: Entry) -> EntryType:
        return self.catalogue.config.schema.types[entry.type]

    def entries_newest_first(self, type_name: str | None = None) -> list[Entry]:
        if self._newest is None:
            self._newest = sorted(self.catalogue.entries.values(), key=newest_first)
        # A stable sort: a type's entries keep the order they have among all.
        return [e for e in self._newest if type_name is None or e.type == type_name]

    # --- where pages live ---------------------------------------------------------------

    def entry_src(self, entry: Entry) -> str:
        src = self._srcs.get(entry.id)
        if src is None:
            src = self._srcs[entry.id] = self._entry_src(entry)
        return src

    def _entry_src(self, entry: Entry) -> str:
        entry_type = self.entry_type(entry)
        if entry_type.in_catalogue:
            return f"{entry_type.url}/{entry.id}.md"
        content_prefix = f"{self.catalogue.config.content_dir}/"
        return entry.path[len(content_prefix) :] if entry.path.startswith(content_prefix) else entry.path

    def entry_url(self, entry: Entry) -> str:
        return page_url(self.entry_src(entry), self.directory_urls)

    def term_src(self, taxonomy: Taxonomy, term_slug: str, page: int = 1) -> str:
        suffix = "index.md" if page == 1 else f"{page}.md"
        return f"{taxonomy.slug}/{term_slug}/{suffix}"

    def taxonomy_src(self, taxonomy: Taxonomy, page: int = 1) -> str:
        if page == 1:
            return f"{taxonomy.slug}/index.md"
        # Page n lives at <taxonomy>/n/, unless a term's own page is there (a tag "2").
        clash = any(info.slug.isdigit() for info in taxonomy.terms.values())
        return f"{taxonomy.slug}/{'_' if clash else ''}{page}.md"

    def overview_src(self, type_name: str | None, page: int = 1) -> str:
        folder = self.catalogue.config.schema.types[type_name].url if type_name else "katalog"
        return f"{folder}/index.md" if page == 1 else f"{folder}/{page}.md"

    def terms_index_src(self) -> str:
        return f"{TERMS_ROOT}/index.md"

    def url(self, src: str) -> str:
        url = self._urls.get(src)
        if url is None:
            url = self._urls[src] = page_url(src, self.directory_urls)
        return url

    def link(self, target_src: str, from_src: str) -> str:
        return relative_from(folders(self.url(from_src)), self.url(target_src))

    def static_link(self, target_path: str, from_src: str) -> str:
        """A link to a file that is not a page (data, images), from the page made of from_src."""
        return relative(target_path, self.url(from_src))

    def term_link(self, taxonomy_name: str, key: str, from_src: str) -> str | None:
        taxonomy = self.taxonomies.get(taxonomy_name)
        if taxonomy is None:
            return None
        info = taxonomy.terms.get(key if not taxonomy.free else key.casefold().strip())
        if info is None:
            return None
        return self.link(self.term_src(taxonomy, info.slug), from_src)

    # --- relations -----------------------------------------------------------------------

    def terms_of_entries(self) -> dict[str, list[tuple[str, str]]]:
        terms: dict[str, list[tuple[str, str]]] = {entry_id: [] for entry_id in self.catalogue.entries}
        for taxonomy in self.taxonomies.values():
            for info in taxonomy.terms.values():
                for entry in info.entries:
                    terms[entry.id].append((taxonomy.name, info.key))
        return terms

    def is_content_page(self, entry: Entry) -> bool:
        return self.entry_type(entry).folder == CONTENT_FOLDER
