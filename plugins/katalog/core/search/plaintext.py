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
_CODE_SPAN = re.compile(r"`([^`\n]*)`")  # its text as written: `site_config/site.yml`,
_MARKUP = re.compile(r"[#*`>|~]+")
# An underscore at a word's edge marks emphasis; one inside a word is the word's own (site_config).
_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")
_SPACE = re.compile(r"\s+")


def plain_text(markdown: str) -> str:
    text = _FENCED.sub(" ", markdown)
    text = _HTML_TAG.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _WIKILINK.sub(lambda m: m.group(2) or "", text)
    text = _CODE_SPAN.sub(r"\1", text)
    text = _unmarked(_UNDERSCORES, _unmarked(_MARKUP, text))
    return _SPACE.sub(" ", text).strip()


def _unmarked(markup: re.Pattern[str], text: str) -> str:
    """Markup out: a space where it stood between two words' letters, else nothing ("**nu**:" is "nu:")."""

    def out(match: re.Match[str]) -> str:
        start, end = match.span()
        return " " if start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum() else ""

    return markup.sub(out, text)


_HEADING_LINE = re.compile(r"^#{1,6}[ \t]+([^\n]*)", re.MULTILINE)


def sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, plain text) of each part of a body: the text before the first heading has the heading
    "". A heading's own text is plain too; code blocks are dropped first, so a `#` in code is not one."""
    text = _FENCED.sub(" ", markdown)
    parts: list[tuple[str, str]] = []
    start, heading = 0, ""
    for match in _HEADING_LINE.finditer(text):
        parts.append((heading, plain_text(text[start : match.start()])))
        heading, start = plain_text(match.group(1).rstrip(" \t#")), match.end()
    parts.append((heading, plain_text(text[start:])))
    return [(h, body) for h, body in parts if h or body]
