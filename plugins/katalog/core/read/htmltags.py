"""One tag or comment, read as a browser reads it.

nh3 parses the rendered page with html5ever, an HTML5 parser; this follows the HTML5 tokenizer
closely enough to find every tag, attribute and comment it finds. It is linear in the text read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Attribute:
    name: str  # lower-case, as the parser stores it
    value: str | None  # as written, character references not decoded; None without `=`
    start: int  # index of the name in the text


@dataclass(frozen=True)
class Markup:
    """One tag or comment: kind "start", "end" or "comment" (also `<!...>`, `<?...>` and CDATA sections)."""

    kind: str
    name: str  # lower-case tag name; for comments "!--", "!" or "?" as written
    start: int  # index of "<"
    end: int  # index after ">", or the end of the text read when it never closed
    attributes: tuple[Attribute, ...] = ()
    closed: bool = True
    self_closing: bool = False


_SPACE = "\t\n\x0c\r "
_TAG_NAME = re.compile(r"[^\t\n\x0c\r />]*")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\x0c\r />=]*")
_SPACES = re.compile(r"[\t\n\x0c\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\x0c\r >]*")


def read_markup(text: str, i: int, end: int | None = None) -> Markup | None:
    """The tag or comment a browser reads at text[i] == "<" (reading no further than `end`); None if it is text."""
    end = len(text) if end is None else end
    after = text[i + 1 : i + 2] if i + 1 < end else ""
    if after.isascii() and after.isalpha():
        return _read_tag(text, i, i + 1, end, "start")
    if after == "/":
        name = text[i + 2 : i + 3] if i + 2 < end else ""
        if name.isascii() and name.isalpha():
            return _read_tag(text, i, i + 2, end, "end")
        if name == ">":
            return Markup("end", "", i, i + 3)
        if not name:
            return None
        return _to_gt(text, i, end, "!")
    if after == "!":
        if text.startswith("<!--", i) and i + 4 <= end:
            return _comment(text, i, end)
        return _to_gt(text, i, end, "!")
    if after == "?":
        return _to_gt(text, i, end, "?")
    return None


def _to_gt(text: str, i: int, end: int, name: str) -> Markup:
    close = text.find(">", i + 2, end)
    return Markup("comment", name, i, end if close < 0 else close + 1, closed=close >= 0)


def _comment(text: str, i: int, end: int) -> Markup:
    if text.startswith(">", i + 4, end):
        return Markup("comment", "!--", i, i + 5)
    if text.startswith("->", i + 4, end):
        return Markup("comment", "!--", i, i + 6)
    close = text.find("-->", i + 4, end)
    bang = text.find("--!>", i + 4, close if close >= 0 else end)
    if bang >= 0:
        return Markup("comment", "!--", i, bang + 4)
    return Markup("comment", "!--", i, end if close < 0 else close + 3, closed=close >= 0)


def _read_tag(text: str, i: int, name_start: int, end: int, kind: str) -> Markup:
    match = _TAG_NAME.match(text, name_start, end)
    assert match is not None
    name = match.group().lower()
    j = match.end()
    attributes: list[Attribute] = []
    seen: set[str] = set()
    slash = False  # a "/" right before ">" makes <x/> self-closing (not one that ends a value)
    while j < end:
        char = text[j]
        if char in _SPACE:
            j = _SPACES.match(text, j, end).end()  # type: ignore[union-attr]
            slash = False
            continue
        if char == ">":
            return Markup(kind, name, i, j + 1, tuple(attributes), self_closing=slash)
        if char == "/":
            j += 1
            slash = True
            continue
        slash = False
        start = j
        match = _ATTRIBUTE_NAME.match(text, j + 1, end)  # a first "=" belongs to the name
        assert match is not None
        j = match.end()
        value: str | None = None
        k = _SPACES.match(text, j, end).end()  # type: ignore[union-attr]
        if k < end and text[k] == "=":
            k = _SPACES.match(text, k + 1, end).end()  # type: ignore[union-attr]
            quote = text[k] if k < end else ""
            if quote in ("'", '"') and quote:
                close = text.find(quote, k + 1, end)
                value = text[k + 1 : end if close < 0 else close]
                j = end if close < 0 else close + 1
            else:
                unquoted = _UNQUOTED.match(text, k, end)
                assert unquoted is not None
                value, j = unquoted.group(), unquoted.end()
        attribute = text[start : match.end()].lower()
        if attribute not in seen:  # the parser keeps the first of two attributes of the same name
            seen.add(attribute)
            attributes.append(Attribute(attribute, value, start))
    return Markup(kind, name, i, end, tuple(attributes), closed=False)
