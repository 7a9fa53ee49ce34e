"""One schema, many outputs: files made from site_config/ for the tools editors use.

`json_schema` (front-matter checks in editors), `decap` (Decap CMS), `issue_forms` (GitHub issue
forms), `field_reference` (a page for editors) and `write` (the generated files on disk). This module
holds what they share; what a value must be is worded by katalog.core.validate.expected, as
`katalog check` words it.
"""

from __future__ import annotations

from ..core.config.schema import Field
from ..core.config.siteconfig import SiteConfig

GENERATED_NOTE = "Generated from site_config/ by `katalog export`; do not edit by hand."

# Regular expressions valid both in Python and in ECMA-262 (JSON Schema, Decap CMS in the browser).
# No needless escapes: JSON Schema tools compile them with the `u` flag, which forbids those.
# They restate katalog.core.slugs and katalog.core.values, whose checks remain the final word.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
EMAIL_PATTERN = r"""^[^@\s<>"']+@[^@\s<>"']+\.[A-Za-z]{2,}$"""
PHONE_PATTERN = r"^\+?[0-9][0-9 ()-]{5,22}$"
URL_PATTERN = r"^https?://[^\s/?#]*\.[^\s/?#]*([/?#]\S*)?$"

PATTERNS = {
    "slug": SLUG_PATTERN,
    "id": SLUG_PATTERN,
    "date": DATE_PATTERN,
    "partial_date": PARTIAL_DATE_PATTERN,
    "email": EMAIL_PATTERN,
    "phone": PHONE_PATTERN,
    "url": URL_PATTERN,
}

LONG_TEXT = 200  # a text allowed to be longer than this gets a multi-line box


def label(config: SiteConfig, field: Field) -> str:
    return config.tr.pick(field.label, field.name)


def help_text(config: SiteConfig, field: Field) -> str:
    return config.tr.pick(field.help)


def is_long_text(field: Field) -> bool:
    return field.kind == "text" and (field.max is None or field.max > LONG_TEXT)


def joined(*parts: str) -> str:
    """Sentences joined with a space, empty ones left out."""
    return " ".join(part.strip() for part in parts if part and part.strip())
