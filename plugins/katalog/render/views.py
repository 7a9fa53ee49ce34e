"""An entry's view (entry_view.py) made from its fields: facts, contacts, sections, relations, slots.

Which field goes where comes from the schema's `display` setting (render/display.py), never from a
field's name: a fork that adds or renames a field changes schema.yml, not this file.
"""

from __future__ import annotations

from typing import Any

from ..core.config.schema import EntryType, Field
from ..core.entries import Entry
from ..editing.freshness import review_age
from .card_views import CardViews
from .display import DATE_KINDS, SECTION_DISPLAYS, display_of, is_period
from .entry_view import EntryView, Group, Item, Quote, Record, Related, Section, Slot
from .formats import Formats
from .model import SiteModel
from .relations import Relations

SELF = "#katalog-title"
# Shown in the page header, not as facts.
HEADER_KEYS = frozenset({"id", "title", "summary"})


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
        self.cards = CardViews(model, self.formats, self.shared)
        self.relations = Relations(model, self.label)

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
        takes_part, related = self.relations.relation_reasons(entry, entry_type)
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
            image=self.cards.picture(entry, src),
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
        takes_part, related = self.relations.relation_reasons(entry, entry_type, similar=False)
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

    def related_item(self, entry_id: str, reasons: list[str], src: str) -> Related:
        target = self.entries[entry_id]
        type_label = self.tr.pick(self.model.entry_type(target).label, target.type)
        return Related(target.title, self.model.link(self.model.entry_src(target), src), type_label, reasons)
