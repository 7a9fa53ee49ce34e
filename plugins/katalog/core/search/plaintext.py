"""Markdown bodies as plain words for the search index: no markup, code or link targets."""

from __future__ import annotations

import re

_FENCED = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
# No `<` inside a tag, no `[` inside link text, no `(` inside an address: each attempt stops at the
# next opening, so that a long run of `<a `, `[` or `](` is read once, not once per opening.
_HTML_TAG = re.compile(r"<[^<>\n]+>")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_WIKILINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
_MARKUP = re.compile(r"[#*_`>|~]+")
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    text = _FENCED.sub(" ", markdown)
    text = _HTML_TAG.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _WIKILINK.sub(lambda m: m.group(2) or "", text)
    text = _MARKUP.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def first_words(text: str, limit: int) -> str:
    if limit <= 0:
        return ""
    words = text.split(" ")
    return text if len(words) <= limit else " ".join(words[:limit])
