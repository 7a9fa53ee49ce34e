"""GitHub issue forms: anyone with a GitHub account can propose an entry without writing YAML.

See https://docs.github.com/en/communities/using-templates-to-encourage-useful-contributions/syntax-for-issue-forms.
An editor turns the issue into a file; `katalog check` accepts vocabulary labels as well as keys,
so the labels chosen in a dropdown can be copied as they are.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..core.config.schema import EntryType, Field
from ..core.config.siteconfig import SiteConfig
from ..core.slugs import slugify
from ..core.validate.expected import expected_text
from . import help_text, is_long_text, joined, label

MAX_OPTIONS = 100  # longer vocabularies get a text box; a dropdown that long helps nobody
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")
# Ids double as query parameters that prefill a form; these names already mean something there.
_RESERVED_IDS = frozenset({"title", "body", "labels", "assignees", "milestone", "projects", "template", "type"})

Element = dict[str, Any]


def issue_forms(config: SiteConfig) -> dict[str, dict[str, Any]]:
    """File name (`<type>.yml`) -> issue form, for each catalogue type."""
    return {f"{entry_type.name}.yml": issue_form(config, entry_type) for entry_type in config.schema.catalogue_types}


def issue_form(config: SiteConfig, entry_type: EntryType) -> dict[str, Any]:
    type_label = config.tr.pick(entry_type.label, entry_type.name)
    intro: Element = {
        "type": "markdown",
        "attributes": {"value": config.tr("reference.issue_intro", type=type_label, folder=entry_type.folder)},
    }
    elements = [element(config, field) for field in entry_type.fields.values()]
    body: Element = {
        "type": "textarea",
        "id": _element_id("body"),
        "attributes": {"label": config.tr("reference.body"), "description": config.tr("reference.body_help")},
        "validations": {"required": False},
    }
    return {
        "name": type_label,
        "description": config.tr("reference.issue_description", type=type_label),
        "title": config.tr("reference.issue_title", type=type_label),
        "labels": [entry_type.name],
        "body": [intro, *_distinct([*elements, body])],
    }


# Values with keys of their own, asked for in the shape they take in the file.
SHAPED_KINDS = ("object", "image")


def element(config: SiteConfig, field: Field) -> Element:
    attributes: dict[str, Any] = {"label": label(config, field)}
    options = _options(config, field)
    if options:
        kind = "dropdown"
        attributes["description"] = help_text(config, field)
        if field.many:
            attributes["multiple"] = True
        attributes["options"] = options
    elif field.many or field.kind in SHAPED_KINDS or is_long_text(field):
        kind = "textarea"
        attributes["description"] = joined(help_text(config, field), _expected(config, field))
        if field.many or field.kind in SHAPED_KINDS:
            # Lists and objects are asked for in the shape they take in the file.
            attributes["placeholder"] = _yaml_shape(config, field)
            attributes["render"] = "yaml"
    else:
        kind = "input"
        attributes["description"] = joined(help_text(config, field), _expected(config, field))
        attributes["placeholder"] = _placeholder(config, field)
    if not attributes["description"]:
        del attributes["description"]
    return {
        "type": kind,
        "id": _element_id(field.name),
        "attributes": attributes,
        "validations": {"required": field.required},
    }


def _element_id(name: str) -> str:
    element_id = _NOT_ID.sub("_", name)
    return f"entry_{element_id}" if element_id in _RESERVED_IDS else element_id


def _expected(config: SiteConfig, field: Field) -> str:
    text = expected_text(field, config.tr, config.vocabularies)
    return text[:1].upper() + text[1:] + "." if text else ""


def _options(config: SiteConfig, field: Field) -> list[str]:
    """Dropdown options: the terms' labels, made distinct as GitHub requires; [] for no dropdown."""
    vocabulary = config.vocabularies.get(field.vocabulary or "") if field.kind == "term" else None
    if vocabulary is None or not 0 < len(vocabulary.terms) <= MAX_OPTIONS:
        return []
    options: list[str] = []
    for term in vocabulary.terms.values():
        option = config.tr.pick(term.label, term.key)
        options.append(f"{option} ({term.key})" if option in options else option)
    return options


def _distinct(elements: list[Element]) -> list[Element]:
    """GitHub rejects a form whose ids or labels repeat; a repeat gets its field name added."""
    ids: set[str] = set()
    labels: set[str] = set()
    for item in elements:
        while item["id"] in ids:
            item["id"] += "_"
        ids.add(item["id"])
        if item["attributes"]["label"] in labels:
            item["attributes"]["label"] += f" ({item['id']})"
        labels.add(item["attributes"]["label"])
    return elements


def _sample(config: SiteConfig, field: Field) -> Any:
    """A made-up value of the right shape, to show in a placeholder."""
    kind = field.kind
    if kind == "object":
        return {name: _sample(config, sub) for name, sub in field.fields.items()}
    if kind == "term":
        vocabulary = config.vocabularies.get(field.vocabulary or "")
        return next(iter(vocabulary.terms), "") if vocabulary else ""
    if kind in ("id", "slug"):
        return slugify(label(config, field)) or "id"
    if kind == "image":
        return {"src": "billeder/foto.jpg", "alt": config.tr("expected.image_alt")}
    samples: dict[str, Any] = {
        "date": "2025-01-31",
        "partial_date": "2025-01",
        "year": 2025,
        "email": "info@example.org",
        "url": "https://example.org",
        "phone": "12 34 56 78",
    }
    return samples.get(kind, label(config, field))


def _placeholder(config: SiteConfig, field: Field) -> str:
    return str(_sample(config, field))


def _yaml_shape(config: SiteConfig, field: Field) -> str:
    sample = _sample(config, field)
    value = [sample, sample] if field.many and field.kind != "object" else [sample] if field.many else sample
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return text.strip()
