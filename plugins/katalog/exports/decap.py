"""A Decap CMS configuration from the schema: one collection per entry type, fields as widgets.

See https://decapcms.org/docs/configuration-options/ and https://decapcms.org/docs/widgets/.
Decap checks what a widget can express; the admin page's script (decap_admin/*.js, written into
index.html) adds what it cannot: the rules between fields, ids made as `katalog new` makes them,
files written back with only the changed lines changed, `[[id]]` links in the rich-text editor and
a preview styled by the site. `katalog check` in the pull request remains the final word.
"""

from __future__ import annotations

import json
import unicodedata
from html import escape
from pathlib import Path
from typing import Any

from ..core.config.schema import EntryType, Field, Rule
from ..core.config.siteconfig import SiteConfig
from ..core.link.ids import RESERVED_ID
from ..core.slugs import slugify
from ..core.validate.expected import format_text, length_text
from ..core.validate.images import ALT_MAX
from ..core.validate.values import YEAR_RANGE
from ..editing import scaffold
from ..render.display import display_of
from . import GENERATED_NOTE, PATTERNS, help_text, is_long_text, label

# Pinned: the admin page runs exactly these files, or none (the browser checks each hash). The hashes
# are of the files in the npm packages, which unpkg serves unchanged; tests/test_decap_roundtrip.py
# downloads the packages and checks them.
DECAP_VERSION = "3.16.3"
DECAP_SCRIPT = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
DECAP_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
# Decap reads and writes front-matter through our format, which parses YAML with js-yaml.
JS_YAML_VERSION = "4.1.1"
JS_YAML_SCRIPT = f"https://unpkg.com/js-yaml@{JS_YAML_VERSION}/dist/js-yaml.min.js"
JS_YAML_INTEGRITY = "sha384-ZeqCzuWczURac3RacSufGD7oSbzeaX7xxnnOr3PTcYTLx4Av0qBj0kBq7AeCtHLA"
# For editing on one's own machine (`npx decap-server@3.11.3` beside `mkdocs serve`) and the tests.
DECAP_SERVER_VERSION = "3.11.3"

# The admin page's script: these files of decap_admin/, joined in this order (each part after those it uses).
ADMIN_SCRIPTS = tuple(
    Path(__file__).resolve().parent / "decap_admin" / f"{name}.js"
    for name in (
        "namespace",
        "schema",
        "yaml-writer",
        "file-reader",
        "body-merge",
        "file-writer",
        "checks",
        "links",
        "core",
        "entries",
        "picker",
        "styles",
        "saving",
        "rule-widgets",
        "entry-widgets",
        "link-editor",
        "preview",
        "start",
    )
)

# Decap's own interface languages that a site of ours may use; others get English.
_LOCALES = {"da": "da", "sv": "sv", "nb": "nb_no", "no": "nb_no", "nb_no": "nb_no", "en": "en", "de": "de"}

# The data key where the admin script puts a new entry's id (never written to the file).
NEW_ID_KEY = "__katalog_id"

# Entry pages are one folder deep (`initiativer/<id>/`, `vidensbank/<id>/`), so a relative path from
# the Markdown file reaches content/assets/ under any sub-path the site is published at.
PUBLIC_FOLDER = "../assets"

Widget = dict[str, Any]


def decap_config(config: SiteConfig) -> dict[str, Any]:
    return {
        "backend": {"name": "github", "repo": config.settings.repository or "OWNER/REPO", "branch": "main"},
        # Every save becomes a pull request, so the build checks it before anything is published.
        "publish_mode": "editorial_workflow",
        # On localhost, `npx decap-server` writes to the working copy instead (simple publishing).
        "local_backend": True,
        "locale": _LOCALES.get(config.language.lower(), "en"),
        "media_folder": f"{config.content_dir}/assets",
        "public_folder": PUBLIC_FOLDER,
        # Only a fallback: the admin script names new files as `katalog new` does (æ -> ae, ø -> oe, å -> aa).
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(config, entry_type) for entry_type in config.schema.types.values()],
    }


