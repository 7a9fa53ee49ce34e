"""Which entries carry which term, tag or expertise keyword: the index behind term pages and facets."""

from __future__ import annotations

import functools
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..config.schema import Field
from ..config.siteconfig import SiteConfig
from ..entries import Entry
from ..hints import fold
from ..problems import Problem, Severity
from ..slugs import slugify

# The vocabularies to narrow the whole catalogue by (overview filters, search results).
# The vocabulary of where entries come from: cards show it, overviews sort by it, the map marks it.
PLACES = "municipalities"
CATALOGUE_FILTERS = (PLACES, "themes")


@dataclass
class TermInfo:
    key: str  # the vocabulary key, or the folded keyword
    label: str
    slug: str
    entries: list[Entry] = field(default_factory=list)
    first_path: str = ""  # where the first entry carrying it writes it, e.g. tags[1]


@dataclass
class Taxonomy:
    name: str  # vocabulary name, or the keyword field's name
    label: str  # plural, e.g. "Temaer"
    singular: str
    slug: str
    fields: list[str]
    free: bool  # keywords (tags, expertise) rather than a vocabulary
    terms: dict[str, TermInfo] = field(default_factory=dict)

    def sorted_terms(self) -> list[TermInfo]:
        return sorted(self.terms.values(), key=lambda t: fold(t.label))


def build_taxonomies(config: SiteConfig, entries: Iterable[Entry]) -> dict[str, Taxonomy]:
    """Every vocabulary used by a top-level term field, and every keyword field, with its entries."""
    tr = config.tr
    taxonomies: dict[str, Taxonomy] = {}
    field_of: dict[str, list[tuple[str, Field]]] = defaultdict(list)
    for entry_type in config.schema.types.values():
        for field_ in entry_type.fields.values():
            if field_.kind == "term" and field_.vocabulary:
                field_of[field_.vocabulary].append((entry_type.name, field_))
            elif field_.kind == "keyword":
                field_of[field_.name].append((entry_type.name, field_))
    for name, uses in field_of.items():
        first = uses[0][1]
        vocabulary = config.vocabularies.get(name) if first.kind == "term" else None
        if vocabulary is not None:
            label = tr.pick(vocabulary.label, name)
            singular = tr.pick(vocabulary.singular, label)
        else:
            label = singular = tr.pick(first.label, name)
        taxonomies[name] = Taxonomy(
            name=name,
            label=label,
            singular=singular,
            slug=slugify(label) or slugify(name),
            fields=sorted({f.name for _, f in uses}),
            free=vocabulary is None,
        )
    # Per type, the fields whose values are terms, and the taxonomy each belongs to.
    term_fields = {
        entry_type.name: [
            (name, taxonomies[field_.vocabulary if field_.kind == "term" and field_.vocabulary else name])
            for name, field_ in entry_type.fields.items()
            if field_.kind in ("term", "keyword")
        ]
        for entry_type in config.schema.types.values()
    }
    for entry in sorted(entries, key=newest_first):
        data = entry.data
        for field_name, taxonomy in term_fields[entry.type]:
            value = data.get(field_name)
            if value is None:
                continue
            if isinstance(value, list):
                for index, item in enumerate(value):
                    add_term(config, taxonomy, entry, str(item), field_name, index)
            else:
                add_term(config, taxonomy, entry, str(value), field_name, None)
    return taxonomies


def add_term(
    config: SiteConfig, taxonomy: Taxonomy, entry: Entry, value: str, field_name: str, index: int | None
) -> None:
    key = fold(value) if taxonomy.free else value
    info = taxonomy.terms.get(key)
    if info is None:
        if taxonomy.free:
            label = value
        else:
            term = config.vocabularies[taxonomy.name].terms[value]
            label = config.tr.pick(term.label, value)
        # A single value may stand for a list of one; the key path says how it was written.
        path = f"{field_name}[{index}]" if index is not None else field_name
        if path not in entry.positions:
            path = field_name
        info = taxonomy.terms[key] = TermInfo(key, label, slugify(key) or "x", first_path=path)
    if not info.entries or info.entries[-1] is not entry:
        info.entries.append(entry)


def slug_clashes(config: SiteConfig, taxonomies: dict[str, Taxonomy]) -> list[Problem]:
    """Two terms of one taxonomy whose slugs are equal would share a page: an error."""
    problems = []
    tr = config.tr
    for taxonomy in taxonomies.values():
        seen: dict[str, TermInfo] = {}
        for info in taxonomy.sorted_terms():
            other = seen.setdefault(info.slug, info)
            if other is info:
                continue
            entry = info.entries[0]
            pos = entry.positions.get(info.first_path, entry.id_pos)
            message = tr("problems.slug_clash", value=info.label, other=other.label, slug=info.slug)
            hint = tr("hints.slug_clash", other=other.label)
            problems.append(
                Problem(
                    entry.path, pos.line, pos.column, Severity.ERROR, "slug_clash", info.first_path, message, hint=hint
                )
            )
    return problems


def sort_date(entry: Entry) -> str:
    data = entry.data
    period = data.get("period")
    candidates = [
        data.get("date"),
        period.get("start") if isinstance(period, dict) else None,
        str(data["year"]) if "year" in data else None,
        data.get("reviewed"),
    ]
    return next((str(c) for c in candidates if c), "")


def newest_first(entry: Entry) -> tuple[str, str]:
    """The sort key of lists newest first (then by title). Kept for as long as the entry lives: a
    long-running preview keeps the entries of unchanged files from one build to the next, and sorts
    them several times in each."""
    kept = _SORT_KEYS.get(id(entry))
    if kept is not None and kept[0]() is entry:
        return kept[1]
    key = (_invert(sort_date(entry)), fold(entry.title))
    _SORT_KEYS[id(entry)] = (weakref.ref(entry, functools.partial(_forget_key, id(entry))), key)
    return key


_SORT_KEYS: dict[int, tuple[weakref.ref[Entry], tuple[str, str]]] = {}


def _forget_key(identity: int, _: object) -> None:
    _SORT_KEYS.pop(identity, None)


_INVERTED_DIGITS = str.maketrans({digit: chr(0x10FFFF - ord(digit)) for digit in "0123456789"})


def _invert(text: str) -> str:
    return text.ljust(10, "0").translate(_INVERTED_DIGITS)
