"""One schema, many outputs: files made from site_config/ for the tools editors use.

`json_schema` (front-matter checks in editors), `decap` (Decap CMS), `issue_forms` (GitHub issue
forms), `field_reference` (a page for editors) and `write` (the generated files on disk). This module
holds what they share, so every output states the same formats with the same words.
"""

from __future__ import annotations

from ..core.config.schema import Field
from ..core.config.siteconfig import SiteConfig
from ..core.validate.images import MIN_WIDTH

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

KEYWORD_MAX = 80  # as katalog.core.validate.scalar_checks
LONG_TEXT = 200  # a text allowed to be longer than this gets a multi-line box


def label(config: SiteConfig, field: Field) -> str:
    return config.tr.pick(field.label, field.name)


def help_text(config: SiteConfig, field: Field) -> str:
    return config.tr.pick(field.help)


def is_long_text(field: Field) -> bool:
    return field.kind == "text" and (field.max is None or field.max > LONG_TEXT)


def length_text(config: SiteConfig, field: Field) -> str:
    """The allowed length in words, as `katalog check` says it ("3 til 120 tegn"); "" if unlimited."""
    if field.min is not None and field.max is not None:
        return config.tr("expected.chars_between", min=field.min, max=field.max)
    if field.max is not None:
        return config.tr("expected.max_chars", max=field.max)
    if field.min is not None:
        return config.tr("expected.min_chars", min=field.min)
    return ""


def format_text(config: SiteConfig, field: Field) -> str:
    """What one value must look like, in the words `katalog check` uses ("en dato ÅÅÅÅ-MM-DD")."""
    if field.kind == "text":
        return length_text(config, field)
    if field.kind == "term":
        vocabulary = config.vocabularies.get(field.vocabulary or "")
        name = config.tr.pick(vocabulary.label, vocabulary.name) if vocabulary else str(field.vocabulary)
        return config.tr("expected.term", vocabulary=name)
    if field.kind == "object":
        return config.tr("expected.object", keys=", ".join(field.fields))
    if field.kind == "keyword":
        return config.tr("expected.max_chars", max=KEYWORD_MAX)
    if field.kind == "image":
        tr = config.tr
        return (
            f"{tr('expected.image')}: {tr('expected.image_formats')}, {tr('expected.image_min_width', min=MIN_WIDTH)}"
        )
    return config.tr(f"expected.{field.kind}")


def expected_text(config: SiteConfig, field: Field) -> str:
    """Like format_text, for the whole value: a list says so ("en liste, hver med ...")."""
    one = format_text(config, field) or config.tr(f"expected.{field.kind}")
    if not field.many:
        return one
    return config.tr("expected.list_or_one" if field.allow_single else "expected.list_of", item=one)


def joined(*parts: str) -> str:
    """Sentences joined with a space, empty ones left out."""
    return " ".join(part.strip() for part in parts if part and part.strip())
