"""`layout(body)`: the steps over a whole body (fences, raw HTML, blocks, inline code), in the body's columns."""

from __future__ import annotations

import functools
import gc

from .block_parser import parse_document
from .code_spans import chunk_marks
from .columns import Columns
from .fenced_code import fenced_code
from .html_code import mark_html_code
from .lines import EMPTY, TAB, Collect, Line
from .model import Layout, Segment, Span


@functools.lru_cache(maxsize=16)
def layout(body: str) -> Layout:
    """Where Python-Markdown sees code, raw HTML and inline text in `body` (cached: check and render ask twice)."""
    # Many small objects and no reference cycles: the cycle collector would only make it slower, and
    # on long bodies more than linearly so.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _layout(body)
    finally:
        if collecting:
            gc.enable()


def _layout(body: str) -> Layout:
    rows = body.split("\n")
    found = Collect()
    lines = []
    for row, text in enumerate(rows):
        s = text.expandtabs(TAB) if "\t" in text else text
        if row and s and not s.strip(" "):
            s = ""  # Markdown empties lines of spaces, except the first
        lines.append(Line(s, row, 0))
    lines += [EMPTY, EMPTY]  # Markdown adds "\n\n"
    lines = fenced_code(lines, found)
    parse_document(lines, found, 0)
    for _, content, _ in found.md_blocks.values():  # Markdown-in-HTML Markdown did not get to: passed on as HTML
        found.raw.append([segment for line in content for segment in line.sources()])
    return _finish(rows, found)


def _finish(rows: list[str], found: Collect) -> Layout:
    columns = Columns(rows)
    result = Layout(rows)

    def add(target: dict[int, list[tuple[int, int]]], segment: Segment) -> None:
        row, start, end = columns.segment(segment)
        if end > start:
            target.setdefault(row, []).append((start, end))

    for items, _ in found.inline:
        chunk_marks(items, found)
    for segment in found.code:
        add(result.code, segment)
    for items, heading in found.inline:
        segments = tuple(columns.segment(segment) for line in items for segment in line.sources())
        if segments:
            result.inline.append(Span(segments, heading))
    for raw in found.raw:
        if raw:
            result.raw.append(Span(tuple(columns.segment(segment) for segment in raw)))
    for raw in found.moved:
        if raw:
            result.raw.append(Span(tuple(columns.segment(segment) for segment in raw), moved=True))
    result.references = [(row, columns.start(row, column), url) for row, column, url in found.references]
    result.fence_attributes = [(row, columns.start(row, column), text) for row, column, text in found.fence_attributes]
    if any("<" in row for row in rows):
        mark_html_code(result)
    return result
