"""A Decap CMS configuration from the schema: one collection per entry type, fields as widgets.

See https://decapcms.org/docs/configuration-options/ and https://decapcms.org/docs/widgets/.
Decap checks only what a widget can express; `katalog check` in the pull request does the rest.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..core.schema import EntryType, Field
from ..core.siteconfig import SiteConfig
from ..core.values import YEAR_RANGE
from . import GENERATED_NOTE, PATTERNS, format_text, help_text, is_long_text, label, length_text

DECAP_SCRIPT = "https://unpkg.com/decap-cms@^3.1.2/dist/decap-cms.js"

# Decap's own interface languages that a site of ours may use; others get English.
_LOCALES = {"da": "da", "sv": "sv", "nb": "nb_no", "no": "nb_no", "nb_no": "nb_no", "en": "en", "de": "de"}

# Pages outside the catalogue live in one folder under content/; site.yml can name another.
DEFAULT_ARTICLES_FOLDER = "vidensbank"

Widget = dict[str, Any]


def decap_config(config: SiteConfig) -> dict[str, Any]:
    return {
        "backend": {"name": "github", "repo": config.settings.repository or "OWNER/REPO", "branch": "main"},
        # Every save becomes a pull request, so the build checks it before anything is published.
        "publish_mode": "editorial_workflow",
        "locale": _LOCALES.get(config.language.lower(), "en"),
        "media_folder": f"{config.content_dir}/assets",
        "public_folder": "/assets",
        # File names are ids, and an id may hold only a-z, 0-9 and hyphens.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(config, entry_type) for entry_type in config.schema.types.values()],
    }


def decap_folder(config: SiteConfig, entry_type: EntryType) -> str:
    if entry_type.in_catalogue:
        return entry_type.folder
    folder = str(config.site.get("articles_folder") or DEFAULT_ARTICLES_FOLDER).strip("/")
    return f"{config.content_dir}/{folder}"


def collection(config: SiteConfig, entry_type: EntryType) -> dict[str, Any]:
    singular = config.tr.pick(entry_type.label, entry_type.name)
    result: dict[str, Any] = {
        "name": entry_type.name,
        "label": config.tr.pick(entry_type.plural, singular),
        "label_singular": singular,
        "folder": decap_folder(config, entry_type),
        "create": True,
        "slug": "{{slug}}",
        "extension": "md",
        "format": "frontmatter",
    }
    if not entry_type.in_catalogue:
        # Plain pages share content/ with entries; only files of this type belong to the collection.
        result["filter"] = {"field": "type", "value": entry_type.name}
    type_field = {
        "label": config.tr("reference.type_label"),
        "name": "type",
        "widget": "hidden",
        "default": entry_type.name,
    }
    body = {"label": config.tr("reference.body"), "name": "body", "widget": "markdown"}
    # The `id` (kind slug) is left out: Decap names the file, the file name is the id, and relation
    # widgets find entries by file name, so an `id` that differs from it would break them.
    fields = [decap_field(config, field) for field in entry_type.fields.values() if field.kind != "slug"]
    result["fields"] = [type_field, *fields, body]
    return result


def decap_field(config: SiteConfig, field: Field) -> Widget:
    result: Widget = {"label": label(config, field), "name": field.name, **_widget(config, field)}
    hint = help_text(config, field)
    if hint:
        result["hint"] = hint
    if not field.required:
        result["required"] = False
    return result


def _widget(config: SiteConfig, field: Field) -> Widget:
    if field.kind == "object":
        sub_fields = [decap_field(config, sub) for sub in field.fields.values()]
        if not field.many:
            return {"widget": "object", "fields": sub_fields}
        widget: Widget = {"widget": "list", "fields": sub_fields}
        first_text = next((name for name, sub in field.fields.items() if sub.kind == "text"), None)
        if first_text:
            widget["summary"] = "{{fields." + first_text + "}}"
        return _with_min(widget, field)
    if field.kind == "term":
        return _with_many(_select(config, field), field)
    if field.kind == "id" and field.target_type in config.schema.types:
        return _with_many(_relation(field), field)
    if not field.many:
        return _single(config, field)
    if field.kind == "keyword":
        # The plain list widget: keywords typed in one line, separated by commas.
        return _with_min({"widget": "list"}, field)
    item = {"label": label(config, field), "name": field.name, **_single(config, field)}
    return _with_min({"widget": "list", "field": item}, field)


def _select(config: SiteConfig, field: Field) -> Widget:
    vocabulary = config.vocabularies.get(field.vocabulary or "")
    terms = vocabulary.terms.values() if vocabulary else []
    return {
        "widget": "select",
        "options": [{"label": config.tr.pick(term.label, term.key), "value": term.key} for term in terms],
    }


def _relation(field: Field) -> Widget:
    return {
        "widget": "relation",
        "collection": field.target_type,
        "search_fields": ["title"],
        "value_field": "{{slug}}",
        "display_fields": ["title"],
    }


def _with_many(widget: Widget, field: Field) -> Widget:
    """Select and relation widgets hold a list themselves when `multiple` is set."""
    if field.many:
        widget["multiple"] = True
        _with_min(widget, field)
    return widget


def _with_min(widget: Widget, field: Field) -> Widget:
    if field.min_items:
        widget["min"] = field.min_items
    return widget


def _single(config: SiteConfig, field: Field) -> Widget:
    """A widget for one scalar value: text, dates, numbers and patterned strings."""
    kind = field.kind
    if kind == "text":
        widget: Widget = {"widget": "text" if is_long_text(field) else "string"}
        if field.min is not None or field.max is not None:
            # Decap has no length limits for text, but a pattern can say the same.
            bounds = f"{field.min or 0},{'' if field.max is None else field.max}"
            widget["pattern"] = [f"^[\\s\\S]{{{bounds}}}$", length_text(config, field)]
        return widget
    if kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind == "year":
        return {"widget": "number", "value_type": "int", "min": YEAR_RANGE[0], "max": YEAR_RANGE[1]}
    widget = {"widget": "string"}
    if kind in PATTERNS:
        widget["pattern"] = [PATTERNS[kind], format_text(config, field)]
    return widget


def decap_index_html(config: SiteConfig) -> str:
    """content/admin/index.html: the page that loads Decap CMS, which then reads config.yml beside it."""
    title = escape(config.tr("reference.admin_title", site=str(config.site.get("name") or "")))
    return f"""<!doctype html>
<!-- {escape(GENERATED_NOTE)} -->
<html lang="{escape(config.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
</head>
<body>
  <script src="{DECAP_SCRIPT}"></script>
</body>
</html>
"""
