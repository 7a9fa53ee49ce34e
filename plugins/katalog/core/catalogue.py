"""The whole pipeline's front half: load, validate, and resolve every reference."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .collector import Collector
from .config.siteconfig import ConfigError, SiteConfig, load_site_config
from .entries import Entry, Page
from .hints import closest
from .link.featured import featured_problems
from .link.taxonomy import Taxonomy, build_taxonomies, slug_clashes
from .load.filecache import FileCache
from .load.loader import load
from .problems import Position, Problem, Severity
from .validate.scalar_checks import Reference


@dataclass
class Link:
    source: str
    target: str
    key: str  # the front-matter key, or "" for a link in the body


@dataclass
class Catalogue:
    config: SiteConfig
    entries: dict[str, Entry]
    problems: list[Problem]
    texts: dict[str, str]
    files: int
    pages: list[Page] = field(default_factory=list)
    outgoing: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    load_problems: list[Problem] = field(default_factory=list)  # what reading the files found

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def of_type(self, type_name: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.type == type_name]


def build_catalogue(root: Path, workers: int = 1, *, bodies: bool = True) -> Catalogue:
    """Load site_config/ and every entry under root. Raises ConfigError if site_config/ is broken.

    bodies=False when only the problems are wanted: entries and pages then carry no body text.
    """
    config = load_site_config(root)
    return build_from_config(config, workers, bodies=bodies)


def build_from_config(
    config: SiteConfig, workers: int = 1, *, bodies: bool = True, cache: FileCache | None = None, token: object = None
) -> Catalogue:
    """cache, token: see loader.load (a long-running preview reads only the files that changed)."""
    loaded = load(config, workers, bodies=bodies, cache=cache, token=token)
    problems = loaded.problems
    load_problems = list(problems)
    entries = unique_entries(config, loaded.entries, problems)
    catalogue = Catalogue(config, entries, problems, loaded.texts, loaded.files, loaded.pages)
    catalogue.load_problems = load_problems
    unreadable = unreadable_ids(config, loaded.entries, problems)
    link(catalogue, unreadable)
    problems.extend(featured_problems(config, entries, unreadable))
    catalogue.taxonomies = build_taxonomies(config, entries.values())
    problems.extend(slug_clashes(config, catalogue.taxonomies))
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return catalogue


# Overview pages live at <folder>/index.md and <folder>/2.md, ...: an entry cannot have those names.
_RESERVED_ID = re.compile(r"index|[0-9]+")


def unreadable_ids(config: SiteConfig, entries: list[Entry], problems: list[Problem]) -> set[str]:
    """Ids of catalogue files that failed before they became entries, taken from their file names.

    References to them are not reported: the editor should fix the one cause, not read about it
    in every file that names it."""
    loaded = {entry.path for entry in entries}
    prefix = f"{config.catalogue_dir}/"
    return {
        PurePosixPath(problem.path).stem
        for problem in problems
        if problem.is_error and problem.path.startswith(prefix) and problem.path not in loaded
    }


def unique_entries(config: SiteConfig, entries: list[Entry], problems: list[Problem]) -> dict[str, Entry]:
    by_folded: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if _RESERVED_ID.fullmatch(entry.id):
            folder = config.schema.types[entry.type].url
            Collector(entry.path, config.tr, problems).add(
                "reserved_id",
                entry.id_pos,
                "id",
                found=f'"{entry.id}"',
                hint=config.tr("hints.reserved_id", suggestion=f"{entry.type}-{entry.id}"),
                value=entry.id,
                folder=f"{folder}/",
            )
            continue
        by_folded[entry.id.casefold()].append(entry)
    unique: dict[str, Entry] = {}
    for group in by_folded.values():
        first = group[0]
        unique[first.id] = first
        for other in group[1:]:
            out = Collector(other.path, config.tr, problems)
            code = "duplicate_id" if other.id == first.id else "duplicate_id_case"
            out.add(
                code,
                other.id_pos,
                "id",
                found=f'"{other.id}"',
                hint=config.tr("hints.unique_id"),
                value=other.id,
                other=first.path,
                other_id=first.id,
            )
    return unique


def link(catalogue: Catalogue, unreadable: AbstractSet[str] = frozenset()) -> None:
    """Resolve references from front-matter and `[[id]]` in bodies; record both directions."""
    config = catalogue.config
    entries = catalogue.entries
    types = config.schema.types
    for entry in entries.values():
        out = Collector(entry.path, config.tr, catalogue.problems)
        links: list[Link] = []
        for reference in entry.references:
            target = entries.get(reference.target)
            if target is None:
                if reference.target not in unreadable:
                    report_unknown(
                        out, catalogue, reference.target, reference.pos, reference.key, reference.target_type
                    )
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
                    report_unknown(out, catalogue, wikilink.target, wikilink.pos, f"[[{wikilink.target}]]")
            elif wikilink.target != entry.id:
                links.append(Link(entry.id, wikilink.target, ""))
        catalogue.outgoing[entry.id] = links
        for one in links:
            catalogue.incoming.setdefault(one.target, []).append(one)
    for page in catalogue.pages:
        out = Collector(page.path, config.tr, catalogue.problems)
        for wikilink in page.wikilinks:
            if wikilink.target not in entries and wikilink.target not in unreadable:
                report_unknown(out, catalogue, wikilink.target, wikilink.pos, f"[[{wikilink.target}]]")
    report_cycles(catalogue)


def report_cycles(catalogue: Catalogue) -> None:
    """A single-valued reference to the entry's own type (a unit's `parent`) must end somewhere."""
    entries = catalogue.entries
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
                Collector(entries[member].path, catalogue.config.tr, catalogue.problems).add(
                    "reference_cycle",
                    reference.pos,
                    key,
                    hint=catalogue.config.tr("hints.reference_cycle"),
                    cycle=shown,
                )
            reported.update(ring)


def sanitising(config: SiteConfig) -> bool:
    return config.settings.sanitize_html


def report_unknown(
    out: Collector, catalogue: Catalogue, target: str, pos: Position, key: str, target_type: str | None = None
) -> None:
    # Suggest only ids the key accepts: a unit's `parent` names a unit, not the closest id of any type.
    candidates = [e.id for e in catalogue.entries.values() if target_type is None or e.type == target_type]
    suggestion = closest(target, candidates, limit=1)
    tr = catalogue.config.tr
    out.add(
        "unknown_id",
        pos,
        key,
        expected=tr("expected.existing_id"),
        found=f'"{target}"',
        hint=tr("hints.did_you_mean", suggestion=suggestion[0]) if suggestion else tr("hints.unknown_id"),
        value=target,
    )


__all__ = ["Catalogue", "ConfigError", "build_catalogue", "build_from_config"]
