"""What an entry page shows, as plain data for the templates: labels, values and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.entries import Entry
from ..core.freshness import review_age
from ..core.schema import Field
from .model import SiteModel

# Shown in the page header, not as facts.
HEADER_KEYS = frozenset({"id", "title", "summary"})
SHORT_KINDS = frozenset({"term", "keyword", "id", "date", "partial_date", "year", "email", "phone", "url"})


@dataclass
class Item:
    text: str
    href: str | None = None
    external: bool = False


@dataclass
class Group:
    label: str
    items: list[Item] = field(default_factory=list)
    # For lists of objects: each object as a list of (label, items)
    records: list[list[tuple[str, list[Item]]]] = field(default_factory=list)


@dataclass
class Card:
    title: str
    href: str
    type_label: str
    places: str
    summary: str


@dataclass
class EntryView:
    notice: str
    title: str
    type_label: str
    summary: str
    facts: list[Group]
    sections: list[Group]
    relations: list[Group]


class EntryViews:
    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.tr = model.tr
        self.entries = model.catalogue.entries

    def view(self, entry: Entry, src: str) -> EntryView:
        entry_type = self.model.entry_type(entry)
        facts: list[Group] = []
        sections: list[Group] = []
        for name, field_ in entry_type.fields.items():
            if name in HEADER_KEYS or name not in entry.data or name == "related" or not self.published(field_):
                continue
            group = self.group(field_, entry.data[name], src)
            short = field_.kind in SHORT_KINDS or (field_.kind == "text" and not field_.many)
            if field_.kind == "object" and not field_.many and set(field_.fields) == {"start", "end"}:
                short = True
            (facts if short else sections).append(group)
        return EntryView(
            notice=self.stale_notice(entry),
            title=entry.title,
            type_label=self.tr.pick(entry_type.label, entry_type.name),
            summary=entry.summary,
            facts=facts,
            sections=sections,
            relations=self.relations(entry, src),
        )

    def stale_notice(self, entry: Entry) -> str:
        months = self.model.catalogue.config.settings.stale_after_months
        age = review_age(entry)
        if not months or age is None or age <= months:
            return ""
        return self.tr("ui.stale_notice", date=entry.data["reviewed"], months=age)

    # --- values by kind ----------------------------------------------------------------

    def group(self, field_: Field, value: Any, src: str) -> Group:
        label = self.tr.pick(field_.label, field_.name)
        if field_.kind == "object":
            values = value if isinstance(value, list) else [value]
            if not field_.many and set(field_.fields) == {"start", "end"}:
                span = " – ".join(str(value.get(k, "")) for k in ("start", "end")).strip(" –")
                return Group(label, [Item(span or "")])
            records = [
                [
                    (self.tr.pick(sub.label, sub.name), self.items(sub, one[sub.name], src))
                    for sub in field_.fields.values()
                    if sub.name in one and self.published(sub)
                ]
                for one in values
            ]
            return Group(label, records=[record for record in records if record])
        return Group(label, self.items(field_, value, src))

    def published(self, field_: Field) -> bool:
        """Personal data (names, e-mails, phones of staff) stays out when the site publishes roles only."""
        return not (field_.personal and self.model.catalogue.config.settings.contacts == "role_only")

    def items(self, field_: Field, value: Any, src: str) -> list[Item]:
        values = value if isinstance(value, list) else [value]
        return [self.item(field_, one, src) for one in values]

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
            return Item(target.title, self.model.link(self.model.entry_src(target), src))
        if field_.kind == "email":
            return Item(text, f"mailto:{text}")
        if field_.kind == "phone":
            return Item(text, "tel:" + "".join(ch for ch in text if ch.isdigit() or ch == "+"))
        if field_.kind == "url":
            return Item(text, text, external=True)
        return Item(text)

    # --- links both ways ----------------------------------------------------------------

    def relations(self, entry: Entry, src: str) -> list[Group]:
        catalogue = self.model.catalogue
        groups: list[Group] = []
        outgoing = _unique(link.target for link in catalogue.outgoing.get(entry.id, []))
        incoming_links = catalogue.incoming.get(entry.id, [])
        children = _unique(link.source for link in incoming_links if link.key == "parent")
        incoming = _unique(link.source for link in incoming_links if link.key != "parent")
        if outgoing:
            groups.append(Group(self.tr("ui.points_to"), [self.entry_item(i, src) for i in outgoing]))
        if children:
            groups.append(Group(self.tr("ui.sub_units"), [self.entry_item(i, src) for i in children]))
        if incoming:
            groups.append(Group(self.tr("ui.mentioned_in"), [self.entry_item(i, src) for i in incoming]))
        similar = self.model.similar(entry)
        if similar:
            groups.append(Group(self.tr("ui.similar"), [self.entry_item(i, src) for i in similar]))
        return groups

    def entry_item(self, entry_id: str, src: str) -> Item:
        target = self.entries[entry_id]
        type_label = self.tr.pick(self.model.entry_type(target).label, target.type)
        return Item(f"{target.title} ({type_label})", self.model.link(self.model.entry_src(target), src))

    def card(self, entry: Entry, src: str) -> Card:
        municipalities = entry.data.get("municipality") or []
        vocabulary = self.model.catalogue.config.vocabularies.get("municipalities")
        places = ", ".join(
            self.tr.pick(vocabulary.terms[key].label, key) if vocabulary and key in vocabulary.terms else key
            for key in municipalities
        )
        return Card(
            title=entry.title,
            href=self.model.link(self.model.entry_src(entry), src),
            type_label=self.tr.pick(self.model.entry_type(entry).label, entry.type),
            places=places,
            summary=entry.summary,
        )


def _unique(ids: Any) -> list[str]:
    return list(dict.fromkeys(ids))
