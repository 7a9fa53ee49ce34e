"""Every page Katalog adds to the site: entry pages, term pages, overviews, and the filter data."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.entries import Entry
from ..core.hints import fold
from ..core.link.taxonomy import CATALOGUE_FILTERS, Taxonomy, TermInfo
from ..core.link.wikilinks import replace_wikilinks
from ..core.slugs import slugify
from .collation import Collation
from .escaping import markdown_text
from .formats import Formats
from .listing_data import CARDS_FILE
from .model import SiteModel
from .views import Card, EntryView, EntryViews

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ENTRY_PARTS = ("header", "contact", "section", "takes_part", "related")
# An entry's frame: its header, then each generated section's HTML and whether it goes before the text.
Frame = tuple[str, tuple[tuple[bool, str], ...]]
TERMS_PER_CARD = 4  # a term in a list takes a fraction of a card's space
FACET_TERMS = 60  # terms a facet lists; more go behind a link to the taxonomy's page
SEARCH_PAGE = "soeg/index.md"  # the front page's search form sends its query here (?q=...)
TYPE_FACET = "type"  # the whole catalogue's filter by type (the address says ?type=case)


@dataclass
class GeneratedPage:
    """A page Katalog adds: where and what it is called now, its HTML when `render()` is called."""

    src_uri: str
    title: str
    render: Callable[[], str]


def fixed(html: str) -> Callable[[], str]:
    return lambda: html


def _environment(theme_dirs: Sequence[str]) -> jinja2.Environment:
    """Templates are looked up in the theme's directories first (a fork's custom_dir, then the theme's),
    then in Katalog's own, as Material's partials are: a fork overrides `katalog/<name>.html` without Python."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*theme_dirs, str(TEMPLATES)]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _html_block(html: str) -> str:
    """Raw HTML survives Markdown only as a block without blank lines inside."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _slot_marker(index: int) -> str:
    """Where a generated section's content goes; an element the sanitiser keeps as it is."""
    return f'<div class="katalog-slot-{index}"></div>'


