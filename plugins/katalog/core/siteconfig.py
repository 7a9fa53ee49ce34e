"""Everything a fork changes, read from site_config/: identity, schema, vocabularies, texts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import frontmatter, yamlnodes
from .i18n import FALLBACK_LANGUAGE, Translator, flatten
from .problems import Position, Problem, Severity
from .schema import Schema, SchemaError, parse_schema
from .settings import SettingError, SiteSettings, parse_settings
from .vocabulary import Vocabulary, parse_vocabulary

CONFIG_DIR = "site_config"


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}:{p.line}: {p.message}" for p in problems))
        self.problems = problems


@dataclass
class SiteConfig:
    root: Path
    site: dict[str, Any]
    schema: Schema
    vocabularies: dict[str, Vocabulary]
    tr: Translator
    settings: SiteSettings
    statement: dict[str, Any] | None = None  # site_config/accessibility.yml
    catalogue_dir: str = "catalogue"
    content_dir: str = "content"

    @property
    def language(self) -> str:
        return self.tr.language


def _config_problem(path: str, pos: Position | None, message: str) -> Problem:
    pos = pos or Position(1, 1)
    return Problem(path, pos.line, pos.column, Severity.ERROR, "config", "", message)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def read(self, relative: str, *, required: bool = True) -> tuple[Any, yamlnodes.YNode | None]:
        path = self.root / relative
        if not path.is_file():
            if required:
                self.problems.append(_config_problem(relative, None, f"missing file {relative}"))
            return None, None
        text, bad = frontmatter.decode(path.read_bytes())
        if text is None:
            assert bad is not None
            self.problems.append(_config_problem(relative, bad[1], "the file is not UTF-8"))
            return None, None
        parsed = yamlnodes.parse(text)
        for issue in parsed.issues:
            detail = issue.args.get("detail") or issue.code.replace("_", " ")
            self.problems.append(_config_problem(relative, issue.pos, f"YAML: {detail}"))
        return yamlnodes.to_plain(parsed.root), parsed.root

    def schema_error(self, relative: str, node: yamlnodes.YNode | None, error: SchemaError) -> None:
        self.problems.append(_config_problem(relative, yamlnodes.locate(node, error.key), error.message))


def load_site_config(root: Path) -> SiteConfig:
    """Read site_config/ under root; every problem found is raised together as a ConfigError."""
    reader = _Reader(root)
    site_path = f"{CONFIG_DIR}/site.yml"
    site, site_node = reader.read(site_path)
    site = site if isinstance(site, dict) else {}
    try:
        settings = parse_settings(site)
    except SettingError as error:
        reader.problems.append(_config_problem(site_path, yamlnodes.locate(site_node, error.key), error.message))
        settings = SiteSettings()
    language = settings.language

    texts, _ = reader.read(f"{CONFIG_DIR}/i18n/{language}.yml")
    fallback_texts, _ = reader.read(f"{CONFIG_DIR}/i18n/{FALLBACK_LANGUAGE}.yml", required=False)
    tr = Translator(
        language,
        flatten(texts) if isinstance(texts, dict) else {},
        flatten(fallback_texts) if isinstance(fallback_texts, dict) else {},
    )

    schema_path = f"{CONFIG_DIR}/schema.yml"
    schema_data, schema_node = reader.read(schema_path)
    schema = Schema({})
    if schema_data is not None:
        try:
            schema = parse_schema(schema_data)
        except SchemaError as error:
            reader.schema_error(schema_path, schema_node, error)

    vocabularies: dict[str, Vocabulary] = {}
    vocabulary_dir = root / CONFIG_DIR / "vocabularies"
    for path in sorted(vocabulary_dir.glob("*.yml")) if vocabulary_dir.is_dir() else []:
        relative = f"{CONFIG_DIR}/vocabularies/{path.name}"
        data, node = reader.read(relative)
        if data is None:
            continue
        try:
            vocabularies[path.stem] = parse_vocabulary(path.stem, data)
        except SchemaError as error:
            reader.schema_error(relative, node, error)

    for entry_type in schema.types.values():
        for field_ in _all_fields(entry_type.fields.values()):
            if field_.vocabulary and not (vocabulary_dir / f"{field_.vocabulary}.yml").is_file():
                reader.problems.append(
                    _config_problem(
                        schema_path,
                        yamlnodes.locate(schema_node, f"types.{entry_type.name}"),
                        f"field {field_.name!r} uses the vocabulary {field_.vocabulary!r}, "
                        f"but site_config/vocabularies/{field_.vocabulary}.yml does not exist",
                    )
                )
    statement, _ = reader.read(f"{CONFIG_DIR}/accessibility.yml", required=False)
    if statement is not None and not isinstance(statement, dict):
        reader.problems.append(_config_problem(f"{CONFIG_DIR}/accessibility.yml", None, "expected keys with values"))
    if reader.problems:
        raise ConfigError(reader.problems)
    return SiteConfig(
        root=root,
        site=site,
        schema=schema,
        vocabularies=vocabularies,
        tr=tr,
        settings=settings,
        statement=statement if isinstance(statement, dict) else None,
    )


def _all_fields(fields: Any) -> Any:
    for field_ in fields:
        yield field_
        yield from _all_fields(field_.fields.values())
