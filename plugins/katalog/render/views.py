"""What an entry page shows, as plain data for the templates: labels, values, links and sections.

Which field goes where comes from the schema's `display` setting (render/display.py), never from a
field's name: a fork that adds or renames a field changes schema.yml, not this file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from ..core.config.schema import EntryType, Field
from ..core.entries import Entry
from ..core.link.taxonomy import PLACES
from ..editing.freshness import review_age
from .display import DATE_KINDS, SECTION_DISPLAYS, display_of, is_period
from .formats import Formats
from .images import Picture, entry_image, picture
from .model import SiteModel

SELF = "#katalog-title"
# The vocabulary a card lists its terms of (one of core.taxonomy.CATALOGUE_FILTERS; the other is the place).
CARD_TERMS = "themes"
# Shown in the page header, not as facts.
HEADER_KEYS = frozenset({"id", "title", "summary"})


@dataclass
class Item:
    text: str
    href: str | None = None
    external: bool = False


@dataclass
class Group:
    """A labelled value: a fact, or a line of the contact card."""

    label: str
    items: list[Item] = field(default_factory=list)


Record = list[Group]


@dataclass
class Quote:
    text: str
    by: str


@dataclass
class Section:
    """A generated section after the entry's text, with a heading of its own (in the table of contents)."""

    name: str  # the field's name: a class for a fork's CSS
    display: str
    label: str
    items: list[Item] = field(default_factory=list)  # list, highlight, links
    lines: list[list[Item]] = field(default_factory=list)  # lines: the values of one object each
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Related:
    title: str
    href: str
    type_label: str
    reasons: list[str]


@dataclass
class Slot:
    """A generated section's heading, which goes into the page's Markdown (so MkDocs gives it an id and
    lists it in the table of contents); its content is filled in after MkDocs has rendered the text."""

    key: str
    label: str
    top: bool = False  # before the entry's text, not after it


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


@dataclass
class EntryView:
    type_name: str
    notice: str
    title: str
    type_label: str
    summary: str
    facts: list[Group]
    contact: list[Group]  # the entry's own address, e-mail, ...
    people: list[Record]  # contact objects
    sections: list[Section]
    takes_part: list[Related]
    related: list[Related]
    slots: list[Slot] = field(default_factory=list)
    image: Picture | None = None  # the entry's image, under its lead (render/images.py)


