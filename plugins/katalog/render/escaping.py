"""Editors' values as text for where they land: in Markdown, and in page metadata the theme prints raw."""

from __future__ import annotations

import html
from typing import Any

# Every ASCII punctuation mark as a character reference: Markdown leaves references alone and the
# browser shows the character, so no Markdown or HTML construct can start inside the text.
_INERT = {ord(c): f"&#{ord(c)};" for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


def markdown_text(text: str) -> str:
    """Text to insert into Markdown that shows as exactly that text (a title is never Markdown)."""
    return text.translate(_INERT)


def escaped_meta(value: Any) -> Any:
    """Front-matter with every text HTML-escaped: Material prints `page.meta.title`, `description` and
    `author` as they are, into the header, the <h1> and <meta> attributes."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escaped_meta(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped_meta(item) for key, item in value.items()}
    return value
