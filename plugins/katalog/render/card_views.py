"""What a card in a listing shows of an entry: title, type, places, when, its status and its themes,
and its image; the face (when, badges, themes) also feeds the overviews' script (listing_data.py)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..core.config.schema import Field
from ..core.entries import Entry
from ..core.link.taxonomy import PLACES
from .display import DATE_KINDS, is_period
from .formats import Formats
from .images import Picture, entry_image, picture
from .model import SiteModel

# The vocabulary a card lists its terms of (one of core/link/taxonomy.py CATALOGUE_FILTERS; the other is the
# place).
CARD_TERMS = "themes"


@dataclass
class Card:
    title: str
    href: str
    type_label: str
    places: str
    summary: str
    when: str = ""  # a year, a period in years, or a date
    badges: list[str] = field(default_factory=list)  # the type's own required single terms (status)
    themes: list[str] = field(default_factory=list)
    themes_label: str = ""  # said before the themes to a screen reader
    image: Picture | None = None  # the entry's image (render/images.py)


class CardViews:
    def __init__(self, model: SiteModel, formats: Formats, shared: set[str]) -> None:
        """shared: the fields every type has, which a card does not show as its badges or date."""
        self.model = model
        self.tr = model.tr
        self.formats = formats
        self.shared = shared
        # Entry path -> (entry, card face), kept by a long-running preview from build to build for the
        # same Entry objects (an unchanged file), as long as site_config/ is unchanged.
        self.faces: dict[str, tuple[Entry, tuple[str, list[str], list[str]]]] | None = None

    def card(self, entry: Entry, src: str) -> Card:
        municipalities = entry.data.get("municipality") or []
        vocabulary = self.model.catalogue.config.vocabularies.get(PLACES)
        places = ", ".join(
            self.tr.pick(vocabulary.terms[key].label, key) if vocabulary and key in vocabulary.terms else key
            for key in municipalities
        )
        face = self.card_face(entry)
        return Card(
            title=entry.title,
            href=self.model.link(self.model.entry_src(entry), src),
            type_label=self.tr.pick(self.model.entry_type(entry).label, entry.type),
            places=places,
            summary=entry.summary,
            when=face[0],
            badges=face[1],
            themes=face[2],
            themes_label=self.themes_label,
            image=self.picture(entry, src),
        )

    def picture(self, entry: Entry, src: str) -> Picture | None:
        image = entry_image(self.model.entry_type(entry).fields, entry.data)
        return picture(image, lambda path: self.model.static_link(path, src)) if image else None

    @functools.cached_property
    def themes_label(self) -> str:
        taxonomy = self.model.taxonomies.get(CARD_TERMS)
        return taxonomy.label if taxonomy else ""

    def card_face(self, entry: Entry) -> tuple[str, list[str], list[str]]:
        """What a card shows besides title, type and place: when, its status (or kind), its themes.
        The same for the overview pages' script (render/listing_data.py)."""
        faces = self.faces
        if faces is not None:
            kept = faces.get(entry.path)
            if kept is not None and kept[0] is entry:
                return kept[1]
        entry_type = self.model.entry_type(entry)
        when = ""
        badges: list[str] = []
        for name, field_ in entry_type.fields.items():
            value = entry.data.get(name)
            if value in (None, "", [], {}) or name in self.shared:
                continue
            if not when and (is_period(field_) or field_.kind in DATE_KINDS):
                when = self.when(field_, value)
            elif field_.kind == "term" and field_.required and not field_.many and field_.vocabulary:
                badges.append(self.term_label(field_.vocabulary, str(value)))
        themes = [self.term_label(CARD_TERMS, str(key)) for key in entry.data.get(CARD_TERMS) or []]
        if faces is not None:
            faces[entry.path] = (entry, (when, badges, themes))
        return when, badges, themes

    def when(self, field_: Field, value: Any) -> str:
        """A period in years ("2019–2021", "fra 2020"), a year, or a date in words."""
        if isinstance(value, dict):
            names = list(field_.fields)
            start, end = (str(value.get(n) or "")[:4] for n in names[:2])
            if start and end:
                return start if start == end else f"{start}–{end}"
            if start:
                return self.tr("ui.period_from", start=start)
            return self.tr("ui.period_until", end=end) if end else ""
        return str(value) if field_.kind == "year" else self.formats.date(value)

    def term_label(self, vocabulary_name: str, key: str) -> str:
        vocabulary = self.model.catalogue.config.vocabularies.get(vocabulary_name)
        term = vocabulary.terms.get(key) if vocabulary else None
        return self.tr.pick(term.label, key) if term else key