class EntryViews:
    def __init__(self, model: SiteModel, formats: Formats | None = None) -> None:
        self.model = model
        self.tr = model.tr
        self.formats = formats or Formats(model.tr)
        types = list(model.catalogue.config.schema.types.values())
        # Fields every type has (municipality, themes, ...): among the facts after the type's own.
        self.shared = set.intersection(*(set(t.fields) for t in types)) if types else set()
        self.entries = model.catalogue.entries
        self._orders: dict[str, dict[str, int]] = {}
        # Entry path -> (entry, card face), kept by a long-running preview from build to build for the
        # same Entry objects (an unchanged file), as long as site_config/ is unchanged.
        self.faces: dict[str, tuple[Entry, tuple[str, list[str], list[str]]]] | None = None

    def view(self, entry: Entry, src: str) -> EntryView:
        entry_type = self.model.entry_type(entry)
        facts: list[Group] = []
        contact: list[Group] = []
        people: list[Record] = []
        sections: list[Section] = []
        order = self.fact_order(entry_type)
        placed = self.placed(entry, entry_type)
        for field_, display in placed:
            value = entry.data[field_.name]
            label = self.label(field_)
            if display in SECTION_DISPLAYS:
                sections.append(self.section(field_, display, label, value, src))
            elif field_.kind == "object" and not is_period(field_):
                records = self.records(field_, value, src)
                if display == "contact":
                    people.extend(records)
                else:  # an object among the facts: its records' values, one item each
                    items = [Item(", ".join(g.items[0].text for g in record if g.items)) for record in records]
                    facts.append(Group(label, items))
            else:
                group = Group(label, self.values(field_, value, src))
                (contact if display == "contact" else facts).append(group)
        takes_part, related = self.relation_reasons(entry, entry_type)
        return EntryView(
            type_name=entry.type,
            notice=self.stale_notice(entry),
            title=entry.title,
            type_label=self.tr.pick(entry_type.label, entry_type.name),
            summary=entry.summary,
            facts=sorted(facts, key=lambda group: order.get(group.label, 0)),
            contact=contact,
            people=people,
            sections=sections,
            takes_part=[self.related_item(i, why, src) for i, why in takes_part.items()],
            related=[self.related_item(i, why, src) for i, why in related.items()],
            slots=self._slots(placed, bool(takes_part), bool(related)),
            image=self.picture(entry, src),
        )

    def fact_order(self, entry_type: EntryType) -> dict[str, int]:
        """Facts: the type's own, then those every type has, then dates; by label."""
        order = self._orders.get(entry_type.name)
        if order is None:
            order = self._orders[entry_type.name] = {
                self.label(f): 2 if f.kind == "date" else 1 if name in self.shared else 0
                for name, f in entry_type.fields.items()
            }
        return order

    def slots(self, entry: Entry) -> list[Slot]:
        """The view's slots, without making the view: what the entry's Markdown needs."""
        entry_type = self.model.entry_type(entry)
        takes_part, related = self.relation_reasons(entry, entry_type, similar=False)
        # Similar entries take a while to find: asked for only when nothing else is related.
        any_related = bool(related) or any(one not in takes_part for one in self.model.similar(entry))
        return self._slots(self.placed(entry, entry_type), bool(takes_part), any_related)

    def placed(self, entry: Entry, entry_type: EntryType) -> list[tuple[Field, str]]:
        """Each field the page shows, with its display: sections in the order of SECTION_DISPLAYS."""
        placed = []
        for name, field_ in entry_type.fields.items():
            if name in HEADER_KEYS or name not in entry.data or not self.published(field_):
                continue
            if field_.kind == "image":  # shown under the lead, not as a fact
                continue
            display = display_of(field_)
            if display not in ("hidden", "related") and self.has_value(field_, entry.data[name]):
                placed.append((field_, display))
        rank = {display: n for n, display in enumerate(SECTION_DISPLAYS, start=1)}
        return sorted(placed, key=lambda one: rank.get(one[1], 0))

    def has_value(self, field_: Field, value: Any) -> bool:
        if field_.kind != "object" or is_period(field_):
            return value not in (None, "", [], {})
        records = value if isinstance(value, list) else [value]
        subs = [sub for sub in field_.fields.values() if self.published(sub)]
        return any(
            isinstance(one, dict) and any(one.get(sub.name) not in (None, "", []) for sub in subs) for one in records
        )

    def _slots(self, placed: list[tuple[Field, str]], takes_part: bool, related: bool) -> list[Slot]:
        slots = []
        if any(display == "contact" for _, display in placed):
            slots.append(Slot("contact", self.tr("ui.contact"), top=True))
        slots.extend(
            Slot(f"section:{field_.name}", self.label(field_))
            for field_, display in placed
            if display in SECTION_DISPLAYS
        )
        if takes_part:
            slots.append(Slot("takes_part", self.tr("ui.takes_part_in")))
        if related:
            slots.append(Slot("related", self.tr("ui.related")))
        return slots

    def label(self, field_: Field) -> str:
        return self.tr.pick(field_.label, field_.name)

    def stale_notice(self, entry: Entry) -> str:
        months = self.model.catalogue.config.settings.stale_after_months
        age = review_age(entry)
        if not months or age is None or age <= months:
            return ""
        return self.tr("ui.stale_notice", date=self.formats.date(entry.data["reviewed"]), months=age)

    def published(self, field_: Field) -> bool:
        """Personal data (names, e-mails, phones of staff) stays out when the site publishes roles only."""
        return not (field_.personal and self.model.catalogue.config.settings.contacts == "role_only")

    # --- sections ------------------------------------------------------------------------------

    def section(self, field_: Field, display: str, label: str, value: Any, src: str) -> Section:
        section = Section(field_.name, display, label)
        if field_.kind != "object":
            section.items = self.values(field_, value, src)
            return section
        subs = [sub for sub in field_.fields.values() if self.published(sub)]
        for one in value if isinstance(value, list) else [value]:
            if not isinstance(one, dict):
                continue
            present = [(sub, one[sub.name]) for sub in subs if sub.name in one]
            if display == "quotes":
                first = next((n for n, (sub, _) in enumerate(present) if sub.kind == "text"), None)
                if first is not None:
                    rest = [
                        item.text
                        for n, (sub, v) in enumerate(present)
                        if n != first
                        for item in self.values(sub, v, src)
                    ]
                    section.quotes.append(Quote(str(present[first][1]), ", ".join(rest)))
            elif display == "links":
                urls = [str(v) for sub, v in present if sub.kind == "url"]
                texts = [str(v) for sub, v in present if sub.kind == "text"]
                if urls:
                    section.items.append(Item(texts[0] if texts else urls[0], urls[0], external=True))
            else:
                line = [item for sub, v in present for item in self.values(sub, v, src)]
                if line:
                    section.lines.append(line)
        return section

    def records(self, field_: Field, value: Any, src: str) -> list[Record]:
        records = []
        for one in value if isinstance(value, list) else [value]:
            if not isinstance(one, dict):
                continue
            groups = [
                Group(self.label(sub), self.values(sub, one[sub.name], src))
                for sub in field_.fields.values()
                if sub.name in one and self.published(sub)
            ]
            record = [group for group in groups if group.items]
            if record:
                records.append(record)
        return records

    # --- values by kind ------------------------------------------------------------------------

    def values(self, field_: Field, value: Any, src: str) -> list[Item]:
        if field_.kind == "object":  # a period: one text
            names = list(field_.fields)
            return [Item(self.formats.period(value, names[0], names[1]))] if isinstance(value, dict) else []
        values = value if isinstance(value, list) else [value]
        items = [self.item(field_, one, src) for one in values]
        # A link to the page itself (a unit's contact who works in that unit) says nothing.
        return [item for item in items if item.href != SELF] if field_.kind == "id" else items

    def item(self, field_: Field, value: Any, src: str) -> Item:
        text = str(value)
        if field_.kind == "term" and field_.vocabulary:
            vocabulary = self.model.catalogue.config.vocabularies[field_.vocabulary]
            term = vocabulary.terms.get(text)
            label = self.tr.pick(term.label, text) if term else text
            return Item(label, self.model.term_link(field_.vocabulary, text, src))
        if field_.kind == "keyword":
            return Item(text, self.model.term_link(field_.name, text, src))
        if field_.kind == "id":
            target = self.entries.get(text)
            if target is None:
                return Item(text)
            target_src = self.model.entry_src(target)
            return Item(target.title, SELF if target_src == src else self.model.link(target_src, src))
        if field_.kind in DATE_KINDS and field_.kind != "year":
            return Item(self.formats.date(value))
        if field_.kind == "email":
            return Item(text, f"mailto:{text}")
        if field_.kind == "phone":
            return Item(text, "tel:" + "".join(ch for ch in text if ch.isdigit() or ch == "+"))
        if field_.kind == "url":
            return Item(text, text, external=True)
        return Item(text)

    # --- links both ways, each entry once ----------------------------------------------------------

    def relation_reasons(
        self, entry: Entry, entry_type: EntryType, similar: bool = True
    ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Entries that name this one in a field meant for its type (initiatives and cases naming a unit)
        are what it has tried and takes part in; every other linked or similar entry is related, once,
        with each way it is related."""
        catalogue = self.model.catalogue
        types = catalogue.config.schema.types
        reasons: dict[str, list[str]] = {}
        takes_part: dict[str, list[str]] = {}

        def add(target: str, reason: str, into: dict[str, list[str]]) -> None:
            known = into.setdefault(target, [])
            if reason not in known:
                known.append(reason)

        body_out: dict[str, None] = {}  # in the order of the links
        for link in catalogue.outgoing.get(entry.id, []):
            name = _field_name(link.key)
            field_ = entry_type.fields.get(name) if name else None
            if not name:
                body_out[link.target] = None
            elif field_ is not None and display_of(field_) == "related":
                add(link.target, self.label(field_), reasons)
        # A link in the text says less than a field naming the entry: shown only when no field does.
        for target in body_out:
            if target not in reasons:
                add(target, self.tr("ui.relation_body"), reasons)
        body_in: dict[str, None] = {}
        named_here: set[str] = set()
        for link in catalogue.incoming.get(entry.id, []):
            source = self.entries.get(link.source)
            if source is None:
                continue
            name = _field_name(link.key)
            source_field = types[source.type].fields.get(name) if name and source.type in types else None
            if source_field is None:
                body_in[link.source] = None
                continue
            named_here.add(link.source)
            if source_field.target_type == entry.type and source.type != entry.type:
                add(link.source, self.label(source_field), takes_part)
            else:
                add(link.source, self.tr("ui.relation_incoming", label=self.label(source_field)), reasons)
        for source_id in body_in:
            if source_id not in named_here:
                add(source_id, self.tr("ui.relation_incoming_body"), reasons)
        for why in reasons.values():  # named by the same field both ways: said once
            for label in list(why):
                incoming = self.tr("ui.relation_incoming", label=label)
                if incoming in why and label in why:
                    why[why.index(label)] = self.tr("ui.relation_both", label=label)
                    why.remove(incoming)
        for one in self.model.similar(entry) if similar else []:
            if one not in reasons and one not in takes_part:
                reasons[one] = [self.tr("ui.relation_similar")]
        for target in takes_part:
            reasons.pop(target, None)
        return (
            {i: why for i, why in takes_part.items() if i in self.entries},
            {i: why for i, why in reasons.items() if i in self.entries},
        )

    def related_item(self, entry_id: str, reasons: list[str], src: str) -> Related:
        target = self.entries[entry_id]
        type_label = self.tr.pick(self.model.entry_type(target).label, target.type)
        return Related(target.title, self.model.link(self.model.entry_src(target), src), type_label, reasons)

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


def _field_name(key: str) -> str:
    """The front-matter field a link's key path starts with: "units[1]" and "contacts[0].unit" name
    units and contacts."""
    return key.split("[", 1)[0].split(".", 1)[0]
