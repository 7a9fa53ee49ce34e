"""A JSON Schema (draft 2020-12) per entry type, for editors that check front-matter as it is typed.

It asks for vocabulary keys (the build also accepts labels and synonyms), and it cannot compare two
values (`not_before`) or look up ids: a hint while typing, with `katalog check` as the final word.
"""

from __future__ import annotations

from typing import Any

from ..core.config.schema import EntryType, Field, Rule
from ..core.config.siteconfig import SiteConfig
from ..core.validate.expected import KEYWORD_MAX
from ..core.validate.images import ALT_MAX
from ..core.values import YEAR_RANGE
from . import GENERATED_NOTE, PATTERNS, help_text, joined, label

DIALECT = "https://json-schema.org/draft/2020-12/schema"

JsonSchema = dict[str, Any]

_FORMATS = {"date": "date", "email": "email", "url": "uri"}


def json_schemas(config: SiteConfig) -> dict[str, JsonSchema]:
    """Type name -> the schema of that type's front-matter."""
    return {name: entry_schema(config, entry_type) for name, entry_type in config.schema.types.items()}


def entry_schema(config: SiteConfig, entry_type: EntryType) -> JsonSchema:
    type_label = config.tr.pick(entry_type.label, entry_type.name)
    properties: dict[str, Any] = {
        "type": {"title": config.tr("reference.type_label"), "const": entry_type.name},
        **_properties(config, entry_type.fields),
    }
    required = _required(entry_type.fields)
    if not entry_type.in_catalogue:
        # Outside the catalogue folders only `type` makes a file an entry rather than a plain page.
        required.insert(0, "type")
    schema: JsonSchema = {
        "$schema": DIALECT,
        "$comment": GENERATED_NOTE,
        "title": type_label,
        "description": config.tr("reference.schema_description", type=type_label, folder=entry_type.folder),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    schema.update(_rules(entry_type.rules))
    return schema


def _properties(config: SiteConfig, fields: dict[str, Field]) -> dict[str, Any]:
    return {name: field_schema(config, field) for name, field in fields.items()}


def _required(fields: dict[str, Field]) -> list[str]:
    return [name for name, field in fields.items() if field.required]


def _rules(rules: list[Rule]) -> JsonSchema:
    # `not_before` compares two values, which JSON Schema cannot; only `one_of_required` is stated.
    clauses = [
        {"anyOf": [{"required": [key]} for key in rule.keys]} for rule in rules if rule.name == "one_of_required"
    ]
    return {"allOf": clauses} if clauses else {}


def field_schema(config: SiteConfig, field: Field) -> JsonSchema:
    one = value_schema(config, field)
    schema: JsonSchema = {"title": label(config, field)}
    description = joined(help_text(config, field), _terms_note(config, field))
    if description:
        schema["description"] = description
    if not field.many:
        return {**schema, **one}
    array: JsonSchema = {"type": "array", "items": one}
    if field.min_items:
        array["minItems"] = field.min_items
    if field.allow_single:
        return {**schema, "oneOf": [one, array]}
    return {**schema, **array}


def value_schema(config: SiteConfig, field: Field) -> JsonSchema:
    """The schema of one value (one item, for a list)."""
    kind = field.kind
    if kind == "object":
        schema: JsonSchema = {
            "type": "object",
            "properties": _properties(config, field.fields),
            "required": _required(field.fields),
            "additionalProperties": False,
        }
        schema.update(_rules(field.rules))
        return schema
    if kind == "image":
        # src: the file, relative to the entry's file; alt: what it shows (katalog check reads the file).
        return {
            "type": "object",
            "properties": {
                "src": {"type": "string", "minLength": 1, "description": config.tr("expected.image_src")},
                "alt": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": ALT_MAX,
                    "description": config.tr("expected.image_alt"),
                },
            },
            "required": ["src", "alt"],
            "additionalProperties": False,
        }
    if kind == "text":
        schema = {"type": "string"}
        if field.min is not None:
            schema["minLength"] = field.min
        if field.max is not None:
            schema["maxLength"] = field.max
        return schema
    if kind == "keyword":
        return {"type": "string", "minLength": 1, "maxLength": KEYWORD_MAX}
    if kind == "term":
        vocabulary = config.vocabularies.get(field.vocabulary or "")
        return {"type": "string", "enum": list(vocabulary.terms) if vocabulary else []}
    if kind == "year":
        return _year()
    if kind == "partial_date":
        # A bare year is read as a number by YAML, and `katalog check` accepts it.
        return {"anyOf": [{"type": "string", "pattern": PATTERNS[kind]}, _year()]}
    schema = {"type": "string"}
    if kind in _FORMATS:
        schema["format"] = _FORMATS[kind]
    if kind in PATTERNS:
        schema["pattern"] = PATTERNS[kind]
    return schema


def _year() -> JsonSchema:
    return {"type": "integer", "minimum": YEAR_RANGE[0], "maximum": YEAR_RANGE[1]}


def _terms_note(config: SiteConfig, field: Field) -> str:
    """The enum holds keys only; the labels go in the description so an editor knows which is which."""
    vocabulary = config.vocabularies.get(field.vocabulary or "") if field.kind == "term" else None
    if vocabulary is None:
        return ""
    terms = ", ".join(f"{key} ({config.tr.pick(term.label, key)})" for key, term in vocabulary.terms.items())
    return config.tr("reference.terms_note", terms=terms)
