"""The layout of a body: which characters are code, raw HTML or inline text, as rows and columns."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

Segment = tuple[int, int, int]  # row (0-based line of the body), start column, end column (0-based, end excluded)


@dataclass(frozen=True)
class Span:
    """Text Python-Markdown handles as one piece: a paragraph, heading, list item or table row; or a raw HTML block."""

    segments: tuple[Segment, ...]
    heading: bool = False  # a heading or table row: an attribute list at its end applies to it
    moved: bool = False  # raw HTML Python-Markdown moves to the end of the page


@dataclass
class Layout:
    rows: list[str]
    code: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # Markdown code, per row
    html_code: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # inside <pre> and <code>
    inline: list[Span] = field(default_factory=list)  # rendered inline: links, tags, attribute lists
    raw: list[Span] = field(default_factory=list)  # raw HTML blocks, passed on as written
    references: list[tuple[int, int, str]] = field(default_factory=list)  # `[label]: url` definitions
    fence_attributes: list[tuple[int, int, str]] = field(default_factory=list)  # ``` {attributes}

    def masked(self, row: int, *, html_code: bool = True) -> str:
        """The row with code (and the content of <pre> and <code> elements) replaced by spaces."""
        text = self.rows[row]
        ranges = self.code.get(row, [])
        if html_code:
            ranges = ranges + self.html_code.get(row, [])
        if not ranges:
            return text
        pieces, last = [], 0
        for start, end in sorted(ranges):
            start = max(start, last)
            if end > start:
                pieces.append(text[last:start])
                pieces.append(" " * (end - start))
                last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def text_of(self, span: Span, *, html_code: bool = False) -> tuple[str, list[tuple[int, int, int]]]:
        """The span's text with code blanked, and where each of its lines starts: (offset, row, column)."""
        pieces, starts, offset = [], [], 0
        for row, start, end in span.segments:
            starts.append((offset, row, start))
            piece = self.masked(row, html_code=html_code)[start:end]
            pieces.append(piece)
            offset += len(piece) + 1
        return "\n".join(pieces), starts


def position_in(starts: list[tuple[int, int, int]], offset: int) -> tuple[int, int]:
    """(row, column) of an offset into text_of's text."""
    index = bisect_right(starts, (offset, 1 << 62, 0)) - 1
    begin, row, column = starts[index]
    return row, column + offset - begin
