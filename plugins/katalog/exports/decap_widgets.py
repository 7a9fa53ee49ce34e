"""Each field of the schema as a Decap CMS widget (https://decapcms.org/docs/widgets/)."""

from __future__ import annotations

from typing import Any

from ..core.config.schema import Field
from ..core.config.siteconfig import SiteConfig
from ..core.validate.expected import format_text, length_text
from ..core.validate.images import ALT_MAX
from ..core.values import YEAR_RANGE
from . import PATTERNS, help_text, is_long_text, label

Widget = dict[str, Any]


def decap_field(config: SiteConfig, field: Field) -> Widget:
    result: Widget = {"label": label(config, field), "name": field.name, **_widget(config, field)}
    hint = help_text(config, field)
    if hint:
        result["hint"] = hint
    if not field.required:
        result["required"] = False
    return result


def _widget(config: SiteConfig, field: Field) -> Widget:
    if field.kind == "slug":
        # Shows the id (made from the title for a new entry); the file name is the id.
        return {"widget": "katalog-id"}
    if field.kind == "object":
        sub_fields = [decap_field(config, sub) for sub in field.fields.values()]
        if not field.many:
            return {"widget": "object", "fields": sub_fields, "collapsed": False}
        widget: Widget = {"widget": "list", "fields": sub_fields}
        summary = _summary(field)
        if summary:
            widget["summary"] = summary
        return _with_min(widget, field)
    if field.kind == "image":
        return _image(config)
    if field.kind == "term":
        return _with_many(_select(config, field), field)
    if field.kind == "id" and field.target_type in config.schema.types:
        return _with_many(_relation(field), field)
    if field.kind == "id":
        # An entry of any type: Decap's relation widget reads one collection, so the admin script's
        # widget picks from all of them, in the dialog the rich-text editor's link button opens.
        widget = {"widget": "katalog-entries"}
        if field.many:
            widget["multiple"] = True
        return _with_min(widget, field)
    if not field.many:
        return _single(config, field)
    if field.kind == "keyword":
        # The plain list widget: keywords typed in one line, separated by commas.
        return _with_min({"widget": "list"}, field)
    item = {"label": label(config, field), "name": field.name, **_single(config, field)}
    # A collapsed item shows its value, not the field's name.
    widget = {"widget": "list", "field": item, "summary": "{{fields." + field.name + "}}"}
    return _with_min(widget, field)


# An entry's image is saved next to it (catalogue/<type>/billeder/), and its path written relative to
# the entry's file, as `katalog check` reads it (core/validate/images.py).
IMAGE_FOLDER = "billeder"


def _image(config: SiteConfig) -> Widget:
    """src (Decap's image widget) and alt, the two keys katalog check asks for. Neither is required
    for Decap, which would then ask for them in every entry, image or not: the admin script asks for
    both once either is given (decap_admin_data._field_data), as katalog check does."""
    tr = config.tr
    return {
        "widget": "object",
        "collapsed": False,
        "fields": [
            {
                "label": tr("decap.image_file"),
                "name": "src",
                "widget": "image",
                "media_folder": IMAGE_FOLDER,
                "public_folder": IMAGE_FOLDER,
                "choose_url": False,
                "required": False,
                "hint": tr("decap.image_file_hint"),
            },
            {
                "label": tr("decap.image_alt"),
                "name": "alt",
                "widget": "string",
                "required": False,
                "hint": tr("decap.image_alt_hint"),
                "pattern": [f"^[\\s\\S]{{0,{ALT_MAX}}}$", tr("expected.max_chars", max=ALT_MAX)],
            },
        ],
    }


def _summary(field: Field) -> str:
    """What a collapsed item of a list of objects shows: its first two text values."""
    texts = [name for name, sub in field.fields.items() if sub.kind in ("text", "term", "email", "url")][:2]
    return " · ".join("{{fields." + name + "}}" for name in texts)


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
    """Select and relation widgets hold a list themselves when `multiple` is set. A field that takes
    one value or a list (allow_single) is a multi-select too: the admin script shows a single value
    as a list of one and writes a list of one back as the single value."""
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
            widget["pattern"] = [f"^[\\s\\S]{{{bounds}}}$", length_text(field, config.tr)]
        return widget
    if kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind == "year":
        return {"widget": "number", "value_type": "int", "min": YEAR_RANGE[0], "max": YEAR_RANGE[1]}
    widget = {"widget": "string"}
    if kind in PATTERNS:
        widget["pattern"] = [PATTERNS[kind], format_text(field, config.tr, config.vocabularies)]
    return widget
