"""Everything a fork changes, read from site_config/: identity, schema, vocabularies, texts.

Every file is checked in full and every problem is collected (never only the first), each with its
file, line, column and key; they are raised together as one ConfigError, worded in the site's
language, or in English when the site's own texts are what is broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import FALLBACK_LANGUAGE, Translator
from ..problems import Position, Problem
from ..read import yamlnodes
from .accessibility import read_statement
from .findings import did_you_mean, expected_text, hint_text, listing
from .i18n_check import Checked, compare_placeholders, texts_of
from .places import SiteMap, read_site_map
from .reader import Reader, text_file, vocabulary_file
from .rules import ConfigFile, is_null
from .schema import Schema
from .schema_file import read_schema
from .sections import TITLED_PAGES, check_sections, taxonomy_names, taxonomy_sections, title_sections
from .settings import SettingsContext, SiteSettings, read_settings
from .texts import ENGLISH
from .vocabulary import Vocabulary

CONFIG_DIR = "site_config"


class ConfigError(Exception):
    """site_config/ has problems: all of them, located, and the translator they were worded with."""

    def __init__(self, problems: list[Problem], tr: Translator | None = None) -> None:
        super().__init__("; ".join(f"{p.path}:{p.line}:{p.column}: {p.message}" for p in problems))
        self.problems = problems
        self.tr = tr or english()


def english() -> Translator:
    """Katalog's own English texts for site_config/'s problems, for when the site's texts cannot be used."""
    return Translator(FALLBACK_LANGUAGE, {}, ENGLISH)


@dataclass
class SiteConfig:
    root: Path
    site: dict[str, Any]
    schema: Schema
    vocabularies: dict[str, Vocabulary]
    tr: Translator
    settings: SiteSettings
    statement: dict[str, Any] | None = None  # site_config/accessibility.yml
    site_map: SiteMap | None = None  # site_config/map.yml and places.yml (core/config/places.py)
    catalogue_dir: str = "catalogue"
    content_dir: str = "content"

    @property
    def language(self) -> str:
        return self.tr.language


def load_site_config(root: Path) -> SiteConfig:
    """Read and check site_config/ under root; every problem found is raised together as a ConfigError."""
    reader = Reader(root)
    config_dir = root / CONFIG_DIR
    i18n_dir = config_dir / "i18n"
    languages = sorted(path.stem for path in i18n_dir.glob("*.yml")) if i18n_dir.is_dir() else []

    site_out, site_item = reader.read(f"{CONFIG_DIR}/site.yml")
    settings = SiteSettings()
    if site_item is not None:
        settings = read_settings(site_out, site_item, SettingsContext(root, languages))
    site_node = site_item.node if site_item is not None else None
    site = yamlnodes.to_plain(site_node) if isinstance(site_node, yamlnodes.YMap) else {}

    text_files = _text_files(reader, languages)
    language = settings.language
    if language not in text_files and not _given(site_node, "language"):
        site_out.add(
            "unknown_language",
            _key_position(site_node, ["language"]),
            "language",
            expected=expected_text("language", values=listing(languages)),
            hint=hint_text("language", value=language),
            value=language,
        )
    own = texts_of(text_files[language][1]) if language in text_files else {}
    english = texts_of(text_files[FALLBACK_LANGUAGE][1]) if FALLBACK_LANGUAGE in text_files else {}
    tr = Translator(language, own, {**ENGLISH, **english})

    vocabulary_names = sorted(path.stem for path in (config_dir / "vocabularies").glob("*.yml"))
    vocabularies, vocabulary_nodes = _vocabularies(reader, vocabulary_names)
    site_map = read_site_map(reader.read, vocabularies)

    schema_out, schema_item = reader.read(f"{CONFIG_DIR}/schema.yml")
    schema = read_schema(schema_out, schema_item, vocabulary_names) if schema_item is not None else Schema({})
    schema_node = schema_item.node if schema_item is not None else None
    if schema.types:
        keywords = [name for name in taxonomy_names(schema) if name not in vocabulary_names]
        _check_weights(site_out, site_node, settings, [*vocabulary_names, *keywords])

    statement_out, statement_item = reader.read(f"{CONFIG_DIR}/accessibility.yml", required=False)
    statement = read_statement(statement_out, statement_item) if statement_item is not None else None

    taxonomies = taxonomy_sections(schema, schema_node, vocabularies, vocabulary_nodes, tr)
    titles = title_sections(tr, _title_places(tr, text_files), (config_dir / "accessibility.yml").is_file())
    check_sections(reader.findings, schema, schema_node, taxonomies, titles)

    if reader.findings:
        # Worded in the site's language; a text of its file that is itself broken was left out
        # above, so English (en.yml, else Katalog's own) stands in for it.
        problems = sorted(finding.problem(tr) for finding in reader.findings)
        raise ConfigError(problems, tr)
    return SiteConfig(
        root=root,
        site=site,
        schema=schema,
        vocabularies=vocabularies,
        tr=tr,
        settings=settings,
        statement=statement,
        site_map=site_map,
    )


