"""Every page Katalog adds to the site: entry pages, term pages, overviews, and the filter data."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.entries import Entry
from ..core.slugs import slugify
from ..core.taxonomy import CATALOGUE_FILTERS, Taxonomy, TermInfo
from ..core.wikilinks import replace_wikilinks
from .escaping import markdown_text
from .model import SiteModel
from .views import Card, EntryViews

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TERMS_PER_CARD = 4  # a term in a list takes a fraction of a card's space


@dataclass
class GeneratedPage:
    """A page Katalog adds: where and what it is called now, its HTML when `render()` is called."""

    src_uri: str
    title: str
    render: Callable[[], str]


def fixed(html: str) -> Callable[[], str]:
    return lambda: html


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _html_block(html: str) -> str:
    """Raw HTML survives Markdown only as a block without blank lines inside."""
    return "\n".join(line for line in html.splitlines() if line.strip())


class PageRenderer:
    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.tr = model.tr
        self.views = EntryViews(model)
        self.env = _environment()
        self.env.globals["tr"] = self.tr

    def render(self, template: str, **context: Any) -> str:
        return _html_block(self.env.get_template(template).render(**context))

    # --- entries -------------------------------------------------------------------------

    def entry_body(self, entry: Entry, body: str | None = None) -> str:
        """The entry's Markdown body with `[[id]]` resolved to links showing the target's title."""
        return self.resolve_wikilinks(entry.body if body is None else body, self.model.entry_src(entry))

    def entry_frame(self, entry: Entry) -> tuple[str, str]:
        """What goes around an entry's rendered body: the header with facts, the footer with relations."""
        src = self.model.entry_src(entry)
        view = self.views.view(entry, src)
        return self.render("entry_header.html", view=view), self.render("entry_footer.html", view=view)

    @staticmethod
    def entry_html(frame: tuple[str, str], body_html: str) -> str:
        header, footer = frame
        return f"{header}\n{body_html}\n{footer}\n"

    def resolve_wikilinks(self, body: str, src: str) -> str:
        entries = self.model.catalogue.entries

        def render(target: str, text: str | None) -> str:
            entry = entries.get(target)
            if entry is None:
                return markdown_text(text or target)  # reported as a problem already
            href = self.model.link(self.model.entry_src(entry), src)
            return f'<a href="{escape(href)}" class="katalog-ref">{markdown_text(text or entry.title)}</a>'

        return replace_wikilinks(body, render)

    # --- listings ------------------------------------------------------------------------

    def cards(self, entries: list[Entry], src: str) -> list[Card]:
        return [self.views.card(entry, src) for entry in entries]

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
        return self.render(
            "listing.html",
            heading=title,
            count_text=self.tr("ui.entries_count", count=total),
            cards=self.cards(chunk, src),
            pager=self.pager(number, count, src_of, src),
            extra=Markup(extra()) if extra is not None else "",
        )

    def pager(self, current: int, count: int, src_of: Callable[[int], str], src: str) -> dict[str, Any]:
        pages = [(n, self.model.link(src_of(n), src)) for n in range(1, count + 1)]
        return {"current": current, "label": self.tr("ui.pages"), "pages": pages}

    def term_pages(self) -> list[GeneratedPage]:
        pages: list[GeneratedPage] = []
        for taxonomy in self.model.taxonomies.values():
            for info in taxonomy.sorted_terms():
                heading = f"{taxonomy.singular}: {info.label}"
                pages.extend(
                    self.paginated(
                        heading,
                        info.entries,
                        lambda n, t=taxonomy, s=info.slug: self.model.term_src(t, s, n),
                    )
                )
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
        pager = self.pager(number, count, functools.partial(self.model.taxonomy_src, taxonomy), src)
        listed = [
            {
                "label": info.label,
                "count": len(info.entries),
                "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
            }
            for info in chunk
        ]
        return self.render("taxonomy_index.html", heading=title, terms=listed, pager=pager)

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
        return self.render("terms_index.html", heading=heading, taxonomies=taxonomies)

    def statement_page(self) -> GeneratedPage | None:
        """The accessibility statement, from site_config/accessibility.yml and the site's texts."""
        facts = self.model.catalogue.config.statement
        if facts is None:
            return None
        heading = self.tr("statement.title")
        src = f"{slugify(heading)}/index.md"
        compliance = str(facts.get("compliance", "partial"))
        issues = facts.get("known_issues") or []
        content = self.render(
            "statement.html",
            heading=heading,
            facts=facts,
            compliance=self.tr(f"statement.compliance_{compliance}"),
            issues=[str(issue) for issue in issues] if isinstance(issues, list) else [],
            site=self.model.catalogue.config.settings.name,
        )
        return GeneratedPage(src, heading, fixed(content))

    # --- overviews with filters ------------------------------------------------------------

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

    def filters_html(self, type_name: str | None, entries: list[Entry], data_url: Callable[[], str]) -> str:
        first_src = self.model.overview_src(type_name)
        return self.render(
            "filters.html",
            facets=self.facets_for(type_name, entries, first_src),
            type_name=type_name or "",
            data_href=self.model.static_link(data_url(), first_src),
            page_size=self.model.page_size,
            root_href=self.model.link("index.md", first_src),
        )

    def facets_for(self, type_name: str | None, entries: list[Entry], src: str) -> list[dict[str, Any]]:
        names = self.facet_names(type_name)
        facets = []
        for name in names:
            taxonomy = self.model.taxonomies[name]
            ids = {entry.id for entry in entries}
            terms = []
            for info in taxonomy.sorted_terms():
                count = sum(1 for entry in info.entries if entry.id in ids)
                if count:
                    terms.append(
                        {
                            "key": info.key,
                            "label": info.label,
                            "count": count,
                            "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
                        }
                    )
            if terms:
                facets.append({"name": name, "label": taxonomy.label, "terms": terms})
        return facets

    def facet_names(self, type_name: str | None) -> list[str]:
        if type_name is None:
            return [name for name in CATALOGUE_FILTERS if name in self.model.taxonomies]
        entry_type = self.model.catalogue.config.schema.types[type_name]
        return [
            field_.vocabulary
            for field_ in entry_type.fields.values()
            if field_.kind == "term" and field_.vocabulary in self.model.taxonomies
        ]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
