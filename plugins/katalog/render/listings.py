"""The paginated listings: a term's pages, a taxonomy's index of terms, the index of taxonomies, and
each type's overview (and the whole catalogue's) with its filters and sort control."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..core.entries import Entry
from ..core.link.taxonomy import Taxonomy, TermInfo
from .facets import Facets
from .listing_data import CARDS_FILE
from .pages import GeneratedPage, PageRenderer
from .who_knows import WhoKnows

TERMS_PER_CARD = 4  # a term in a list takes a fraction of a card's space


class Listings:
    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self.model = renderer.model
        self.tr = renderer.tr
        self.formats = renderer.formats
        self.facets = Facets(renderer)
        self.who_knows = WhoKnows(renderer)
        self.data_url: Callable[[], str] | None = None  # the search data file's path (term_pages)
        self._term_keys: dict[str, dict[str, str]] = {}  # taxonomy -> term slug -> key

    def paginated(
        self, heading: str, entries: list[Entry], src_of: Any, extra_first: Callable[[], str] | None = None
    ) -> list[GeneratedPage]:
        size = self.model.page_size
        chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            src = src_of(number)
            title = heading if number == 1 else self.tr("ui.page_title", title=heading, page=number)
            extra = extra_first if number == 1 else None
            make = functools.partial(self.listing, title, len(entries), chunk, number, len(chunks), src_of, src, extra)
            pages.append(GeneratedPage(src, title, make))
        return pages

    def listing(
        self,
        title: str,
        total: int,
        chunk: list[Entry],
        number: int,
        count: int,
        src_of: Callable[[int], str],
        src: str,
        extra: Callable[[], str] | None,
    ) -> str:
        if extra is None and number == 1:
            extra = self.term_sorter(src_of, src)
        return self.renderer.render(
            "katalog/listing.html",
            heading=title,
            count_text=self.formats.count("entries", total),
            cards=self.renderer.cards(chunk, src),
            pager=self.renderer.pager(number, count, src_of, src),
            extra=Markup(
                self.feed_html(src if number == 1 else "")
                + self.booklets_html(src if number == 1 else "")
                + (extra() if extra is not None else "")
            ),
        )

    def feed_html(self, src: str) -> str:
        """The visible link to the Atom feed of the listing whose first page is src."""
        path = self.renderer.feed_links.get(src)
        return (
            self.renderer.render("katalog/feed_link.html", feed_href=self.model.static_link(path, src)) if path else ""
        )

    def booklets_html(self, src: str) -> str:
        """Links to the PDF booklets made from the listing whose first page is src ("Hent ... som PDF")."""
        links = self.renderer.booklet_links.get(src)
        if not links:
            return ""
        booklets = [{"href": self.model.static_link(path, src), "title": title} for path, title in links]
        return self.renderer.render("katalog/booklet_link.html", booklets=booklets)

    def term_sorter(self, src_of: Callable[[int], str], src: str) -> Callable[[], str] | None:
        """A term's first page gets a sort control, made here from the page's place (src_of names the
        term) rather than passed in: `mkdocs serve --dirty` then signs the page by its cards alone
        (mkdocs_plugin/incremental.py), not by the search data every edit changes."""
        if self.data_url is None or not isinstance(src_of, functools.partial) or src_of.func != self.model.term_src:
            return None
        taxonomy, slug = src_of.args[:2]
        keys = self._term_keys.get(taxonomy.name)
        if keys is None:
            keys = self._term_keys[taxonomy.name] = {info.slug: info.key for info in taxonomy.terms.values()}
        key = keys.get(slug)
        if key is None:
            return None
        return functools.partial(self.filters_html, None, [], self.data_url, (taxonomy.name, key), src)

    def term_pages(self, data_url: Callable[[], str] | None = None) -> list[GeneratedPage]:
        """data_url: the search data file's path; with it, a term's first page has a sort control."""
        if data_url is not None:
            self.data_url = data_url
        pages: list[GeneratedPage] = []
        for taxonomy in self.model.taxonomies.values():
            for info in taxonomy.sorted_terms():
                heading = f"{taxonomy.singular}: {info.label}"
                src_of = functools.partial(self.model.term_src, taxonomy, info.slug)
                pages.extend(self.paginated(heading, info.entries, src_of))
            pages.extend(self.taxonomy_pages(taxonomy))
        pages.append(self.terms_index())
        return pages

    def taxonomy_pages(self, taxonomy: Taxonomy) -> list[GeneratedPage]:
        """The taxonomy's terms with counts, a few hundred to a page: tags can be thousands."""
        size = self.model.page_size * TERMS_PER_CARD
        terms = taxonomy.sorted_terms()
        chunks = [terms[i : i + size] for i in range(0, len(terms), size)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            src = self.model.taxonomy_src(taxonomy, number)
            title = taxonomy.label if number == 1 else self.tr("ui.page_title", title=taxonomy.label, page=number)
            make = functools.partial(self.taxonomy_page, taxonomy, title, chunk, number, len(chunks), src)
            pages.append(GeneratedPage(src, title, make))
        return pages

    def taxonomy_page(
        self, taxonomy: Taxonomy, title: str, chunk: list[TermInfo], number: int, count: int, src: str
    ) -> str:
        pager = self.renderer.pager(number, count, functools.partial(self.model.taxonomy_src, taxonomy), src)
        listed = [
            {
                "label": info.label,
                "count": len(info.entries),
                "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
            }
            for info in chunk
        ]
        return self.renderer.render("katalog/taxonomy_index.html", heading=title, terms=listed, pager=pager)

    def terms_index(self) -> GeneratedPage:
        src = self.model.terms_index_src()
        heading = self.tr("ui.browse_terms")
        return GeneratedPage(src, heading, functools.partial(self.terms_index_html, src, heading))

    def terms_index_html(self, src: str, heading: str) -> str:
        taxonomies = [
            {"label": t.label, "count": len(t.terms), "href": self.model.link(self.model.taxonomy_src(t), src)}
            for t in sorted(self.model.taxonomies.values(), key=lambda t: t.label)
            if t.terms
        ]
        return self.renderer.render("katalog/terms_index.html", heading=heading, taxonomies=taxonomies)

    def overview_pages(self, data_url: Callable[[], str]) -> list[GeneratedPage]:
        """data_url: the overview data file's path, asked for only when a first page is rendered."""
        pages: list[GeneratedPage] = []
        config = self.model.catalogue.config
        for entry_type in [*config.schema.types.values(), None]:
            type_name = entry_type.name if entry_type else None
            heading = self.tr.pick(entry_type.plural, entry_type.name) if entry_type else self.tr("ui.catalogue")
            entries = self.model.entries_newest_first(type_name)
            filters = functools.partial(self.filters_html, type_name, entries, data_url)
            src_of = functools.partial(self.model.overview_src, type_name)
            pages.extend(self.paginated(heading, entries, src_of, filters))
        return pages

    def filters_html(
        self,
        type_name: str | None,
        entries: list[Entry],
        data_url: Callable[[], str],
        fixed: tuple[str, str] | None = None,
        src: str | None = None,
    ) -> str:
        """An overview's filters and sort control (facets of the type's terms and keywords), or a term
        page's sort control (`fixed`: its taxonomy and term)."""
        first_src = src or self.model.overview_src(type_name)
        return self.renderer.render(
            "katalog/filters.html",
            facets=[] if fixed else self.facets.facets_for(type_name, entries, first_src),
            type_name=type_name or "",
            fixed=fixed,
            # A term page names no search data file: a dirty preview keeps it while the data changes, and
            # the search script tells the page this build's file (window.katalogData).
            data_href="" if fixed else self.model.static_link(data_url(), first_src),
            cards_href=self.model.static_link(CARDS_FILE, first_src),
            page_size=self.model.page_size,
            root_href=self.model.link("index.md", first_src),
            who_knows=self.who_knows.who_knows_link(type_name, first_src) if not fixed else None,
        )