def decap_folder(config: SiteConfig, entry_type: EntryType) -> str:
    if entry_type.in_catalogue:
        return entry_type.folder
    return f"{config.content_dir}/{config.settings.articles_folder.strip('/')}"


def format_name(entry_type: EntryType) -> str:
    """The admin script registers one front-matter format per type (it reads and writes by the schema)."""
    return f"katalog-{entry_type.name}"


def collection(config: SiteConfig, entry_type: EntryType) -> dict[str, Any]:
    singular = config.tr.pick(entry_type.label, entry_type.name)
    result: dict[str, Any] = {
        "name": entry_type.name,
        "label": config.tr.pick(entry_type.plural, singular),
        "label_singular": singular,
        "folder": decap_folder(config, entry_type),
        "create": True,
        # The file name is the id the admin script makes from the title before saving.
        "slug": "{{fields." + NEW_ID_KEY + "}}",
        "identifier_field": "title",
        "extension": "md",
        "format": format_name(entry_type),
        "summary": "{{title}}",
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
    body = {
        "label": config.tr("reference.body"),
        "name": "body",
        "widget": "markdown",
        "hint": config.tr("reference.body_help"),
        # The schema never requires a body.
        "required": False,
        "sanitize_preview": True,
    }
    fields = [decap_field(config, field) for field in entry_type.fields.values()]
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
    both once either is given (_field_data), as katalog check does."""
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


# --- the admin page ----------------------------------------------------------------------------------


def nordic_letters() -> dict[str, str]:
    """Letters that core.slugs spells its own way (æ -> ae), where folding to ASCII would not.

    Taken from slugify itself, so the admin script's ids follow it whatever it learns next."""
    letters: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code).lower()
        if len(char) != 1:
            continue
        folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        if slugify(char) != slugify(folded):
            letters[char] = slugify(char)
    return letters


def _field_data(config: SiteConfig, field: Field) -> dict[str, Any]:
    if field.kind == "image":
        # For the admin script an image is an object of two required texts: it checks and writes it so.
        sub = {"kind": "text", "required": True}
        return {
            "kind": "object",
            "label": label(config, field),
            "display": "image",  # shown under the lead, not among the fields
            **({"required": True} if field.required else {}),
            "fields": {
                "src": {**sub, "label": config.tr("decap.image_file")},
                "alt": {**sub, "label": config.tr("decap.image_alt"), "max": ALT_MAX},
            },
        }
    # How the entry's page shows the field, so that the preview shows it the same way.
    data: dict[str, Any] = {"kind": field.kind, "label": label(config, field), "display": display_of(field)}
    for key, value in (
        ("required", field.required),
        ("many", field.many),
        ("allowSingle", field.allow_single),
        ("minItems", field.min_items),
        ("min", field.min),
        ("max", field.max),
        ("vocabulary", field.vocabulary),
        ("targetType", field.target_type),
        ("personal", field.personal),
    ):
        if value:
            data[key] = value
    if field.kind in PATTERNS:
        data["pattern"] = PATTERNS[field.kind]
    text = format_text(field, config.tr, config.vocabularies)
    if text:
        data["expected"] = text
    if field.rules:
        data["rules"] = [_rule_data(rule) for rule in field.rules]
    if field.fields:
        data["fields"] = {name: _field_data(config, sub) for name, sub in field.fields.items()}
    return data


def _rule_data(rule: Rule) -> list[str]:
    return [rule.name, *rule.keys]


def _vocabulary_data(config: SiteConfig) -> dict[str, Any]:
    """Each vocabulary's labels by key, and the other spellings `katalog check` accepts for a key."""
    result: dict[str, Any] = {}
    for name, vocabulary in config.vocabularies.items():
        labels = {key: config.tr.pick(term.label, key) for key, term in vocabulary.terms.items()}
        aliases: dict[str, str] = {}
        for key, term in vocabulary.terms.items():
            for spelling in [*term.label.values(), *term.synonyms]:
                aliases.setdefault(spelling.casefold().strip(), key)
        result[name] = {"labels": labels, "aliases": aliases}
    return result


