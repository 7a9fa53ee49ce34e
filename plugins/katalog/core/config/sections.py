"""The site's top-level addresses that site_config/ decides, checked for clashes before anything is built.

Each entry type's overview and entries live under its `url:`, each vocabulary's and keyword field's
term pages under the slug of its label, and Katalog has fixed places of its own (see render/): two of
them at one address would overwrite each other's pages without a word.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import Translator
from ..problems import Position
from ..read.yamlnodes import YMap, YNode
from ..slugs import slugify
from .findings import Finding, Text, hint_text
from .rules import ConfigFile
from .schema import Schema
from .vocabulary import Vocabulary

# render/model.py: TERMS_ROOT (emner/) and the whole catalogue's overview (katalog/), which also holds
# Katalog's own files; Material's assets/ and search/; Decap CMS (admin/) and the JSON Schemas (schemas/)
# that `katalog export` writes under content/.
FIXED_SECTIONS = ("emner", "katalog", "assets", "search", "admin", "schemas")


@dataclass(frozen=True)
class Section:
    slug: str
    owner: Text  # what the address belongs to, in an editor's words
    path: str  # the file whose value made the address
    pos: Position
    key: str


def taxonomy_sections(
    schema: Schema,
    schema_node: YNode | None,
    vocabularies: Mapping[str, Vocabulary],
    vocabulary_nodes: Mapping[str, YNode | None],
    tr: Translator,
) -> list[Section]:
    """Each taxonomy's term pages, named as core/link/taxonomy.py names them: the slug of its label."""
    sections: list[Section] = []
    seen: set[str] = set()
    for entry_type in schema.types.values():
        for name, field_ in entry_type.fields.items():
            if field_.kind == "term" and field_.vocabulary:
                taxonomy = field_.vocabulary
                if taxonomy in seen:
                    continue
                seen.add(taxonomy)
                vocabulary = vocabularies.get(taxonomy)
                if vocabulary is None:
                    continue
                label = tr.pick(vocabulary.label, taxonomy)
                path = f"site_config/vocabularies/{taxonomy}.yml"
                key, pos = _where(vocabulary_nodes.get(taxonomy), ["label"])
                owner = Text("config.sections.vocabulary", {"name": taxonomy})
            elif field_.kind == "keyword":
                taxonomy = name
                if taxonomy in seen:
                    continue
                seen.add(taxonomy)
                label = tr.pick(field_.label, name)
                path = "site_config/schema.yml"
                key, pos = _field_where(schema_node, entry_type.name, name)
                owner = Text("config.sections.keyword", {"name": taxonomy})
            else:
                continue
            sections.append(Section(slugify(label) or slugify(taxonomy), owner, path, pos, key))
    return sections


KATALOG = Text("config.sections.katalog")
# The pages whose address is the slug of their title in the site's language (render/site_files.py and
# render/pages.py): the field reference, and the accessibility statement when there is one.
TITLED_PAGES = ("reference.title", "statement.title")


def title_sections(tr: Translator, where: Mapping[str, tuple[str, Position]], statement: bool) -> list[Section]:
    """The titled pages' addresses; `where`: title key -> (file, position) of the text that gives it."""
    sections = []
    for key in TITLED_PAGES[: 2 if statement else 1]:
        path, pos = where.get(key, ("", Position(1, 1)))
        sections.append(Section(slugify(tr(key)), KATALOG, path, pos, key if path else ""))
    return sections


def taxonomy_names(schema: Schema) -> list[str]:
    names: dict[str, None] = {}
    for entry_type in schema.types.values():
        for name, field_ in entry_type.fields.items():
            if field_.kind == "term" and field_.vocabulary:
                names[field_.vocabulary] = None
            elif field_.kind == "keyword":
                names[name] = None
    return list(names)


def check_sections(
    findings: list[Finding],
    schema: Schema,
    schema_node: YNode | None,
    taxonomies: list[Section],
    titles: list[Section],
) -> None:
    """Each address is used once; a clash is reported at every place that names it (Katalog's own
    fixed places are not reported, only the fork's side of a clash with one)."""
    sections = [Section(slug, KATALOG, "", Position(1, 1), "") for slug in FIXED_SECTIONS]
    sections.extend(titles)
    for entry_type in schema.types.values():
        key, pos = _where(schema_node, ["types", entry_type.name, "url"])
        owner = Text("config.sections.type", {"name": entry_type.name})
        sections.append(Section(entry_type.url, owner, "site_config/schema.yml", pos, key))
    sections.extend(taxonomies)
    by_slug: dict[str, list[Section]] = {}
    for section in sections:
        if section.path and not section.slug:
            ConfigFile(section.path, findings).add("no_address", section.pos, section.key, hint=hint_text("no_address"))
            continue
        by_slug.setdefault(section.slug, []).append(section)
    for slug, sharing in by_slug.items():
        for section in sharing:
            if not section.path:
                continue
            out = ConfigFile(section.path, findings)
            others = [other for other in sharing if other is not section]
            if others:
                out.add(
                    "address_taken",
                    section.pos,
                    section.key,
                    hint=hint_text("address_taken"),
                    value=slug,
                    other=others[0].owner,
                )


def _where(node: YNode | None, keys: list[str]) -> tuple[str, Position]:
    """The dotted key and the position of the deepest of `keys` that is there."""
    found: list[str] = []
    pos = node.pos if node is not None else Position(1, 1)
    current = node
    for key in keys:
        if not isinstance(current, YMap) or key not in current.items:
            break
        key_node, current = current.items[key]
        found.append(key)
        pos = current.pos if current.pos.line == key_node.pos.line else key_node.pos
    return ".".join(found), pos


def _field_where(schema_node: YNode | None, type_name: str, field_name: str) -> tuple[str, Position]:
    own = _where(schema_node, ["types", type_name, "fields", field_name, "label"])
    if own[0].startswith(f"types.{type_name}.fields.{field_name}"):
        return own
    return _where(schema_node, ["common", field_name, "label"])
