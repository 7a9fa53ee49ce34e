"""The text the HTML extractor reads, positions in it, and the text it hands on with raw blocks as placeholders."""

from __future__ import annotations

import re
from bisect import bisect_right

from .lines import Collect, Line
from .model import Segment

BLANK_AFTER = re.compile(r"([ ]*\n){2}")


class ExtractorOutput:
    """The extractor's text (its lines joined) and what it writes instead: body text, placeholders, line breaks."""

    def __init__(self, lines: list[Line], found: Collect) -> None:
        self.lines, self.found = lines, found
        self.doc = "\n".join(line.s for line in lines)
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line.s) + 1)
        self.pending: list[Segment] = []  # moved raw HTML: it goes with the next raw block, or to the end
        self.pieces: list[tuple[int, int] | str] = []  # body text (start, end) of self.doc, or made text
        self.emitted = 0
        self.out_ends_with = "\n\n"

    # -- output ------------------------------------------------------------------------------------

    def emit_source(self, end: int) -> None:
        if end > self.emitted:
            self.pieces.append((self.emitted, end))
            text = self.doc[max(self.emitted, end - 2) : end]
            self.out_ends_with = (self.out_ends_with + text)[-2:]
        self.emitted = max(self.emitted, end)

    def emit(self, text: str) -> None:
        if text:
            self.pieces.append(text)
            self.out_ends_with = (self.out_ends_with + text)[-2:]

    def raw_block(
        self,
        start: int,
        end: int,
        kind: str = "raw",
        content: tuple[int, int] | None = None,
        pending: bool = False,
        tail: bool = False,
    ) -> None:
        """Replace doc[start:end] (already announced with "\\n" for a raw block) by a placeholder."""
        number, placeholder = self.found.new_placeholder()
        if kind == "raw":
            moved, self.pending = (self.pending, []) if pending else ([], self.pending)
            self.found.raw.append(moved + self.segments(start, end))
        else:
            a, b = content or (end, end)
            self.found.raw.append(self.segments(start, a))
            self.found.raw.append(self.segments(b, end))
            self.found.md_blocks[number] = (kind, self.lines_between(a, b), tail)
        self.emit(placeholder)
        self.emitted = end

    # -- positions -----------------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def at_line_start(self, offset: int) -> bool:
        begin = self.starts[self.line_of(offset)]
        return offset - begin <= 3 and not self.doc[begin:offset].strip()

    def segments(self, start: int, end: int) -> list[Segment]:
        result: list[Segment] = []
        index = self.line_of(start)
        while start < end and index < len(self.lines):
            line, begin = self.lines[index], self.starts[index]
            result.extend(line.sources(start - begin, min(end, begin + len(line.s)) - begin))
            index += 1
            start = self.starts[index] if index < len(self.starts) else end
        return result

    def lines_between(self, start: int, end: int) -> list[Line]:
        result = []
        index = self.line_of(start)
        while index < len(self.lines) and self.starts[index] <= end:
            line, begin = self.lines[index], self.starts[index]
            result.append(line.slice(max(start - begin, 0), min(end - begin, len(line.s))))
            index += 1
        return result

    # -- html.parser's reading of a start tag ----------------------------------------------------------
    def close_raw(self, start: int, end: int) -> bool:
        """End the raw block doc[start:end]; whether text follows on its line (Markdown's "tail")."""
        blank = BLANK_AFTER.match(self.doc, end) is not None
        self.raw_block(start, end, pending=True)
        self.emit("\n\n")
        return not blank

    def to_lines(self) -> list[Line]:
        """The pieces as lines, each knowing where in the body its parts come from."""
        lines: list[Line] = []
        current: list[str] = []
        parts: list[tuple[int, Line]] = []  # (offset in the line, part of a line of the body)
        width = 0
        for piece in self.pieces:
            if isinstance(piece, str):
                for number, text in enumerate(piece.split("\n")):
                    if number:
                        lines.append(self.made_line(current, parts))
                        current, parts, width = [], [], 0
                    current.append(text)
                    width += len(text)
                continue
            start, end = piece
            index = self.line_of(start)
            while start < end:
                line, begin = self.lines[index], self.starts[index]
                part = line.slice(start - begin, min(end - begin, len(line.s)))
                if part.s:
                    parts.append((width, part))
                current.append(part.s)
                width += len(part.s)
                if begin + len(line.s) < end:
                    lines.append(self.made_line(current, parts))
                    current, parts, width = [], [], 0
                index += 1
                start = self.starts[index] if index < len(self.starts) else end
        lines.append(self.made_line(current, parts))
        return lines

    @staticmethod
    def made_line(texts: list[str], parts: list[tuple[int, Line]]) -> Line:
        text = "".join(texts)
        if not parts:
            return Line(text, -1, 0, 0)
        extra: list[tuple[int, int, int, int]] = []
        row, col, n = -1, 0, 0
        for offset, part in parts:
            if offset == 0:
                row, col, n = part.row, part.col, part.n
            elif part.n:
                extra.append((offset, part.n, part.row, part.col))
            extra.extend((offset + o, length, r, c) for o, length, r, c in part.extra)
        return Line(text, row, col, n, tuple(extra))