class PageRenderer:
    def __init__(self, model: SiteModel, theme_dirs: Sequence[str] = ()) -> None:
        """theme_dirs: the MkDocs theme's directories, a fork's custom_dir first."""
        self.model = model
        self.tr = model.tr
        self.formats = Formats(model.tr)
        self.views = EntryViews(model, self.formats)
        self.env = _environment(theme_dirs)
        self.env.globals["tr"] = self.tr
        self.env.globals["formats"] = self.formats
        self.env.filters["date"] = self.formats.date
        self.env.filters["number"] = self.formats.number
        self._entry_templates: dict[str, jinja2.Template] = {}
        self.data_url: Callable[[], str] | None = None  # the search data file's path (term_pages)
        self._term_keys: dict[str, dict[str, str]] = {}  # taxonomy -> term slug -> key
        # A listing's first page (src) -> the booklets made from it: (PDF's site path, title); see booklet.py.
        self.booklet_links: dict[str, list[tuple[str, str]]] = {}
        self.feed_links: dict[str, str] = {}  # a listing's first page (src) -> its Atom feed's site path (feeds.py)

    def render(self, template: str, **context: Any) -> str:
        return _html_block(self.env.get_template(template).render(**context))

    # --- entries -------------------------------------------------------------------------

    def entry_body(self, entry: Entry, body: str | None = None) -> str:
        """The entry's Markdown: its text with `[[id]]` resolved to links showing the target's title, and
        a heading for each generated section (so MkDocs gives it an id and a line in the table of
        contents) with a marker where `entry_html` puts the section's content."""
        src = self.model.entry_src(entry)
        text = self.resolve_wikilinks(entry.body if body is None else body, src)
        slots = self.views.slots(entry)
        if not slots:
            return text
        top = [f"## {markdown_text(s.label)}\n\n{_slot_marker(i)}\n\n" for i, s in enumerate(slots) if s.top]
        after = [f"\n\n## {markdown_text(s.label)}\n\n{_slot_marker(i)}" for i, s in enumerate(slots) if not s.top]
        return "".join(top) + text.rstrip("\n") + "".join(after) + "\n"

    def entry_frame(self, entry: Entry) -> Frame:
        """What goes into and around an entry's rendered text: the header, and each generated section."""
        src = self.model.entry_src(entry)
        view = self.views.view(entry, src)
        template = self.entry_template(entry.type)
        header = self.render_part(template, view, "header")
        parts = []
        for slot in view.slots:
            part, _, name = slot.key.partition(":")
            section = next((s for s in view.sections if s.name == name), None) if name else None
            parts.append((slot.top, self.render_part(template, view, part, section=section)))
        return header, tuple(parts)

    def entry_template(self, type_name: str) -> jinja2.Template:
        """katalog/<type>/entry.html if a theme directory or Katalog has one, else katalog/entry.html."""
        template = self._entry_templates.get(type_name)
        if template is None:
            names = [f"katalog/{type_name}/entry.html", "katalog/entry.html"]
            template = self._entry_templates[type_name] = self.env.select_template(names)
        return template

    def render_part(self, template: jinja2.Template, view: EntryView, part: str, **context: Any) -> str:
        return _html_block(template.render(view=view, part=part, **context))

    @staticmethod
    def entry_html(frame: Frame, body_html: str) -> str:
        """The rendered text with each section's content where its marker is: the first marker of a
        section before the text, the last of one after it (a marker copied into the text stays empty)."""
        header, parts = frame
        html = body_html
        for index, (top, part) in enumerate(parts):
            marker = _slot_marker(index)
            at = html.find(marker) if top else html.rfind(marker)
            if at < 0:  # a Markdown extension lost it: the content still shows
                html = f"{part}\n{html}" if top else f"{html}\n{part}"
            else:
                html = f"{html[:at]}{part}{html[at + len(marker) :]}"
        return f"{header}\n{html}\n"

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
        if extra is None and number == 1:
            extra = self.term_sorter(src_of, src)
        return self.render(
            "katalog/listing.html",
            heading=title,
            count_text=self.formats.count("entries", total),
            cards=self.cards(chunk, src),
            pager=self.pager(number, count, src_of, src),
            extra=Markup(
                self.feed_html(src if number == 1 else "")
                + self.booklets_html(src if number == 1 else "")
                + (extra() if extra is not None else "")
            ),
        )

    def feed_html(self, src: str) -> str:
        """The visible link to the Atom feed of the listing whose first page is src."""
        path = self.feed_links.get(src)
        return self.render("katalog/feed_link.html", feed_href=self.model.static_link(path, src)) if path else ""

    def booklets_html(self, src: str) -> str:
        """Links to the PDF booklets made from the listing whose first page is src ("Hent ... som PDF")."""
        links = self.booklet_links.get(src)
        if not links:
            return ""
        booklets = [{"href": self.model.static_link(path, src), "title": title} for path, title in links]
        return self.render("katalog/booklet_link.html", booklets=booklets)

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

    def pager(self, current: int, count: int, src_of: Callable[[int], str], src: str) -> dict[str, Any]:
        pages = [(n, self.model.link(src_of(n), src)) for n in range(1, count + 1)]
        return {"current": current, "label": self.tr("ui.pages"), "pages": pages}

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
        pager = self.pager(number, count, functools.partial(self.model.taxonomy_src, taxonomy), src)
        listed = [
            {
                "label": info.label,
                "count": len(info.entries),
                "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
            }
            for info in chunk
        ]
        return self.render("katalog/taxonomy_index.html", heading=title, terms=listed, pager=pager)

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
        return self.render("katalog/terms_index.html", heading=heading, taxonomies=taxonomies)

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
            "katalog/statement.html",
            heading=heading,
            facts=facts,
            compliance=self.tr(f"statement.compliance_{compliance}"),
            issues=[str(issue) for issue in issues] if isinstance(issues, list) else [],
            site=self.model.catalogue.config.settings.name,
        )
        return GeneratedPage(src, heading, fixed(content))

    # --- who knows what, and the search page -------------------------------------------------

    def knowledge_taxonomies(self) -> list[Taxonomy]:
        """The free keywords a type has of its own (a visitkort's expertise), not those every type has."""
        names = [
            name
            for entry_type in self.model.catalogue.config.schema.types.values()
            for name, field_ in entry_type.fields.items()
            if field_.kind == "keyword" and name not in self.views.shared
        ]
        return [self.model.taxonomies[name] for name in dict.fromkeys(names) if name in self.model.taxonomies]

    def who_knows_page(self) -> GeneratedPage | None:
        """'Hvem ved noget om…': every term of those keywords from A to Å, with the entries that have it."""
        taxonomies = self.knowledge_taxonomies()
        if not taxonomies:
            return None
        heading = self.tr("ui.who_knows")
        src = self.who_knows_src()
        return GeneratedPage(src, heading, functools.partial(self.who_knows_html, src, heading, taxonomies))

    def who_knows_src(self) -> str:
        return f"{slugify(self.tr('ui.who_knows')) or 'who-knows'}/index.md"

    def who_knows_html(self, src: str, heading: str, taxonomies: list[Taxonomy]) -> str:
        collation = Collation(self.tr.language)
        terms: dict[str, dict[str, Any]] = {}  # one line per term, also when two fields have it
        for taxonomy in taxonomies:
            for info in taxonomy.terms.values():
                term = terms.setdefault(
                    fold(info.label),
                    {
                        "label": info.label,
                        "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
                        "cards": {},
                    },
                )
                for entry in info.entries:
                    term["cards"].setdefault(entry.id, self.views.card(entry, src))
        groups: dict[str, list[dict[str, Any]]] = {}
        for term in sorted(terms.values(), key=lambda t: (collation.key(t["label"]), t["label"])):
            cards = sorted(term["cards"].values(), key=lambda c: (collation.key(c.title), c.title))
            groups.setdefault(collation.initial(term["label"]), []).append({**term, "cards": cards})
        letters = [
            {"letter": letter, "id": f"letter-{slugify(letter) or 'other'}", "terms": listed}
            for letter, listed in groups.items()
        ]
        intro = self.tr("ui.who_knows_intro", fields=", ".join(t.label for t in taxonomies))
        return self.render("katalog/who_knows.html", heading=heading, intro=intro, letters=letters)

    def search_page(self) -> GeneratedPage:
        """The full results of a search (/soeg/?q=...): filled in by katalog-search.js."""
        heading = self.tr("search.page_title")
        src = SEARCH_PAGE
        content = self.render("katalog/search_page.html", heading=heading, action=self.model.link(src, src))
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
        return self.render(
            "katalog/filters.html",
            facets=[] if fixed else self.facets_for(type_name, entries, first_src),
            type_name=type_name or "",
            fixed=fixed,
            # A term page names no search data file: a dirty preview keeps it while the data changes, and
            # the search script tells the page this build's file (window.katalogData).
            data_href="" if fixed else self.model.static_link(data_url(), first_src),
            cards_href=self.model.static_link(CARDS_FILE, first_src),
            page_size=self.model.page_size,
            root_href=self.model.link("index.md", first_src),
            who_knows=self.who_knows_link(type_name, first_src) if not fixed else None,
        )

    def who_knows_link(self, type_name: str | None, src: str) -> str | None:
        """On the overview of a type with keywords of its own: a link to who knows what, A to Å."""
        if type_name is None:
            return None
        own = set(self.model.catalogue.config.schema.types[type_name].fields)
        if not any(name in own for name in (t.name for t in self.knowledge_taxonomies())):
            return None
        return self.model.link(self.who_knows_src(), src)

    def facets_for(self, type_name: str | None, entries: list[Entry], src: str) -> list[dict[str, Any]]:
        facets = [self.type_facet(entries, src)] if type_name is None else []
        ids = {entry.id for entry in entries}
        collation = Collation(self.tr.language)
        for name in self.facet_names(type_name):
            taxonomy = self.model.taxonomies[name]
            counted = [(info, sum(1 for entry in info.entries if entry.id in ids)) for info in taxonomy.terms.values()]
            counted = [(info, count) for info, count in counted if count]
            if not counted:
                continue
            facet: dict[str, Any] = {"name": name, "label": taxonomy.label}
            if len(counted) > FACET_TERMS:
                # Free keywords can be thousands: the most used here, and a link to all of them.
                facet["more_href"] = self.model.link(self.model.taxonomy_src(taxonomy), src)
                facet["more_text"] = self.tr(
                    "ui.facet_all", label=taxonomy.label, count=self.formats.number(len(counted))
                )
                counted = sorted(counted, key=lambda one: (-one[1], collation.key(one[0].label)))[:FACET_TERMS]
            facet["terms"] = [
                {
                    "key": info.key,
                    "label": info.label,
                    "count": count,
                    "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
                }
                for info, count in sorted(counted, key=lambda one: (collation.key(one[0].label), one[0].label))
            ]
            facets.append(facet)
        return facets

    def type_facet(self, entries: list[Entry], src: str) -> dict[str, Any]:
        """The whole catalogue's types, each linking to its own overview."""
        counts: dict[str, int] = {}
        for entry in entries:
            counts[entry.type] = counts.get(entry.type, 0) + 1
        types = self.model.catalogue.config.schema.types
        terms = [
            {
                "key": name,
                "label": self.tr.pick(entry_type.label, name),  # as the cards name it
                "count": counts[name],
                "href": self.model.link(self.model.overview_src(name), src),
            }
            for name, entry_type in types.items()
            if counts.get(name)
        ]
        return {"name": TYPE_FACET, "label": self.tr("ui.type_filter"), "terms": terms}

    def facet_names(self, type_name: str | None) -> list[str]:
        """The whole catalogue: the catalogue filters. A type: its term fields' vocabularies, then its
        own free keywords (a visitkort's expertise), not those every type has (tags)."""
        if type_name is None:
            return [name for name in CATALOGUE_FILTERS if name in self.model.taxonomies]
        entry_type = self.model.catalogue.config.schema.types[type_name]
        names = [
            field_.vocabulary
            for field_ in entry_type.fields.values()
            if field_.kind == "term" and field_.vocabulary in self.model.taxonomies
        ]
        names.extend(
            name
            for name, field_ in entry_type.fields.items()
            if field_.kind == "keyword" and name not in self.views.shared and name in self.model.taxonomies
        )
        return list(dict.fromkeys(names))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
