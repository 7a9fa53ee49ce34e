"""Which entries a booklet holds: the selection by type, theme and municipality, checked against the
catalogue, its entries in order, its default title, and the listing its link goes on."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.entries import Entry
from ..core.link.taxonomy import PLACES
from .collation import Collation
from .pages import PageRenderer

# The selection's options and the vocabulary each narrows by (the whole catalogue's filters).
TERM_OPTIONS = {"theme": "themes", "municipality": PLACES}


@dataclass(frozen=True)
class Selection:
    """Which entries a booklet holds: all of them, narrowed by type, theme and municipality (keys)."""

    type_name: str | None = None
    theme: str | None = None
    municipality: str | None = None

    def terms(self) -> list[tuple[str, str]]:
        """(vocabulary, key) of each term the selection narrows by."""
        chosen = {"theme": self.theme, "municipality": self.municipality}
        return [(TERM_OPTIONS[option], key) for option, key in chosen.items() if key is not None]


def selection_problem(renderer: PageRenderer, selection: Selection) -> str | None:
    """Why the selection names something the catalogue does not have, in the site's language."""
    config = renderer.model.catalogue.config
    tr = renderer.tr
    types_ = config.schema.types
    if selection.type_name is not None and selection.type_name not in types_:
        return tr("booklet.unknown_type", value=selection.type_name, known=", ".join(types_))
    for vocabulary_name, key in selection.terms():
        vocabulary = config.vocabularies.get(vocabulary_name)
        if vocabulary is None or key not in vocabulary.terms:
            known = ", ".join(vocabulary.terms) if vocabulary else ""
            taxonomy = renderer.model.taxonomies.get(vocabulary_name)
            label = taxonomy.singular if taxonomy else vocabulary_name
            return tr("booklet.unknown_term", label=label, value=key, known=_shortened(known, 400))
    return None


def select(renderer: PageRenderer, selection: Selection) -> list[Entry]:
    """The selected entries, by type in the schema's order, then by title as the site's language sorts."""
    model = renderer.model
    entries = list(model.catalogue.entries.values())  # articles of content/ too, as on the listings
    if selection.type_name is not None:
        entries = [entry for entry in entries if entry.type == selection.type_name]
    for vocabulary_name, key in selection.terms():
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        ids = {entry.id for entry in info.entries} if info else set()
        entries = [entry for entry in entries if entry.id in ids]
    order = {name: n for n, name in enumerate(model.catalogue.config.schema.types)}
    collation = Collation(renderer.tr.language)
    return sorted(entries, key=lambda e: (order.get(e.type, 0), collation.key(e.title), e.title, e.id))


def default_title(renderer: PageRenderer, selection: Selection) -> str:
    """The type's plural ("Medborgerskabskatalog"), each term as its page is headed ("Tema: Lokalsamfund"),
    or the whole catalogue's name for a booklet of everything."""
    model = renderer.model
    parts = []
    if selection.type_name is not None:
        entry_type = model.catalogue.config.schema.types[selection.type_name]
        parts.append(renderer.tr.pick(entry_type.plural, entry_type.name))
    for vocabulary_name, key in selection.terms():
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        if taxonomy is not None and info is not None:
            parts.append(f"{taxonomy.singular}: {info.label}")
    return " – ".join(parts) or renderer.tr("ui.catalogue")


def listing_src(renderer: PageRenderer, selection: Selection) -> str:
    """The listing a booklet belongs to: its last term's page, else its type's overview, else the
    whole catalogue's."""
    model = renderer.model
    for vocabulary_name, key in reversed(selection.terms()):
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        if taxonomy is not None and info is not None:
            return model.term_src(taxonomy, info.slug)
    return model.overview_src(selection.type_name)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(",", 1)[0] + ", …"
