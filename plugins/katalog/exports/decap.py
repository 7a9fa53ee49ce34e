"""A Decap CMS configuration from the schema: one collection per entry type, fields as widgets.

See https://decapcms.org/docs/configuration-options/ and https://decapcms.org/docs/widgets/.
Decap checks what a widget can express (decap_widgets.py); the admin page's script (decap_admin/*.js,
written into index.html by decap_admin_page.py) adds what it cannot: the rules between fields, ids made as
`katalog new` makes them, files written back with only the changed lines changed, `[[id]]` links in
the rich-text editor and a preview styled by the site. `katalog check` in the pull request remains
the final word.
"""

from __future__ import annotations

from typing import Any

from ..core.config.schema import EntryType
from ..core.config.siteconfig import SiteConfig
from .decap_widgets import decap_field

# Decap's own interface languages that a site of ours may use; others get English.
_LOCALES = {"da": "da", "sv": "sv", "nb": "nb_no", "no": "nb_no", "nb_no": "nb_no", "en": "en", "de": "de"}

# The data key where the admin script puts a new entry's id (never written to the file).
NEW_ID_KEY = "__katalog_id"

# Entry pages are one folder deep (`initiativer/<id>/`, `vidensbank/<id>/`), so a relative path from
# the Markdown file reaches content/assets/ under any sub-path the site is published at.
PUBLIC_FOLDER = "../assets"


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
