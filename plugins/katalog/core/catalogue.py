"""The whole pipeline's front half: load, validate, and resolve every reference."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config.siteconfig import ConfigError, SiteConfig, load_site_config
from .entries import Entry, Page
from .link.featured import featured_problems
from .link.ids import unique_entries, unreadable_ids
from .link.references import Link, resolve_links
from .link.taxonomy import Taxonomy, build_taxonomies, slug_clashes
from .load.filecache import FileCache
from .load.loader import load
from .problems import Problem, Severity


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
    links = resolve_links(config, entries, catalogue.pages, problems, unreadable)
    catalogue.outgoing, catalogue.incoming = links.outgoing, links.incoming
    problems.extend(featured_problems(config, entries, unreadable))
    catalogue.taxonomies = build_taxonomies(config, entries.values())
    problems.extend(slug_clashes(config, catalogue.taxonomies))
    problems.sort(key=lambda p: (p.path, p.line, p.column))
    return catalogue


def sanitising(config: SiteConfig) -> bool:
    return config.settings.sanitize_html


__all__ = ["Catalogue", "ConfigError", "Link", "build_catalogue", "build_from_config"]
