"""The lines of a block, the searches the block processors make in them (each done once), and detabbing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .lines import TAB, Line


class Lines:
    """A list of lines with the searches the block processors make, each done once over the list."""

    __slots__ = ("items", "next")

    def __init__(self, items: list[Line]) -> None:
        self.items = items
        self.next: dict[str, list[int]] = {}

    def first(self, kind: str, start: int, end: int) -> int:
        """The first index in [start, end) whose line is of `kind`, or -1."""
        table = self.next.get(kind)
        if table is None:
            test = _LINE_KINDS[kind]
            table = [0] * (len(self.items) + 1)
            following = len(self.items)
            table[following] = following
            for index in range(len(self.items) - 1, -1, -1):
                if test(self.items[index].s):
                    following = index
                table[index] = following
            self.next[kind] = table
        found = table[start] if start < len(table) else len(self.items)
        return found if found < end else -1


QUOTE = re.compile(r"[ ]{0,3}>[ ]?")
ADMONITION = re.compile(r'!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *')
_REFERENCE_START = re.compile(r"[ ]{0,3}\[[^\[\]]*\]:")


def _is_hr(s: str) -> bool:
    body = s.lstrip(" ")
    if len(s) - len(body) > 3 or not body or body[0] not in "-_*":
        return False
    char, count, spaces = body[0], 0, 0
    for c in body.rstrip(" "):
        if c == char:
            count += 1
            spaces = 0
        elif c == " " and spaces < 2:
            spaces += 1
        else:
            return False
    return count >= 3


def _heading_line(s: str) -> bool:
    if not s.startswith("#"):
        return False
    index = len(s) - len(s.lstrip("#"))
    while index < len(s):  # a backslash takes the next character; a lone one at the end spoils the heading
        if s[index] == "\\":
            if index + 1 >= len(s):
                return False
            index += 2
        else:
            index += 1
    return True


def heading_text(s: str) -> tuple[int, int]:
    """Where a heading's text is on its line: after up to six #, before a closing run of # (not escaped)."""
    level = min(6, len(s) - len(s.lstrip("#")))
    index, end = level, len(s)
    while index < len(s):
        if s[index] == "\\":
            index += 2
        elif s[index] == "#":
            run = index
            while index < len(s) and s[index] == "#":
                index += 1
            if index == len(s):
                end = run
        else:
            index += 1
    return level, end


_LINE_KINDS: dict[str, Callable[[str], bool]] = {
    "hash": _heading_line,
    "hr": _is_hr,
    "quote": lambda s: QUOTE.match(s) is not None,
    "admonition": lambda s: s.startswith("!!!") and ADMONITION.fullmatch(s) is not None,
    "reference": lambda s: _REFERENCE_START.match(s) is not None,
}

Block = tuple[Lines, int, int]


def is_empty(block: Block) -> bool:
    lines, start, end = block
    return end - start == 1 and not lines.items[start].s


def split_blocks(lines: Lines, start: int, end: int) -> list[Block]:
    """str.split("\\n\\n") on lines."""
    blocks: list[Block] = []
    begin, index = start, start + 1
    while index < end:
        if not lines.items[index].s and index + 1 < end:
            blocks.append((lines, begin, index))
            begin = index + 1
            index += 2
        else:
            index += 1
    blocks.append((lines, begin, end))
    return blocks


def block_of(items: list[Line]) -> Block:
    return (Lines(items), 0, len(items))


def detab(block: Block, length: int) -> tuple[list[Line], Block | None]:
    """The indented lines at the start of the block, less the indent; the rest of the block, if any."""
    lines, start, end = block
    content: list[Line] = []
    for line in lines.items[start:end] if end - start < 64 else _lines_of(lines, start, end):
        if line.s.startswith(" " * length):
            content.append(line.cut(length))
        elif not line.s.strip():
            content.append(Line("", line.row, line.col))
        else:
            break
    rest = start + len(content)
    return content, ((lines, rest, end) if rest < end else None)


def _lines_of(lines: Lines, start: int, end: int) -> Iterator[Line]:
    for index in range(start, end):
        yield lines.items[index]


def loose_detab(items: list[Line], level: int) -> list[Line]:
    width = TAB * level
    return [line.cut(width) if line.s.startswith(" " * width) else line for line in items]
