"""Everything a fork changes, read from site_config/: identity, schema, vocabularies, texts.

Every file is checked in full and every problem is collected (never only the first), each with its
file, line, column and key; they are raised together as one ConfigError, worded in the site's
language, or in English when the site's own texts are what is broken.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..load import frontmatter, yamlnodes, yamlparse
from ..problems import Position, Problem
from .accessibility import read_statement
from .i18n import FALLBACK_LANGUAGE, Translator
from .i18n_check import Checked, compare_placeholders, read_texts, texts_of
from .places import SiteMap, read_site_map
from .rules import (
    ConfigFile,
    Finding,
    Item,
    Text,
    did_you_mean,
    expected_text,
    hint_text,
    is_null,
    listing,
    root_item,
)
from .schema import Schema, read_schema
from .sections import TITLED_PAGES, check_sections, taxonomy_names, taxonomy_sections, title_sections
from .settings import SettingsContext, SiteSettings, read_settings
from .texts import ENGLISH
from .vocabulary import Vocabulary, read_vocabulary

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


class _Reader:
    """Reads the files of site_config/, collecting the findings of all of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []

    def data(self, relative: str, *, required: bool = True) -> bytes | None:
        """The file's bytes, or None (reported when it must be there) when it is missing or unreadable."""
        out = ConfigFile(relative, self.findings)
        path = self.root / relative
        if not path.is_file():
            if required:
                out.add("missing_file", Position(1, 1), hint=hint_text("missing_file", file=relative))
            return None
        try:
            return path.read_bytes()
        except OSError as error:
            out.add("unreadable", Position(1, 1), detail=error.strerror or type(error).__name__)
            return None

    def read(self, relative: str, *, required: bool = True) -> tuple[ConfigFile, Item | None]:
        """The file's reporter and its root (an Item with node None for an empty file), or None
        for the root when it is missing or cannot be read as YAML at all."""
        data = self.data(relative, required=required)
        if data is None:
            return ConfigFile(relative, self.findings), None
        findings, item = _yaml(relative, data)
        self.findings.extend(findings)
        return ConfigFile(relative, self.findings), item

    def checked(self, relative: str, check: Callable[[str, bytes], tuple[tuple[Finding, ...], _T]]) -> _T | None:
        """What `check` makes of a file that must be there (its findings collected), or None."""
        data = self.data(relative)
        if data is None:
            return None
        findings, result = check(relative, data)
        self.findings.extend(findings)
        return result


_T = TypeVar("_T")

# A file's findings and result depend on its bytes alone, so they are kept for the next load with the
# same bytes: `mkdocs serve` loads site_config/ again on every change, mostly unchanged. Nothing changes
# a parsed tree, a vocabulary or a text after it is made, so sharing them is safe.
_CACHE = 128


@functools.lru_cache(maxsize=_CACHE)
def _yaml(relative: str, data: bytes) -> tuple[tuple[Finding, ...], Item | None]:
    """The findings that keep the bytes from being YAML, and the root (None if there is none to read)."""
    findings: list[Finding] = []
    out = ConfigFile(relative, findings)
    text, bad = frontmatter.decode(data)
    if text is None:
        assert bad is not None
        _code, pos, args = bad
        found, hint = Text("found.byte", args), Text("hints.not_utf8")
        out.add("not_utf8", pos, message=Text("problems.not_utf8"), found=found, hint=hint)
        return tuple(findings), None
    parsed = yamlparse.parse(text)
    for issue in parsed.issues:
        own = issue.code in ("alias", "yaml_tag")  # the entries' texts speak of entries
        message = Text(f"config.problems.{issue.code}" if own else f"problems.{issue.code}", issue.args)
        hint = Text(f"hints.{issue.code}")
        out.add(issue.code, issue.pos, str(issue.args.get("key", "")), message=message, hint=hint)
    if parsed.root is None and parsed.issues:
        return tuple(findings), None
    return tuple(findings), root_item(parsed.root)


@functools.lru_cache(maxsize=_CACHE)
def _vocabulary(relative: str, data: bytes) -> tuple[tuple[Finding, ...], tuple[Item, Vocabulary | None] | None]:
    findings, item = _yaml(relative, data)
    if item is None:
        return findings, None
    more: list[Finding] = []
    vocabulary = read_vocabulary(ConfigFile(relative, more), item, Path(relative).stem)
    return (*findings, *more), (item, vocabulary)


@functools.lru_cache(maxsize=_CACHE)
def _texts(relative: str, data: bytes) -> tuple[tuple[Finding, ...], Mapping[str, Checked]]:
    findings, item = _yaml(relative, data)
    if item is None:
        return findings, {}
    more: list[Finding] = []
    texts = read_texts(ConfigFile(relative, more), item)
    return (*findings, *more), texts


def load_site_config(root: Path) -> SiteConfig:
    """Read and check site_config/ under root; every problem found is raised together as a ConfigError."""
    reader = _Reader(root)
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


def _text_files(reader: _Reader, languages: list[str]) -> TextFiles:
    """Each language's usable texts; a text whose placeholders differ from the others' is reported and left out."""
    text_files: TextFiles = {}
    for language in languages:
        relative = f"{CONFIG_DIR}/i18n/{language}.yml"
        checked = reader.checked(relative, _texts)
        text_files[language] = (ConfigFile(relative, reader.findings), dict(checked or {}))
    compare_placeholders(text_files)
    return text_files


def _vocabularies(reader: _Reader, names: list[str]) -> tuple[dict[str, Vocabulary], dict[str, yamlnodes.YNode | None]]:
    """The usable vocabularies, and the root node of each file that could be read as YAML."""
    vocabularies: dict[str, Vocabulary] = {}
    nodes: dict[str, yamlnodes.YNode | None] = {}
    for name in names:
        read = reader.checked(f"{CONFIG_DIR}/vocabularies/{name}.yml", _vocabulary)
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
