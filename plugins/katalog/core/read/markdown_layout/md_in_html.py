"""md_in_html's view of tags: the block-level names, the `markdown` attribute and where such an element ends."""

from __future__ import annotations

import functools
import re

from ..htmltags import read_markup

BLOCK_LEVEL = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "canvas",
        "center",
        "colgroup",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "group",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "main",
        "map",
        "math",
        "menu",
        "nav",
        "noscript",
        "object",
        "ol",
        "option",
        "output",
        "p",
        "pre",
        "progress",
        "script",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "video",
    ]
)
_SPAN_TAGS = frozenset(
    ["address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary", "td", "th"]
)
_RAW_TAGS = frozenset(["canvas", "math", "option", "pre", "script", "style", "textarea"])


def markdown_state(doc: str, start: int, end: int, name: str) -> str:
    """How md_in_html treats the content of the block-level tag doc[start:end]: "block", "span" or "off"."""
    markup = read_markup(doc, start, end)
    value = None
    if markup is not None:
        for attribute in markup.attributes:
            if attribute.name == "markdown":
                value = attribute.value if attribute.value is not None else "1"
    if value is None or value == "0":
        return "off"
    if value == "markdown":
        value = "1"
    if name in _RAW_TAGS:
        return "off"
    if (value == "1" and name not in _SPAN_TAGS) or value == "block":
        return "block"
    if value in ("1", "span"):
        return "span"
    return "off"


def element_end(doc: str, name: str, position: int) -> tuple[int, int]:
    """Where a Markdown-in-HTML element's content ends (its end tag), counting nested elements of its name."""
    pattern = _element_pattern(name)
    depth = 1
    for match in pattern.finditer(doc, position):
        if match.group(1):
            depth -= 1
            if depth == 0:
                return match.start(), match.end()
        else:
            depth += 1
    return len(doc), len(doc)


@functools.lru_cache(maxsize=64)
def _element_pattern(name: str) -> re.Pattern[str]:
    return re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])[^>]*>", re.IGNORECASE)
