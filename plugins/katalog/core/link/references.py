"""The link stage: references in front-matter and `[[id]]` links in bodies resolved into one graph, both ways."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ..collector import Collector
from ..config.siteconfig import SiteConfig
from ..entries import Entry, Page, Reference
from ..hints import closest
from ..problems import Position, Problem


@dataclass
class Link:
    source: str
    target: str
    key: str  # the front-matter key, or "" for a link in the body


@dataclass
class Links:
    outgoing: dict[str, list[Link]] = field(default_factory=dict)  # entry id -> its links
    incoming: dict[str, list[Link]] = field(default_factory=dict)  # entry id -> links to it


def resolve_links(
    config: SiteConfig,
    entries: Mapping[str, Entry],
    pages: Iterable[Page],
    problems: list[Problem],
    unreadable: AbstractSet[str] = frozenset(),
) -> Links:
    """Resolve references from front-matter and `[[id]]` in bodies; record both directions.

    Ids in `unreadable` belong to files that failed before they became entries: references to them
    are not reported (the editor fixes the one cause instead of reading about it in every file)."""
    types = config.schema.types
    resolved = Links()
    unknown = _UnknownIds(config, entries, problems)
    for entry in entries.values():
        out = Collector(entry.path, config.tr, problems)
        links: list[Link] = []
        for reference in entry.references:
            target = entries.get(reference.target)
            if target is None:
                if reference.target not in unreadable:
                    unknown.report(out, reference.target, reference.pos, reference.key, reference.target_type)
                continue
            if target.id == entry.id and "." not in reference.key:  # a contact's `unit` may be the unit itself
                out.add(
                    "self_reference",
                    reference.pos,
                    reference.key,
                    found=f'"{target.id}"',
                    hint=config.tr("hints.self_reference"),
                    value=target.id,
                )
                continue
            if reference.target_type and target.type != reference.target_type:
                out.add(
                    "wrong_target_type",
                    reference.pos,
                    reference.key,
                    expected=config.tr.pick(types[reference.target_type].label, reference.target_type),
                    found=config.tr.pick(types[target.type].label, target.type),
                    value=reference.target,
                )
                continue
            if target.id != entry.id:
                links.append(Link(entry.id, target.id, reference.key))
        for wikilink in entry.wikilinks:
            if wikilink.target not in entries:
                if wikilink.target not in unreadable:
                    unknown.report(out, wikilink.target, wikilink.pos, f"[[{wikilink.target}]]")
            elif wikilink.target != entry.id:
                links.append(Link(entry.id, wikilink.target, ""))
        resolved.outgoing[entry.id] = links
        for one in links:
            resolved.incoming.setdefault(one.target, []).append(one)
    for page in pages:
        out = Collector(page.path, config.tr, problems)
        for wikilink in page.wikilinks:
            if wikilink.target not in entries and wikilink.target not in unreadable:
                unknown.report(out, wikilink.target, wikilink.pos, f"[[{wikilink.target}]]")
    report_cycles(config, entries, problems)
    return resolved


def report_cycles(config: SiteConfig, entries: Mapping[str, Entry], problems: list[Problem]) -> None:
    """A single-valued reference to the entry's own type (a unit's `parent`) must end somewhere."""
    chains: dict[str, dict[str, Reference]] = defaultdict(dict)  # key -> entry id -> its reference
    for entry in entries.values():
        for reference in entry.references:
            target = entries.get(reference.target)
            single = "[" not in reference.key
            if single and target is not None and target.type == entry.type and target.id != entry.id:
                chains[reference.key][entry.id] = reference
    for key, chain in chains.items():
        reported: set[str] = set()
        for start in sorted(chain):
            path, current = [start], chain[start].target
            while current in chain and current not in path and current not in reported:
                path.append(current)
                current = chain[current].target
            if current not in path:
                continue
            ring = path[path.index(current) :]
            shown = " → ".join([*ring, current])
            for member in ring:
                reference = chain[member]
                Collector(entries[member].path, config.tr, problems).add(
                    "reference_cycle",
                    reference.pos,
                    key,
                    hint=config.tr("hints.reference_cycle"),
                    cycle=shown,
                )
            reported.update(ring)


class _UnknownIds:
    """Reports an id no entry has, suggesting the closest id the key accepts."""

    def __init__(self, config: SiteConfig, entries: Mapping[str, Entry], problems: list[Problem]) -> None:
        self.tr = config.tr
        self.entries = entries
        self.problems = problems

    def report(self, out: Collector, target: str, pos: Position, key: str, target_type: str | None = None) -> None:
        # Suggest only ids the key accepts: a unit's `parent` names a unit, not the closest id of any type.
        candidates = [e.id for e in self.entries.values() if target_type is None or e.type == target_type]
        suggestion = closest(target, candidates, limit=1)
        tr = self.tr
        out.add(
            "unknown_id",
            pos,
            key,
            expected=tr("expected.existing_id"),
            found=f'"{target}"',
            hint=tr("hints.did_you_mean", suggestion=suggestion[0]) if suggestion else tr("hints.unknown_id"),
            value=target,
        )
