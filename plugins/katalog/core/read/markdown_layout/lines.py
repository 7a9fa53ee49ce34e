"""Lines as Python-Markdown sees them, tied to where they come from in the body, and what the steps collect."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Segment

TAB = 4  # Python-Markdown's tab_length, which MkDocs does not change
MAX_DEPTH = 40  # nesting (lists, quotes, admonitions) followed; Python-Markdown stops near the recursion limit


class Line:
    """A line of the text as Markdown sees it (tabs expanded), and where it comes from in the body.

    `s` starts at expanded column `col` of body row `row` (-1: made by Markdown); its first `n`
    characters are the body's. When Markdown joined pieces of the body into one line (it moves some
    raw HTML away), `extra` says where the others come from: (offset in s, length, row, column).
    """

    __slots__ = ("col", "extra", "n", "row", "s")

    def __init__(
        self, s: str, row: int, col: int, n: int | None = None, extra: tuple[tuple[int, int, int, int], ...] = ()
    ) -> None:
        self.s = s
        self.row = row
        self.col = col
        self.n = len(s) if n is None else n
        self.extra = extra

    def slice(self, start: int, end: int | None = None) -> Line:
        end = len(self.s) if end is None else min(end, len(self.s))
        if start == 0 and end == len(self.s):
            return self
        extra = tuple(
            (max(offset - start, 0), min(offset + length, end) - max(offset, start), row, col + max(0, start - offset))
            for offset, length, row, col in self.extra
            if offset + length > start and offset < end
        )
        return Line(self.s[start:end], self.row, self.col + start, max(0, min(end, self.n) - start), extra)

    def cut(self, k: int) -> Line:
        return self.slice(k) if k else self

    def sources(self, start: int = 0, end: int | None = None) -> Iterator[Segment]:
        """Where s[start:end] is in the body: (row, start column, end column) pieces."""
        end = len(self.s) if end is None else end
        if self.row >= 0 and min(end, self.n) > start:
            yield self.row, self.col + start, self.col + min(end, self.n)
        for offset, length, row, col in self.extra:
            low, high = max(start, offset), min(end, offset + length)
            if row >= 0 and high > low:
                yield row, col + low - offset, col + high - offset


def _placeholder(index: int) -> str:
    return f"\x02wzxhzdk:{index}\x03"


PLACEHOLDER = re.compile("\x02wzxhzdk:([0-9]+)\x03")
EMPTY = Line("", -1, 0)


class Collect:
    """What the steps find, in expanded columns; converted to the body's columns at the end."""

    def __init__(self) -> None:
        self.code: list[Segment] = []
        self.inline: list[tuple[list[Line], bool]] = []
        self.raw: list[list[Segment]] = []
        self.moved: list[list[Segment]] = []
        self.references: list[tuple[int, int, str]] = []
        self.fence_attributes: list[tuple[int, int, str]] = []
        # placeholder -> ("block"/"span", content, whether it starts in a raw block's tail)
        self.md_blocks: dict[int, tuple[str, list[Line], bool]] = {}
        self.placeholders = 0

    def new_placeholder(self) -> tuple[int, str]:
        self.placeholders += 1
        return self.placeholders, _placeholder(self.placeholders)

    def mark_code(self, line: Line, start: int = 0, end: int | None = None) -> None:
        self.code.extend(line.sources(start, end))
