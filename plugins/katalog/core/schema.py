"""The content model as data: entry types and their fields, read from site_config/schema.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = frozenset(
    {"text", "term", "keyword", "id", "slug", "date", "partial_date", "year", "email", "url", "phone", "object"}
)
RULES = frozenset({"one_of_required", "not_before"})


class SchemaError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class Rule:
    name: str
    keys: tuple[str, ...]


@dataclass
class Field:
    name: str
    kind: str
    required: bool = False
    many: bool = False
    allow_single: bool = False
    min_items: int = 0
    min: int | None = None
    max: int | None = None
    vocabulary: str | None = None
    target_type: str | None = None
    personal: bool = False
    label: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


@dataclass
class EntryType:
    name: str
    folder: str
    url: str
    label: dict[str, str]
    plural: dict[str, str]
    fields: dict[str, Field]
    rules: list[Rule]

    @property
    def in_catalogue(self) -> bool:
        """Catalogue entries get generated pages; the others are ordinary pages in content/."""
        return self.folder != CONTENT_FOLDER


CONTENT_FOLDER = "content"


@dataclass
class Schema:
    types: dict[str, EntryType]

    def type_for_folder(self, folder: str) -> EntryType | None:
        for entry_type in self.types.values():
            if entry_type.folder == folder:
                return entry_type
        return None

    @property
    def catalogue_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if t.in_catalogue]

    @property
    def content_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if not t.in_catalogue]


def _labels(value: Any, key: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise SchemaError(key, "expected a mapping of language to text, e.g. {da: Tema, en: Theme}")
    return {str(k): v for k, v in value.items()}


def _rules(value: Any, key: str) -> list[Rule]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(key, "expected a list of rules")
    rules = []
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if not isinstance(item, Mapping) or len(item) != 1:
            raise SchemaError(where, f"expected one of {sorted(RULES)} with a list of keys")
        name, keys = next(iter(item.items()))
        if name not in RULES or not isinstance(keys, list) or len(keys) != 2:
            raise SchemaError(where, f"expected one of {sorted(RULES)} with a list of two keys")
        rules.append(Rule(str(name), tuple(str(k) for k in keys)))
    return rules


_FIELD_OPTIONS = {
    "kind",
    "required",
    "list",
    "allow_single",
    "min_items",
    "min",
    "max",
    "vocabulary",
    "target_type",
    "personal",
    "label",
    "help",
    "fields",
    "rules",
}


def parse_field(name: str, spec: Any, key: str) -> Field:
    if not isinstance(spec, Mapping):
        raise SchemaError(key, "expected a mapping with at least `kind`")
    unknown = set(spec) - _FIELD_OPTIONS
    if unknown:
        raise SchemaError(key, f"unknown option(s) {sorted(unknown)}; known: {sorted(_FIELD_OPTIONS)}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise SchemaError(f"{key}.kind", f"expected one of {sorted(KINDS)}, found {kind!r}")
    if kind == "term" and not isinstance(spec.get("vocabulary"), str):
        raise SchemaError(f"{key}.vocabulary", "a term field names its vocabulary")
    for number_key in ("min", "max", "min_items"):
        if number_key in spec and not isinstance(spec[number_key], int):
            raise SchemaError(f"{key}.{number_key}", "expected a whole number")
    sub_fields = spec.get("fields") or {}
    if kind == "object" and not sub_fields:
        raise SchemaError(f"{key}.fields", "an object field lists its fields")
    required = bool(spec.get("required", False))
    is_list = bool(spec.get("list", False))
    return Field(
        name=name,
        kind=kind,
        required=required,
        many=is_list,
        allow_single=bool(spec.get("allow_single", False)),
        min_items=int(spec.get("min_items", 1 if (required and is_list) else 0)),
        min=spec.get("min"),
        max=spec.get("max"),
        vocabulary=spec.get("vocabulary"),
        target_type=spec.get("target_type"),
        personal=bool(spec.get("personal", False)),
        label=_labels(spec.get("label"), f"{key}.label"),
        help=_labels(spec.get("help"), f"{key}.help"),
        fields={n: parse_field(n, s, f"{key}.fields.{n}") for n, s in sub_fields.items()},
        rules=_rules(spec.get("rules"), f"{key}.rules"),
    )


def parse_schema(data: Any) -> Schema:
    if not isinstance(data, Mapping) or not isinstance(data.get("types"), Mapping):
        raise SchemaError("types", "the schema needs a `types` mapping")
    common_spec = data.get("common") or {}
    if not isinstance(common_spec, Mapping):
        raise SchemaError("common", "expected a mapping of field names")
    types: dict[str, EntryType] = {}
    for type_name, spec in data["types"].items():
        key = f"types.{type_name}"
        if not isinstance(spec, Mapping) or not isinstance(spec.get("folder"), str):
            raise SchemaError(key, "each type names its `folder`")
        common = {n: parse_field(n, s, f"common.{n}") for n, s in common_spec.items()}
        for required_name in spec.get("require") or []:
            if required_name not in common:
                raise SchemaError(f"{key}.require", f"{required_name!r} is not a common field")
            common[required_name].required = True
            if common[required_name].many:
                common[required_name].min_items = max(1, common[required_name].min_items)
        own = {n: parse_field(n, s, f"{key}.fields.{n}") for n, s in (spec.get("fields") or {}).items()}
        types[str(type_name)] = EntryType(
            name=str(type_name),
            folder=spec["folder"].strip("/"),
            url=str(spec.get("url") or type_name),
            label=_labels(spec.get("label"), f"{key}.label"),
            plural=_labels(spec.get("plural"), f"{key}.plural"),
            fields={**common, **own},
            rules=_rules(spec.get("rules"), f"{key}.rules"),
        )
    return Schema(types)