# Texts of the site's language the admin script shows (decap.* unless named in full).
_TEXT_KEYS = (
    "required",
    "too_few",
    "one_of_required",
    "not_before",
    "length",
    "format",
    "unknown_term",
    "item",
    "id_taken",
    "bad_title",
    "unreadable",
    "id_new",
    "id_fixed",
    "id_empty",
    "link_button",
    "link_title",
    "link_search",
    "link_text",
    "link_insert",
    "link_cancel",
    "link_none",
    "link_loading",
    "link_unknown",
    "entries_title",
    "entries_add",
    "entries_remove",
    "load_failed",
)


def decap_script_data(config: SiteConfig) -> dict[str, Any]:
    """What the admin script needs to know of site_config/: types, fields, rules, terms and texts."""
    tr = config.tr
    types: dict[str, Any] = {}
    # Fields every type has: the preview lists them after the type's own, as the entry's page does.
    shared = set.intersection(*(set(t.fields) for t in config.schema.types.values())) if config.schema.types else set()
    for name, entry_type in config.schema.types.items():
        fields = {field.name: _field_data(config, field) for field in entry_type.fields.values()}
        for field_name in shared & set(fields):
            fields[field_name]["shared"] = True
        types[name] = {
            "label": tr.pick(entry_type.label, name),
            "url": entry_type.url,
            "inCatalogue": entry_type.in_catalogue,
            "fields": fields,
            "rules": [_rule_data(rule) for rule in entry_type.rules],
        }
    texts = {key: tr(f"decap.{key}") for key in _TEXT_KEYS}
    texts["type_label"] = tr("reference.type_label")
    texts["related"] = tr("ui.related")
    texts["contact"] = tr("ui.contact")
    texts["body_label"] = tr("reference.body")
    for key in ("unknown_id", "self_reference", "reserved_id"):
        texts[key] = tr(f"problems.{key}")
        texts[f"{key}_hint"] = tr(f"hints.{key}")
    texts["items_one"] = tr("counts.items.one", count=1)
    texts["items_other"] = tr("counts.items.other")
    return {
        "language": config.language,
        "site": str(config.site.get("name") or ""),
        "contacts": config.settings.contacts,
        # `katalog new` cuts a long id after a whole word (0: it does not).
        "maxIdLength": int(getattr(scaffold, "MAX_ID_LENGTH", 0)),
        # Ids that overview pages use ("index", page numbers): `katalog check` refuses them for entries.
        "reservedIds": RESERVED_ID.pattern,
        "newIdKey": NEW_ID_KEY,
        "nordic": nordic_letters(),
        "types": types,
        "vocabularies": _vocabulary_data(config),
        "texts": texts,
    }


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it stands in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def admin_script() -> str:
    texts = [path.read_text(encoding="utf-8") for path in ADMIN_SCRIPTS]
    for path, text in zip(ADMIN_SCRIPTS, texts, strict=True):
        if "</script" in text.lower() or "<!--" in text:
            raise ValueError(f"{path.name} must not contain </script or <!--: it is written inline")
    return "\n".join(texts)


def decap_index_html(config: SiteConfig) -> str:
    """content/admin/index.html: the page that loads Decap CMS, which then reads config.yml beside it."""
    title = escape(config.tr("reference.admin_title", site=str(config.site.get("name") or "")))
    failed = escape(config.tr("decap.load_failed"))
    return f"""<!doctype html>
<!-- {escape(GENERATED_NOTE)} -->
<html lang="{escape(config.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
  <script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
  <p id="katalog-load-failed" role="alert" hidden>{failed}</p>
  <script src="{DECAP_SCRIPT}" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous"></script>
  <script src="{JS_YAML_SCRIPT}" integrity="{JS_YAML_INTEGRITY}" crossorigin="anonymous"></script>
  <script type="application/json" id="katalog-decap-data">{_script_json(decap_script_data(config))}</script>
  <script>
{admin_script()}
  </script>
</body>
</html>
"""
