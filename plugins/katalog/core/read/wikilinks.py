"""`[[id]]` and `[[id|text]]` in Markdown bodies, found with their line and column outside code.

Where code is, `markdown_layout` works out as Python-Markdown does; here are the links themselves:
found, listed per line and replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..problems import Position
from .markdown_layout.columns import Columns
from .markdown_layout.layout import layout
from .markdown_layout.lines import TAB

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


@dataclass(frozen=True)
class WikiLink:
    target: str
    text: str | None
    pos: Position


def _may_hold_code(body: str) -> bool:
    return "`" in body or "~~~" in body or "<" in body or "\t" in body or "    " in body


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Lines that are not all code, with code (and <pre>/<code> content) blanked out: same length, so columns hold."""
    if not _may_hold_code(body):
        yield from enumerate(body.split("\n"))
        return
    shape = layout(body)
    for row, text in enumerate(shape.rows):
        if row not in shape.code and row not in shape.html_code:
            yield row, text
            continue
        masked = shape.masked(row)
        if masked.strip() or not text.strip():
            yield row, masked


def find_wikilinks(body: str, first_line: int) -> list[WikiLink]:
    if "[[" not in body:
        return []
    if not _may_hold_code(body):
        return _links_outside_code(body, first_line)
    return links_by_line(body, first_line)


def _links_in(prose: str, original: str) -> Iterator[tuple[re.Match[str], str, str | None]]:
    """Wiki links in a line with code blanked: not where code hides part of the target; text as written."""
    for match in WIKILINK.finditer(prose):
        target = original[match.start(1) : match.end(1)]
        if target != match.group(1):
            continue
        text = original[match.start(2) : match.end(2)].strip() if match.group(2) else None
        yield match, target.strip(), text


def links_by_line(body: str, first_line: int) -> list[WikiLink]:
    links = []
    rows = body.split("\n")
    for index, line in prose_lines(body):
        if "[[" not in line:
            continue
        for match, target, text in _links_in(line, rows[index]):
            links.append(WikiLink(target, text, Position(first_line + index, match.start() + 1)))
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
    """Body with every wiki link outside code replaced by render(target, text).

    Markdown expands tabs by column; on a line with a tab after a link, the rest of the line is written
    with its tabs expanded as they were, so that code after the link keeps its exact spacing.
    """
    if "[[" not in body:
        return body
    lines = body.split("\n")
    for index, prose in prose_lines(body):
        if "[[" not in prose:
            continue
        original = lines[index]
        piece = _pieces_of(original)
        pieces, last = [], 0
        for match, target, text in _links_in(prose, original):
            pieces.append(piece(last, match.start()))
            pieces.append(render(target, text))
            last = match.end()
        if last:
            pieces.append(piece(last, len(original)))
            lines[index] = "".join(pieces)
    return "\n".join(lines)


def _pieces_of(line: str) -> Callable[[int, int], str]:
    if "\t" not in line:
        return lambda start, end: line[start:end]
    table = Columns([line]).table(0)
    assert table is not None
    expanded = line.expandtabs(TAB)
    return lambda start, end: expanded[table[start] : table[end]] if start else line[:end]
