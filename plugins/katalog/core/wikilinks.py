"""`[[id]]` and `[[id|text]]` in Markdown bodies, found with their line and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .problems import Position

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class WikiLink:
    target: str
    text: str | None
    pos: Position


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Lines outside fenced code, with inline code blanked out (same length, so columns hold)."""
    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        opener = _FENCE.match(line)
        if fence is None and opener:
            fence = opener.group(1)[0] * 3
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield index, (_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line)


def find_wikilinks(body: str, first_line: int) -> list[WikiLink]:
    if "[[" not in body:
        return []
    if "`" not in body and "~~~" not in body:
        return _links_outside_code(body, first_line)
    return links_by_line(body, first_line)


def links_by_line(body: str, first_line: int) -> list[WikiLink]:
    links = []
    for index, line in prose_lines(body):
        for match in WIKILINK.finditer(line):
            text = match.group(2).strip() if match.group(2) else None
            links.append(WikiLink(match.group(1).strip(), text, Position(first_line + index, match.start() + 1)))
    return links


def _links_outside_code(body: str, first_line: int) -> list[WikiLink]:
    """A body without code: every match is a link. One search of the whole text instead of one per line."""
    links = []
    line, line_start = first_line, 0
    for match in WIKILINK.finditer(body):
        start = match.start()
        newlines = body.count("\n", line_start, start)
        if newlines:
            line += newlines
            line_start = body.rfind("\n", 0, start) + 1
        text = match.group(2).strip() if match.group(2) else None
        links.append(WikiLink(match.group(1).strip(), text, Position(line, start - line_start + 1)))
    return links


def replace_wikilinks(body: str, render: Callable[[str, str | None], str]) -> str:
    """Body with every wiki link outside code replaced by render(target, text)."""
    lines = body.split("\n")
    for index, prose in prose_lines(body):
        if "[[" not in prose:
            continue
        original = lines[index]
        pieces, last = [], 0
        for match in WIKILINK.finditer(prose):
            pieces.append(original[last : match.start()])
            text = match.group(2).strip() if match.group(2) else None
            pieces.append(render(match.group(1).strip(), text))
            last = match.end()
        pieces.append(original[last:])
        lines[index] = "".join(pieces)
    return "\n".join(lines)
