"""Every page Katalog adds to the site: entry pages, term pages, overviews, and the filter data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..core.entries import Entry
from ..core.search.build import compact_json
from ..core.slugs import slugify
from ..core.taxonomy import Taxonomy
from ..core.wikilinks import replace_wikilinks
from .model import SiteModel
from .views import Card, EntryViews

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FILTER_SUMMARY_CHARS = 160
ALL_FACETS = ("municipalities", "themes")


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    content: str


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

    def entry_html(self, entry: Entry, body_html: str) -> str:
        """The whole page of an entry around its rendered body: header with facts, then relations."""
        src = self.model.entry_src(entry)
        view = self.views.view(entry, src)
        header = self.render("entry_header.html", view=view)
        footer = self.render("entry_footer.html", view=view)
        return f"{header}\n{body_html}\n{footer}\n"

    def resolve_wikilinks(self, body: str, src: str) -> str:
        entries = self.model.catalogue.entries

        def render(target: str, text: str | None) -> str:
            entry = entries.get(target)
            if entry is None:
                return escape(text or target)  # reported as a problem already
            href = self.model.link(self.model.entry_src(entry), src)
            return f'<a href="{escape(href)}" class="katalog-ref">{escape(text or entry.title)}</a>'

        return replace_wikilinks(body, render)

    # --- listings ------------------------------------------------------------------------

    def cards(self, entries: list[Entry], src: str) -> list[Card]:
        return [self.views.card(entry, src) for entry in entries]

    def paginated(self, heading: str, entries: list[Entry], src_of: Any, extra_first: str = "") -> list[GeneratedPage]:
        size = self.model.page_size
        chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            src = src_of(number)
            pager = {
                "current": number,
                "label": self.tr("ui.pages"),
                "pages": [(n, self.model.link(src_of(n), src)) for n in range(1, len(chunks) + 1)],
            }
            title = heading if number == 1 else self.tr("ui.page_title", title=heading, page=number)
            content = self.render(
                "listing.html",
                heading=title,
                count_text=self.tr("ui.entries_count", count=len(entries)),
                cards=self.cards(chunk, src),
                pager=pager,
                extra=Markup(extra_first) if number == 1 else "",
            )
            pages.append(GeneratedPage(src, title, content))
        return pages

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
            pages.append(self.taxonomy_page(taxonomy))
        pages.append(self.terms_index())
        return pages

    def taxonomy_page(self, taxonomy: Taxonomy) -> GeneratedPage:
        src = self.model.taxonomy_src(taxonomy)
        terms = [
            {
                "label": info.label,
                "count": len(info.entries),
                "href": self.model.link(self.model.term_src(taxonomy, info.slug), src),
            }
            for info in taxonomy.sorted_terms()
        ]
        return GeneratedPage(
            src, taxonomy.label, self.render("taxonomy_index.html", heading=taxonomy.label, terms=terms)
        )

    def terms_index(self) -> GeneratedPage:
        src = self.model.terms_index_src()
        heading = self.tr("ui.browse_terms")
        taxonomies = [
            {"label": t.label, "count": len(t.terms), "href": self.model.link(self.model.taxonomy_src(t), src)}
            for t in sorted(self.model.taxonomies.values(), key=lambda t: t.label)
            if t.terms
        ]
        return GeneratedPage(src, heading, self.render("terms_index.html", heading=heading, taxonomies=taxonomies))

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
        return GeneratedPage(src, heading, content)

    # --- overviews with filters ------------------------------------------------------------

    def overview_pages(self, data_url: str) -> list[GeneratedPage]:
        pages: list[GeneratedPage] = []
        config = self.model.catalogue.config
        for entry_type in [*config.schema.types.values(), None]:
            type_name = entry_type.name if entry_type else None
            heading = self.tr.pick(entry_type.plural, entry_type.name) if entry_type else self.tr("ui.catalogue")
            entries = self.model.entries_newest_first(type_name)
            first_src = self.model.overview_src(type_name)
            facets = self.facets_for(type_name, entries, first_src)
            filter_html = self.render(
                "filters.html",
                facets=facets,
                type_name=type_name or "",
                data_href=self.model.static_link(data_url, first_src),
                page_size=self.model.page_size,
                root_href=self.model.link("index.md", first_src),
            )
            pages.extend(
                self.paginated(heading, entries, lambda n, t=type_name: self.model.overview_src(t, n), filter_html)
            )
        return pages

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
            return [name for name in ALL_FACETS if name in self.model.taxonomies]
        entry_type = self.model.catalogue.config.schema.types[type_name]
        return [
            field_.vocabulary
            for field_ in entry_type.fields.values()
            if field_.kind == "term" and field_.vocabulary in self.model.taxonomies
        ]

    def filter_data(self) -> tuple[str, str]:
        """(file name with content hash, JSON): what the filters need, in compact arrays."""
        config = self.model.catalogue.config
        facet_names = sorted(
            {name for t in [*config.schema.types.values(), None] for name in self.facet_names(t.name if t else None)}
        )
        types = list(config.schema.types)
        term_index: dict[str, dict[str, int]] = {}
        facets = []
        for name in facet_names:
            taxonomy = self.model.taxonomies[name]
            ordered = taxonomy.sorted_terms()
            term_index[name] = {info.key: index for index, info in enumerate(ordered)}
            facets.append({"name": name, "label": taxonomy.label, "terms": [[i.key, i.label] for i in ordered]})
        rows = []
        for entry in self.model.entries_newest_first():
            if entry.type not in types:
                continue
            entry_type = self.model.entry_type(entry)
            row: list[Any] = [
                entry.title,
                self.model.entry_url(entry),
                types.index(entry.type),
                _shorten(entry.summary, FILTER_SUMMARY_CHARS),
                self.views.card(entry, "").places,
            ]
            for name in facet_names:
                keys: list[int] = []
                for field_ in entry_type.fields.values():
                    if field_.kind == "term" and field_.vocabulary == name and field_.name in entry.data:
                        value = entry.data[field_.name]
                        keys.extend(term_index[name][k] for k in (value if isinstance(value, list) else [value]))
                row.append(sorted(set(keys)))
            rows.append(row)
        data = {
            "types": [[t.name, self.tr.pick(t.label, t.name)] for t in config.schema.types.values()],
            "facets": facets,
            "entries": rows,
        }
        text = compact_json(data)
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        return f"katalog/data/filter.{digest}.json", text


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
