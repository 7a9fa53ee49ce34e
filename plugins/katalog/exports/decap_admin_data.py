"""What the admin page's script (decap_admin/*.js) knows of site_config/: types, fields, rules, terms
and texts, and how `katalog new` spells an id."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..core.config.schema import Field, Rule
from ..core.config.siteconfig import SiteConfig
from ..core.link.ids import RESERVED_ID
from ..core.slugs import slugify
from ..core.validate.expected import format_text
from ..core.validate.images import ALT_MAX
from ..editing import scaffold
from ..render.display import display_of
from . import PATTERNS, label
from .decap import NEW_ID_KEY


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