TextFiles = dict[str, tuple[ConfigFile, dict[str, Checked]]]


def _text_files(reader: Reader, languages: list[str]) -> TextFiles:
    """Each language's usable texts; a text whose placeholders differ from the others' is reported and left out."""
    text_files: TextFiles = {}
    for language in languages:
        relative = f"{CONFIG_DIR}/i18n/{language}.yml"
        checked = reader.checked(relative, text_file)
        text_files[language] = (ConfigFile(relative, reader.findings), dict(checked or {}))
    compare_placeholders(text_files)
    return text_files


def _vocabularies(reader: Reader, names: list[str]) -> tuple[dict[str, Vocabulary], dict[str, yamlnodes.YNode | None]]:
    """The usable vocabularies, and the root node of each file that could be read as YAML."""
    vocabularies: dict[str, Vocabulary] = {}
    nodes: dict[str, yamlnodes.YNode | None] = {}
    for name in names:
        read = reader.checked(f"{CONFIG_DIR}/vocabularies/{name}.yml", vocabulary_file)
        if read is None:
            continue
        item, vocabulary = read
        nodes[name] = item.node
        if vocabulary is not None:
            vocabularies[name] = vocabulary
    return vocabularies, nodes


def _title_places(tr: Translator, text_files: TextFiles) -> dict[str, tuple[str, Position]]:
    """Where the titles that make pages' addresses are written: the site's language file, else en.yml."""
    places: dict[str, tuple[str, Position]] = {}
    for key in TITLED_PAGES:
        for language in (tr.language, FALLBACK_LANGUAGE):
            title = text_files[language][1].get(key) if language in text_files else None
            if title is not None and title.template == tr(key):
                places[key] = (f"{CONFIG_DIR}/i18n/{language}.yml", title.item.pos)
                break
    return places


def _check_weights(
    out: ConfigFile, site_node: yamlnodes.YNode | None, settings: SiteSettings, names: list[str]
) -> None:
    """similar.weights names taxonomies: vocabularies of term fields and keyword fields."""
    for name in settings.similar.weights:
        if name in names:
            continue
        key = f"similar.weights.{name}"
        pos = _key_position(site_node, ["similar", "weights", name])
        out.add(
            "unknown_taxonomy",
            pos,
            key,
            expected=expected_text("taxonomy", values=listing(names)),
            hint=did_you_mean(name, names) or "",
            name=name,
        )


def _given(node: yamlnodes.YNode | None, key: str) -> bool:
    return isinstance(node, yamlnodes.YMap) and key in node.items and not is_null(node.items[key][1])


def _key_position(node: yamlnodes.YNode | None, keys: list[str]) -> Position:
    pos = node.pos if node is not None else Position(1, 1)
    for key in keys:
        if not isinstance(node, yamlnodes.YMap) or key not in node.items:
            break
        key_node, node = node.items[key]
        pos = key_node.pos
    return pos
