"""The facets an overview filters by: the whole catalogue's types and filters, or a type's terms and
its own free keywords, each term with how many of the listed entries have it."""

from __future__ import annotations

from typing import Any

from ..core.entries import Entry
from ..core.link.taxonomy import CATALOGUE_FILTERS
from .collation import Collation
from .pages import PageRenderer

FACET_TERMS = 60  # terms a facet lists; more go behind a link to the taxonomy's page
TYPE_FACET = "type"  # the whole catalogue's filter by type (the address says ?type=case)


class Facets:
    def __init__(self, renderer: PageRenderer) -> None:
        self.model = renderer.model
        self.tr = renderer.tr
        self.formats = renderer.formats
        self.views = renderer.views

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
