"""How an entry is related to others, each once: the entries that take part in it (a unit's initiatives
and cases) and every other linked or similar entry, with each way it is related."""

from __future__ import annotations

from collections.abc import Callable

from ..core.config.schema import EntryType, Field
from ..core.entries import Entry
from .display import display_of
from .model import SiteModel


class Relations:
    def __init__(self, model: SiteModel, label: Callable[[Field], str]) -> None:
        """label: a field's label in the site's language."""
        self.model = model
        self.tr = model.tr
        self.label = label
        self.entries = model.catalogue.entries

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


def _field_name(key: str) -> str:
    """The front-matter field a link's key path starts with: "units[1]" and "contacts[0].unit" name
    units and contacts."""
    return key.split("[", 1)[0].split(".", 1)[0]
