"""'Hvem ved noget om…': the terms of the keywords a type has of its own (a visitkort's expertise), from
A to Å, each with the entries that have it; and the link to it from the overviews."""

from __future__ import annotations

import functools
from typing import Any

from ..core.hints import fold
from ..core.link.taxonomy import Taxonomy
from ..core.slugs import slugify
from .collation import Collation
from .pages import GeneratedPage, PageRenderer


class WhoKnows:
    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self.model = renderer.model
        self.tr = renderer.tr
        self.views = renderer.views

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
                    term["cards"].setdefault(entry.id, self.views.cards.card(entry, src))
        groups: dict[str, list[dict[str, Any]]] = {}
        for term in sorted(terms.values(), key=lambda t: (collation.key(t["label"]), t["label"])):
            cards = sorted(term["cards"].values(), key=lambda c: (collation.key(c.title), c.title))
            groups.setdefault(collation.initial(term["label"]), []).append({**term, "cards": cards})
        letters = [
            {"letter": letter, "id": f"letter-{slugify(letter) or 'other'}", "terms": listed}
            for letter, listed in groups.items()
        ]
        intro = self.tr("ui.who_knows_intro", fields=", ".join(t.label for t in taxonomies))
        return self.renderer.render("katalog/who_knows.html", heading=heading, intro=intro, letters=letters)

    def who_knows_link(self, type_name: str | None, src: str) -> str | None:
        """On the overview of a type with keywords of its own: a link to who knows what, A to Å."""
        if type_name is None:
            return None
        own = set(self.model.catalogue.config.schema.types[type_name].fields)
        if not any(name in own for name in (t.name for t in self.knowledge_taxonomies())):
            return None
        return self.model.link(self.who_knows_src(), src)
