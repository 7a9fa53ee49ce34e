"""The raw HTML and autolinks Python-Markdown finds in inline text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .finder import Finder

_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")


@dataclass(frozen=True)
class InlineMarkup:
    kind: str  # "tag", "comment" (also <?...?> and CDATA) or "autolink"
    start: int
    end: int


# Python-Markdown's inline tag: `<`, `/`?, a letter and name characters (no space, quote, `<`, `>`, `@`);
# attributes, each after white space: a name, then optionally `=` and a quoted or bare value; `/`? `>`.
# Possessive throughout, so a failed start costs no more than reading up to where it fails.
_MD_TAG = re.compile(
    r"</?[a-zA-Z][^\s\"'<>@]*+"
    r"(?:\s++[^\s\"'=<>]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'=<>]++))?+)*+"
    r"\s*+/?>"
)
_MD_START = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!--|\?|!\[CDATA\[)")


def markdown_tags(text: str) -> list[InlineMarkup]:
    """The raw HTML and autolinks Python-Markdown finds in inline text, left to right, each once."""
    found: list[InlineMarkup] = []
    finders = {needle: Finder(text, needle) for needle in ("-->", "<!--", "?>", "<?", "]]>", "<![CDATA[")}
    position = 0
    search = _MD_START.search
    while True:
        start = search(text, position)
        if start is None:
            return found
        position = start.start()
        opener = start.group()
        end = -1
        kind = "tag"
        if opener == "<!--":
            kind, end = "comment", _delimited(finders["-->"], finders["<!--"], position + 4, 3)
        elif opener == "<?":
            kind, end = "comment", _delimited(finders["?>"], finders["<?"], position + 2, 2)
        elif opener == "<![CDATA[":
            kind, end = "comment", _delimited(finders["]]>"], finders["<![CDATA["], position + 9, 3)
        else:
            autolink = _AUTOLINK.match(text, position) if opener[1] != "/" else None
            if autolink is not None:
                kind, end = "autolink", autolink.end()
            else:
                tag = _MD_TAG.match(text, position)
                end = tag.end() if tag is not None else -1
        if end < 0:
            position += 1
            continue
        found.append(InlineMarkup(kind, position, end))
        position = end


def _delimited(close: Finder, reopen: Finder, start: int, width: int) -> int:
    end = close(start)
    if end < 0:
        return -1
    again = reopen(start)
    if 0 <= again < end:
        return -1
    return end + width
