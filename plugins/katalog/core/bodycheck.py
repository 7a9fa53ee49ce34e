"""Find what the sanitiser would remove from a Markdown body, with line and column, before rendering.

`katalog check` and the build report the same problems this way; the renderer then
enforces the same allow-list with nh3 (see render/safety.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .htmlpolicy import ALLOWED_TAGS, URL_ATTRIBUTES, attribute_allowed, url_allowed
from .problems import Position
from .wikilinks import prose_lines

_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_MARKDOWN_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*)\}")


@dataclass(frozen=True)
class Removal:
    code: str  # "html_tag", "html_attribute", "unsafe_link"
    what: str
    pos: Position


def unsafe_parts(body: str, first_line: int) -> Iterator[Removal]:
    for index, line in prose_lines(body):
        line_number = first_line + index
        for match in _TAG.finditer(line):
            name = match.group(2).lower()
            where = Position(line_number, match.start() + 1)
            if name not in ALLOWED_TAGS:
                if not match.group(1):  # report the opening tag only
                    yield Removal("html_tag", f"<{name}>", where)
                continue
            yield from _attributes(name, match.group(3), where)
        for match in _MARKDOWN_LINK.finditer(line):
            if not url_allowed(match.group(2), image=bool(match.group(1))):
                yield Removal("unsafe_link", match.group(2), Position(line_number, match.start(2) + 1))
        for match in _AUTOLINK.finditer(line):
            if not url_allowed(match.group(1)) and "@" not in match.group(1):
                yield Removal("unsafe_link", match.group(1), Position(line_number, match.start(1) + 1))
        for match in _ATTR_LIST.finditer(line):
            for attribute in _ATTRIBUTE.finditer(match.group(1)):
                name = attribute.group(1).lower()
                if attribute.group(2) is not None and name not in ("class", "id", "title", "lang"):
                    yield Removal("html_attribute", name, Position(line_number, match.start() + 1))


def _attributes(tag: str, text: str, where: Position) -> Iterator[Removal]:
    for attribute in _ATTRIBUTE.finditer(text):
        name = attribute.group(1).lower()
        value = (attribute.group(2) or "").strip("\"'")
        if not attribute_allowed(tag, name):
            yield Removal("html_attribute", f"{name} (<{tag}>)", where)
        elif name in URL_ATTRIBUTES and not url_allowed(value, image=tag == "img"):
            yield Removal("unsafe_link", value, where)
