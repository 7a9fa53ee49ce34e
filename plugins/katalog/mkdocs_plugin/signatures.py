"""The signature of each Katalog page: the inputs its HTML is made of (see incremental.py)."""

from __future__ import annotations

import functools
from typing import Any

from ..core.entries import Entry
from ..core.link.taxonomy import Taxonomy, TermInfo
from ..render.model import SiteModel
from ..render.pages import GeneratedPage

ALWAYS = None  # the signature of a page rebuilt every time


class Signatures:
    """The signature of each Katalog page in one build (see the module's docstring)."""

    def __init__(self, model: SiteModel, page_set: str, docs_name: str, lists: CardLists | None = None) -> None:
        """lists: the last build's signed lists of entries (see `normal`); only while the world is the same."""
        self.model = model
        self.entries = model.catalogue.entries
        self.page_set = page_set  # changes when a page is added or removed: relative Markdown links may change
        self.docs_name = docs_name  # a hash of the search data, which holds every entry's terms
        self.cards: dict[str, tuple[Any, ...]] = {}  # entry id -> its card, made when first asked for
        self.named: dict[str, frozenset[str]] = {}  # entry id -> the entries its page shows something of
        self.lists: CardLists = lists or {}
        self.lists_next: CardLists = {}  # the lists this build signed, for the next

    def face(self, entry_id: str) -> tuple[Any, ...] | None:
        """What another page may show of an entry: its front-matter (title and all), type and address.
        Its body is never shown elsewhere."""
        entry = self.entries.get(entry_id)
        return None if entry is None else (entry.data, entry.type, self.model.entry_src(entry))

    def card(self, entry: Entry) -> tuple[Any, ...]:
        card = self.cards.get(entry.id)
        if card is None:
            municipality = entry.data.get("municipality") or ()
            places = tuple(municipality) if isinstance(municipality, list | tuple) else (municipality,)
            # A card also shows the entry's dates, status and themes (render/card_views.py card_face): its front-matter.
            src = self.model.entry_src(entry)
            card = self.cards[entry.id] = (entry.id, entry.title, entry.summary, places, entry.type, src, entry.data)
        return card

    def entry(self, entry: Entry) -> tuple[Any, ...]:
        catalogue = self.model.catalogue
        outgoing = tuple((link.target, link.key) for link in catalogue.outgoing.get(entry.id, []))
        incoming = tuple((link.source, link.key) for link in catalogue.incoming.get(entry.id, []))
        similar = tuple(self.model.similar(entry))
        src = self.model.entry_src(entry)
        named = [reference.target for reference in entry.references]
        named.extend(link.target for link in entry.wikilinks)
        named.extend(link[0] for link in outgoing)
        named.extend(link[0] for link in incoming)
        named.extend(similar)
        names = dict.fromkeys(named)
        self.named[entry.id] = frozenset(names)
        faces = tuple((name, self.face(name)) for name in names)
        relative_links = self.page_set if "](" in entry.body else ""
        return (
            entry.path,
            entry.type,
            entry.data,
            entry.body,
            src,
            outgoing,
            incoming,
            similar,
            faces,
            relative_links,
        )

    def generated(self, page: GeneratedPage) -> object:
        """A term page, a listing or a taxonomy's index: the arguments it is rendered from, with each
        entry as its card. Anything else: ALWAYS."""
        render = page.render
        if not isinstance(render, functools.partial) or render.keywords:
            return ALWAYS
        name = getattr(render.func, "__name__", "")
        args = render.args
        try:
            if name == "listing" and len(args) == 8:
                extra = args[7]
                if extra is None:
                    return (name, *(self.normal(arg) for arg in args[:5]), args[6])
                filters = getattr(extra, "func", None)
                if getattr(filters, "__name__", "") == "filters_html":
                    # An overview's first page: its filters count terms by type, all in the search data.
                    return (name, *(self.normal(arg) for arg in args[:5]), args[6], self.docs_name)
            if name == "taxonomy_page" and len(args) == 6:
                return (name, *(self.normal(arg) for arg in args))
            if name == "terms_index_html":
                taxonomies = [(t.label, len(t.terms), t.slug) for t in self.model.taxonomies.values()]
                return (name, *args, tuple(sorted(taxonomies)))
            if name == "who_knows_html" and len(args) == 3:
                # Every term of the keyword taxonomies with the cards of its entries.
                src, heading, taxonomies = args
                terms = tuple(
                    (self.normal(t), *((i.label, i.slug, self.normal(i.entries)) for i in t.terms.values()))
                    for t in taxonomies
                )
                return (name, src, heading, terms)
        except _Unknown:
            pass
        return ALWAYS

    def normal(self, value: object) -> object:
        if value is None or isinstance(value, str | int):
            return value
        if isinstance(value, Entry):
            return self.card(value)
        if isinstance(value, TermInfo):
            return ("term", value.key, value.label, value.slug, len(value.entries))
        if isinstance(value, Taxonomy):
            digits = any(info.slug.isdigit() for info in value.terms.values())
            return ("taxonomy", value.name, value.slug, value.label, digits)
        if isinstance(value, list | tuple):
            # The common case, made fast: a list of entries. The same Entry objects as in the last
            # build (unchanged files), in the same order, have the same cards: the last build's
            # signature of the list is taken as it was, by the objects' ids (alive, as `lists`
            # holds them, so no other object has one of those ids).
            ids = tuple(map(id, value))
            kept = self.lists.get(ids) or self.lists_next.get(ids)
            if kept is None and value and all(type(item) is Entry for item in value):
                kept = (tuple(value), tuple(self.card(item) for item in value))
            if kept is not None:
                self.lists_next[ids] = kept
                return kept[1]
            return tuple(self.normal(item) for item in value)
        raise _Unknown(type(value).__name__)


CardLists = dict[tuple[int, ...], tuple[tuple[Entry, ...], tuple[Any, ...]]]


class _Unknown(Exception):
    """An argument this does not know how to sign: the page is rebuilt every time."""
