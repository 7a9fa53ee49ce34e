"""Link reference definitions (`[label]: url`), which the block parser takes out of the text."""

from __future__ import annotations

import re

from .block_lines import Block, Lines
from .lines import Collect, Line

_REFERENCE = re.compile(r"""[ ]{0,3}\[([^\[\]]*)\]:[ ]*(\S+)?[ ]*(?:(["'])(.*)\3[ ]*|\((.*)\)[ ]*)?""")
_REFERENCE_NEXT = re.compile(r"""[ ]*(\S+)[ ]*(?:(["'])(.*)\2[ ]*|\((.*)\)[ ]*)?""")
_TITLE_LINE = re.compile(r"""[ ]*(?:(["'])(.*)\1|\((.*)\))[ ]*""")


def reference(found: Collect, stack: list[Block]) -> bool:
    lines, start, end = stack[-1]
    at = lines.first("reference", start, end)
    while at >= 0:
        consumed = _reference_at(found, lines, at, end)
        if consumed:
            stack.pop()
            after = at + consumed
            while after < end:  # more definitions on the lines that follow
                more = _reference_at(found, lines, after, end, single=True)
                if not more:
                    break
                after += more
            while after < end and not lines.items[after].s:
                after += 1
            if after < end and any(line.s.strip() for line in lines.items[after:end]):
                stack.append((lines, after, end))
            before = at
            while before > start and not lines.items[before - 1].s:
                before -= 1
            if any(line.s.strip() for line in lines.items[start:before]):
                stack.append((lines, start, before))
            return True
        at = lines.first("reference", at + 1, end)
    return False


def _reference_at(found: Collect, lines: Lines, at: int, end: int, single: bool = False) -> int:
    """How many lines a link reference definition at lines[at] takes (0: none there)."""
    line = lines.items[at]
    match = _REFERENCE.fullmatch(line.s)
    if match is None:
        return 0
    if match.group(2) is None:
        if single or at + 1 >= end:
            return 0
        following = lines.items[at + 1]
        url = _REFERENCE_NEXT.fullmatch(following.s)
        if url is None:
            return 0
        _add_reference(found, following, url.start(1), url.group(1))
        return 2
    _add_reference(found, line, match.start(2), match.group(2))
    titled = match.group(3) is not None or match.group(5) is not None
    if not single and not titled and at + 1 < end and _TITLE_LINE.fullmatch(lines.items[at + 1].s):
        return 2
    return 1


def _add_reference(found: Collect, line: Line, start: int, url: str) -> None:
    for row, column, _ in line.sources(start, start + 1):
        found.references.append((row, column, url))
