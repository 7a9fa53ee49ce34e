"""Readable, stable URL slugs from Danish, Swedish and Norwegian text."""

from __future__ import annotations

import re
import unicodedata

_NORDIC = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ß": "ss", "ð": "d", "þ": "th"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str) -> str:
    """`Børn og unge` -> `boern-og-unge`: æ->ae, ø->oe, å->aa, other letters folded to ASCII."""
    # Composed first: "ø" typed as "o" + combining stroke (as macOS names files) is still "oe".
    lowered = unicodedata.normalize("NFC", text).lower().translate(_NORDIC)
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_text).strip("-")


def heading_slug(text: str, separator: str = "-") -> str:
    """A heading's anchor, for Python-Markdown's toc extension (which passes its separator)."""
    slug = slugify(text)
    return slug if separator == "-" else slug.replace("-", separator)


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None
