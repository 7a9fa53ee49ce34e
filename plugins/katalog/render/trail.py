"""Where a generated page sits: its breadcrumb trail and the tab of the navigation it belongs under.

An entry page sits under its type's overview (Forside › Medborgerskabskatalog › the entry), a term
page under the terms index and its taxonomy (Forside › Emner › Temaer › the term), a later page of a
listing under its first page. Addresses are site-relative URLs; the theme makes them relative.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from ..core.entries import Entry
from ..core.link.taxonomy import Taxonomy, TermInfo
from .model import SiteModel


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None  # None: the page itself (the last crumb, not a link)


@dataclass(frozen=True)
class Place:
    crumbs: tuple[Crumb, ...]
    tab: str  # src_uri of the page whose tab is active


class Trails:
    def __init__(self, model: SiteModel, entry_pages: Mapping[str, Entry], titles: Mapping[str, str]) -> None:
        """entry_pages: src -> entry; titles: src -> title of the generated pages."""
        self.model = model
        self.entry_pages = entry_pages
        self.titles = titles

    @functools.cached_property
    def _taxonomies(self) -> dict[str, tuple[Taxonomy, dict[str, TermInfo]]]:
        return {t.slug: (t, {info.slug: info for info in t.terms.values()}) for t in self.model.taxonomies.values()}

    @functools.cached_property
    def _overviews(self) -> dict[str, str]:
        """The first page of each overview -> its title (the type's plural, or the whole catalogue)."""
        tr = self.model.tr
        found = {self.model.overview_src(None): tr("ui.catalogue")}
        for entry_type in self.model.catalogue.config.schema.types.values():
            found[self.model.overview_src(entry_type.name)] = tr.pick(entry_type.plural, entry_type.name)
        return found

    def home(self) -> Crumb:
        return Crumb(self.model.tr("ui.home"), self.model.url("index.md"))

    def crumb(self, src: str, title: str) -> Crumb:
        return Crumb(title, self.model.url(src))

    def place(self, src: str) -> Place | None:
        entry = self.entry_pages.get(src)
        if entry is not None:
            overview = self.model.overview_src(entry.type)
            title = self._overviews.get(overview, entry.type)
            return Place((self.home(), self.crumb(overview, title), Crumb(entry.title, None)), overview)
        if src not in self.titles:
            return None
        return self._term_place(src) or self._listing_place(src)

    def _term_place(self, src: str) -> Place | None:
        parts = src.split("/")
        terms_index = self.model.terms_index_src()
        found = self._taxonomies.get(parts[0])
        if src == terms_index:
            return None  # a tab of its own
        if found is None or len(parts) not in (2, 3):
            return None
        taxonomy, by_slug = found
        tr = self.model.tr
        index = self.crumb(terms_index, tr("ui.browse_terms"))
        taxonomy_src = self.model.taxonomy_src(taxonomy)
        if len(parts) == 2:  # the taxonomy's list of terms, or a later page of it
            last = Crumb(self.titles[src], None)
            if src == taxonomy_src:
                return Place((self.home(), index, last), terms_index)
            return Place((self.home(), index, self.crumb(taxonomy_src, taxonomy.label), last), terms_index)
        info = by_slug.get(parts[1])
        if info is None:
            return None
        crumbs = [self.home(), index, self.crumb(taxonomy_src, taxonomy.label)]
        first = self.model.term_src(taxonomy, info.slug)
        if src == first:
            crumbs.append(Crumb(info.label, None))
        else:
            number = parts[2].removesuffix(".md")
            crumbs.extend(
                [self.crumb(first, info.label), Crumb(tr("ui.page_title", title=info.label, page=number), None)]
            )
        return Place(tuple(crumbs), terms_index)

    def _listing_place(self, src: str) -> Place | None:
        """A later page of an overview (initiativer/2.md) under its first page."""
        folder, _, name = src.rpartition("/")
        first = f"{folder}/index.md"
        if name == "index.md" or first not in self._overviews:
            return None
        crumbs = (self.home(), self.crumb(first, self._overviews[first]), Crumb(self.titles[src], None))
        return Place(crumbs, first)
