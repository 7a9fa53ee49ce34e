"""Fenced code blocks, as the fenced_code preprocessor finds them before anything else."""

from __future__ import annotations

import re
from bisect import bisect_right

from .attribute_list import attribute_remainder
from .lines import EMPTY, Collect, Line

_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ ]*(?:\{(.*)\}|\.?[\w#.+-]*[ ]*(?:hl_lines=([\"'])(.*?)\3[ ]*)?)")
_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ ]*")


def fenced_code(lines: list[Line], found: Collect) -> list[Line]:
    """A fence in column 0 up to the first line with exactly the same fence; unclosed fences are text."""
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.s[:3] in ("```", "~~~"):
            match = _FENCE_CLOSE.fullmatch(line.s)
            if match:
                closers.setdefault(match.group(1), []).append(index)
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opener = _FENCE_OPEN.fullmatch(line.s) if line.s[:3] in ("```", "~~~") else None
        if opener is not None:
            candidates = closers.get(opener.group(1), [])
            at = bisect_right(candidates, index)
            attributes = opener.group(2)
            if at < len(candidates) and (attributes is None or not attribute_remainder(attributes)):
                close = candidates[at]
                for inner in lines[index : close + 1]:
                    found.mark_code(inner)
                if attributes is not None and line.row >= 0:
                    found.fence_attributes.append((line.row, opener.start(2), attributes))
                _, placeholder = found.new_placeholder()
                out += [EMPTY, Line(placeholder, -1, 0), EMPTY]
                index = close + 1
                continue
        out.append(line)
        index += 1
    return out
